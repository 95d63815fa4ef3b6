import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { CRAFTED, craft } from '../db/crafted.ts'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(argv, { write: (s: string) => ((out += s), true) }, { write: (s: string) => ((err += s), true) })
  return { code, out, err }
}

describe('backup and restore from the CLI', () => {
  it('backs up, exports, and restores; the state before a restore is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-cli-backup-'))
    dirs.push(dir)
    const db = join(dir, 'school.sqlite')
    expect((await cli('settings', '--school-name', 'Eerst', '--db', db)).code).toBe(0)
    const made = JSON.parse((await cli('backup', '--db', db)).out)
    expect(made.file).toContain(join(dir, 'backups'))
    const exported = join(dir, 'export.sqlite')
    expect(JSON.parse((await cli('backup', '--out', exported, '--db', db)).out)).toEqual({ exportedTo: exported })
    expect(readFileSync(exported).subarray(0, 15).toString()).toBe('SQLite format 3')
    expect((await cli('settings', '--school-name', 'Daarna', '--db', db)).code).toBe(0)
    const restored = JSON.parse((await cli('restore', exported, '--db', db)).out)
    expect(existsSync(restored.backupOfPreviousState)).toBe(true)
    expect(JSON.parse((await cli('settings', '--db', db)).out).schoolName).toBe('Eerst')
  })

  it('refuses to restore a file that is not a backup, with a Dutch message, and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-cli-backup-'))
    dirs.push(dir)
    const db = join(dir, 'school.sqlite')
    await cli('settings', '--school-name', 'Blijft', '--db', db)
    const text = join(dir, 'brief.sqlite')
    writeFileSync(text, 'Beste ouders,')
    const r = await cli('restore', text, '--db', db)
    expect(r.code).toBe(1)
    expect(r.err).toContain('geen goede reservekopie')
    expect(JSON.parse((await cli('settings', '--db', db)).out).schoolName).toBe('Blijft')
    expect((await cli('restore', '--db', db)).code).toBe(2)
    const unwritable = await cli('backup', '--out', join(dir, 'no', 'such', 'folder', 'x.sqlite'), '--db', db)
    expect(unwritable).toMatchObject({ code: 1, err: expect.stringContaining('kon niet worden opgeslagen') })
  })

  it('refuses to restore a register file with an extra trigger, like the app does, and changes neither file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-cli-backup-'))
    dirs.push(dir)
    const db = join(dir, 'school.sqlite')
    await cli('settings', '--school-name', 'Blijft', '--db', db)
    const crafted = join(dir, 'reservekopie.sqlite')
    expect((await cli('backup', '--out', crafted, '--db', db)).code).toBe(0)
    craft(crafted, CRAFTED.wipe ?? { does: '', sql: '' })
    const hash = createHash('sha256').update(readFileSync(crafted)).digest('hex')
    const r = await cli('restore', crafted, '--db', db)
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('buiten het programma om is veranderd (extra: trigger keep_tidy)') })
    expect(createHash('sha256').update(readFileSync(crafted)).digest('hex')).toBe(hash)
    expect(JSON.parse((await cli('settings', '--db', db)).out).schoolName).toBe('Blijft')
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.startsWith('.'))).toEqual([])
  })
})

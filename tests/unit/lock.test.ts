import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { startHarness } from '../../electron/web-harness.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDb = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tr-lock-'))
  dirs.push(dir)
  return join(dir, 'school.sqlite')
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(argv, { write: (s: string) => ((out += s), true) }, { write: (s: string) => ((err += s), true) })
  return { code, out, err }
}

describe('one database, one writer', () => {
  it('the app marks the database as its own while it has it open', async () => {
    const db = tempDb()
    const harness = await startHarness({ dbPath: db, staticDir: tmpdir() })
    expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid })
    await harness.close()
    expect(existsSync(`${db}.lock`)).toBe(false)
  })

  it('the CLI only reads a database that a running app holds, and says so in Dutch', async () => {
    const db = tempDb()
    const setup = openCore({ dbPath: db, appVersion: 'test' })
    await setup.dispatch('settings.update', { schoolName: 'OBS De Linde', staffName: 'Ans' })
    setup.close()
    // Another running program (standing in for the desktop app) holds the database.
    const app = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: app.pid, startedAt: '2026-11-22T08:00:00Z' }))
    try {
      const write = await cli('settings', '--school-name', 'Overschreven', '--db', db)
      expect(write.code).toBe(1)
      expect(write.err).toContain('heeft deze database open')
      const read = await cli('settings', '--db', db)
      expect(read.code).toBe(0)
      expect(JSON.parse(read.out)).toMatchObject({ schoolName: 'OBS De Linde' })
      expect(JSON.parse((await cli('info', '--db', db)).out).readOnly).toMatchObject({ reason: 'locked' })
    } finally {
      app.kill()
      await new Promise((done) => app.once('exit', done))
    }
    const after = await cli('settings', '--school-name', 'Nu wel', '--db', db)
    expect(after.code).toBe(0)
    expect(JSON.parse(after.out)).toMatchObject({ schoolName: 'Nu wel' })
  })

  it('ignores a lock left by a program that crashed', async () => {
    const db = tempDb()
    openCore({ dbPath: db, appVersion: 'test' }).close()
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: gone, startedAt: '2026-11-22T08:00:00Z' }))
    const r = await cli('settings', '--school-name', 'Gaat door', '--db', db)
    expect(r.code).toBe(0)
  })

  it('opens a damaged database read-only: nothing is written, and the app says what to do', async () => {
    const db = tempDb()
    const core = openCore({ dbPath: db, appVersion: 'test' })
    await core.dispatch('school.setup', { mode: 'demo' })
    core.close()
    // Damage pages in the middle of the file, as a failing disk would.
    const fd = openSync(db, 'r+')
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, statSync(db).size - 12 * 4096)
    closeSync(fd)
    const damaged = openCore({ dbPath: db, appVersion: 'test' })
    try {
      expect(damaged.ctx.readOnly).toBe('damaged')
      const info = await damaged.dispatch('app.info', {})
      expect(info).toMatchObject({ ok: true, value: { readOnly: { reason: 'damaged', message: expect.stringContaining('reservekopie') } } })
      const write = await damaged.dispatch('settings.update', { schoolName: 'Mag niet' })
      expect(write).toMatchObject({ ok: false, error: { code: 'read_only', message: expect.stringContaining('beschadigd') } })
    } finally {
      damaged.close()
    }
  })
})

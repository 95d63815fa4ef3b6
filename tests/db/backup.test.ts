import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow, dailyBackupIfDue, listBackups, verifyBackup } from '../../electron/core/backup/backup.ts'
import { restoreFrom } from '../../electron/core/backup/restore.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function fileCore(start = new Date('2026-11-22T08:00:00Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'tr-backup-'))
  dirs.push(dir)
  let now = start
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => now })
  return { core, dir, tick: (ms: number) => (now = new Date(now.getTime() + ms)) }
}

describe('backups', () => {
  it('copies the database into backups/ beside it, verified, with the data in it', async () => {
    const { core, dir } = fileCore()
    await core.dispatch('settings.update', { schoolName: 'OBS De Linde' })
    const b = await backupNow(core.ctx, 'manual')
    expect(b).toMatchObject({ reason: 'manual', createdAt: '2026-11-22T08:00:00.000Z' })
    expect(b?.file.startsWith(join(dir, 'backups'))).toBe(true)
    const copy = new Database(b?.file ?? '', { readonly: true })
    expect(copy.prepare(`SELECT value FROM school_settings WHERE key = 'schoolName'`).pluck().get()).toBe('OBS De Linde')
    copy.close()
    core.close()
  })

  it('keeps the newest 14 daily and 20 event backups', async () => {
    const { core, tick } = fileCore()
    for (let i = 0; i < 16; i++) {
      await backupNow(core.ctx, 'daily')
      tick(86_400_000)
    }
    for (let i = 0; i < 22; i++) {
      await backupNow(core.ctx, i % 2 ? 'import' : 'undo')
      tick(1000)
    }
    const all = listBackups(core.ctx.dbPath)
    expect(all.filter((b) => b.reason === 'daily')).toHaveLength(14)
    expect(all.filter((b) => b.reason !== 'daily')).toHaveLength(20)
    expect(all[0]?.reason).toBe('import') // newest first
    core.close()
  })

  it('makes the daily backup once per day', async () => {
    const { core, tick } = fileCore()
    expect(await dailyBackupIfDue(core.ctx)).not.toBeNull()
    tick(3_600_000)
    expect(await dailyBackupIfDue(core.ctx)).toBeNull()
    tick(86_400_000)
    expect(await dailyBackupIfDue(core.ctx)).not.toBeNull()
    core.close()
  })

  it('refuses a damaged copy', () => {
    const { core, dir } = fileCore()
    const bad = join(dir, 'bad.sqlite')
    writeFileSync(bad, 'SQLite format 3\u0000 but nothing else')
    expect(verifyBackup(bad)).toBe(false)
    expect(existsSync(bad)).toBe(true)
    core.close()
  })

  it('restores a backup: the data of then comes back, the state before is kept as a backup', async () => {
    const { core, tick } = fileCore()
    await core.dispatch('settings.update', { schoolName: 'Eerst' })
    const then = await backupNow(core.ctx, 'manual')
    tick(1000)
    await core.dispatch('settings.update', { schoolName: 'Daarna' })
    const safety = await restoreFrom(core.ctx, then?.file ?? '', (p) => openDatabase(p))
    expect(safety?.reason).toBe('restore')
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolName: 'Eerst' } })
    const kept = new Database(safety?.file ?? '', { readonly: true })
    expect(kept.prepare(`SELECT value FROM school_settings WHERE key = 'schoolName'`).pluck().get()).toBe('Daarna')
    kept.close()
    core.close()
  })

  it('refuses a file that is not a good backup, and the database stays as it was', async () => {
    const { core, dir } = fileCore()
    await core.dispatch('settings.update', { schoolName: 'Blijft' })
    const bad = join(dir, 'geen-backup.sqlite')
    writeFileSync(bad, 'dit is tekst')
    await expect(restoreFrom(core.ctx, bad, (p) => openDatabase(p))).rejects.toThrow(/geen goede reservekopie/)
    const foreign = join(dir, 'ander.sqlite')
    const other = new Database(foreign)
    other.exec('CREATE TABLE t (x)')
    other.close()
    await expect(restoreFrom(core.ctx, foreign, (p) => openDatabase(p))).rejects.toThrow(/ander programma/)
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolName: 'Blijft' } })
    expect(listBackups(core.ctx.dbPath)).toEqual([])
    core.close()
  })

  it('puts back a good backup when the database is damaged: the app can write again', async () => {
    const { core, dir } = fileCore()
    await core.dispatch('school.setup', { mode: 'demo' })
    const good = await backupNow(core.ctx, 'manual')
    const dbPath = core.ctx.dbPath
    core.close()
    const fd = openSync(dbPath, 'r+')
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, statSync(dbPath).size - 12 * 4096)
    closeSync(fd)
    const damaged = openCore({ dbPath, appVersion: 'test', lock: 'hold' })
    expect(damaged.ctx.readOnly).toBe('damaged')
    await restoreFrom(damaged.ctx, good?.file ?? '', (p) => openDatabase(p))
    expect(damaged.ctx.readOnly).toBeUndefined()
    expect(await damaged.dispatch('settings.update', { schoolName: 'Weer in orde' })).toMatchObject({ ok: true })
    expect((await damaged.dispatch('pupils.list', {})) as { value: unknown[] }).toMatchObject({ ok: true, value: expect.arrayContaining([expect.anything()]) })
    expect(readdirSync(join(dir, 'backups')).some((f) => f.startsWith('beschadigd-'))).toBe(true)
    damaged.close()
  })

  it('refuses to swap the file under an app that holds it', async () => {
    const { core } = fileCore()
    const made = await backupNow(core.ctx, 'manual')
    core.ctx.readOnly = 'locked'
    await expect(restoreFrom(core.ctx, made?.file ?? '', (p) => openDatabase(p))).rejects.toThrow(/heeft deze database open/)
    core.close()
  })
})

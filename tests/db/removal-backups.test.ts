// Older backups after a retention removal: rewritten without the removed data under their own name
// and time, deleted when they cannot be rewritten, and a copy of another register left alone.
// Also measures a removal that rewrites 20 backups of the demo school.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { backupDir, backupNow, dailyBackupIfDue, listBackups, verifyBackup } from '../../electron/core/backup/backup.ts'
import { migrate } from '../../electron/core/db/migrate.ts'
import { LATEST_VERSION } from '../../electron/core/db/migrations/index.ts'
import { ok } from '../helpers/register.ts'
import { pupilLeaves, removeDue } from '../helpers/leavers.ts'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The demo school on a file; its first pupil left on 30-09-2026. */
async function demoWithLeaver() {
  const dir = mkdtempSync(join(tmpdir(), 'tr-removal-backups-'))
  dirs.push(dir)
  let clock = new Date('2026-09-01T08:00:00Z')
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
  await ok(core, 'settings.update', { schoolYear: '2026-2027' })
  await ok(core, 'school.setup', { mode: 'demo' })
  const [first] = await ok(core, 'pupils.list', {})
  if (!first) throw new Error('no pupils')
  const p = await pupilLeaves(core, first.id, '2026-09-30')
  // The form code is this pupil's alone: its bytes mark the pupil's row in a file.
  return { core, dir, pupil: p, name: p.formCode, setClock: (d: Date) => (clock = d) }
}

const holds = (file: string, text: string): boolean => readFileSync(file).includes(Buffer.from(text, 'utf8'))
const formCodeIn = (file: string, id: number): unknown => {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(`SELECT form_code FROM pupils WHERE id = ?`).pluck().get(id)
  } finally {
    db.close()
  }
}

describe('backups after a removal', () => {
  it('rewrites 20 backups of the demo school without the pupil, each under its own name and time, and checked', async () => {
    const r = await demoWithLeaver()
    // 14 daily backups (the most kept) and 6 made by hand, over three weeks.
    for (let day = 0; day < 14; day++) {
      r.setClock(new Date(Date.UTC(2026, 9, 1 + day, 7)))
      await dailyBackupIfDue(r.core.ctx)
    }
    for (let i = 0; i < 6; i++) {
      r.setClock(new Date(Date.UTC(2026, 9, 15 + i, 9)))
      await ok(r.core, 'backups.create', {})
    }
    const before = listBackups(r.core.ctx.dbPath)
    expect(before).toHaveLength(20)
    expect(before.every((b) => holds(b.file, r.name))).toBe(true)
    const times = new Map(before.map((b) => [b.name, statSync(b.file).mtimeMs]))

    r.setClock(new Date('2028-10-15T08:00:00Z'))
    const started = performance.now()
    const result = await removeDue(r.core, r.pupil.id)
    const ms = performance.now() - started
    console.log(`retention removal with 20 backups rewritten: ${Math.round(ms)} ms (${(before.reduce((n, b) => n + b.size, 0) / 20 / 1024) | 0} KB per backup)`)

    expect(result.backupsRewritten.sort()).toEqual(before.map((b) => b.name).sort())
    expect(result.backupsDeleted).toEqual([])
    for (const b of before) {
      expect(holds(b.file, r.name), b.name).toBe(false)
      expect(verifyBackup(b.file)).toBe(true)
      expect(Math.abs(statSync(b.file).mtimeMs - (times.get(b.name) ?? 0))).toBeLessThan(1)
      expect(formCodeIn(b.file, r.pupil.id)).toBeUndefined()
    }
    const after = listBackups(r.core.ctx.dbPath)
    expect(after.map((b) => b.name).sort()).toEqual([...before.map((b) => b.name), result.backup].sort())
    expect(ms).toBeLessThan(60_000)
    r.core.close()
  })

  it('deletes a backup that cannot be rewritten, and says so; a copy of another register keeps its pupil with the same number', async () => {
    const r = await demoWithLeaver()
    await ok(r.core, 'backups.create', {})
    r.setClock(new Date('2026-10-02T08:00:00Z'))
    await ok(r.core, 'backups.create', {})
    const [damaged, good] = listBackups(r.core.ctx.dbPath)
    if (!damaged || !good) throw new Error('no backups')
    // A backup damaged on disk: its first page overwritten.
    const bytes = readFileSync(damaged.file)
    bytes.fill(0x41, 0, 4096)
    writeFileSync(damaged.file, bytes)
    // Another school's register in the folder, under a backup's name: pupil id 1 is another child there.
    const other = openCore({ dbPath: join(r.dir, 'other', 'school.sqlite'), appVersion: 'test', now: () => new Date('2026-09-01T08:00:00Z') })
    await ok(other, 'school.setup', { mode: 'demo' })
    await ok(other, 'backups.create', {})
    const [foreign] = listBackups(other.ctx.dbPath)
    other.close()
    if (!foreign) throw new Error('no foreign backup')
    const foreignCopy = join(backupDir(r.core.ctx.dbPath), 'toestemmingsregister-20260901-070000-000-manual.sqlite')
    copyFileSync(foreign.file, foreignCopy)
    const foreignCode = formCodeIn(foreignCopy, r.pupil.id)
    expect(foreignCode).not.toBe(r.pupil.formCode)

    r.setClock(new Date('2028-10-15T08:00:00Z'))
    const result = await removeDue(r.core, r.pupil.id)
    expect(result.backupsDeleted).toEqual([damaged.name])
    expect(result.backupsRewritten.sort()).toEqual([good.name, 'toestemmingsregister-20260901-070000-000-manual.sqlite'].sort())
    expect(result.message).toContain(`1 kopie kon niet worden herschreven en is gewist: ${damaged.name}`)
    expect(listBackups(r.core.ctx.dbPath).map((b) => b.name)).not.toContain(damaged.name)
    expect(holds(good.file, r.name)).toBe(false)
    expect(formCodeIn(foreignCopy, r.pupil.id)).toBe(foreignCode)
    r.core.close()
  })

  it('rewrites a backup an older version of the app made (schema 30): brought to this schema, without the pupil', async () => {
    const r = await demoWithLeaver()
    mkdirSync(backupDir(r.core.ctx.dbPath), { recursive: true })
    const file = join(backupDir(r.core.ctx.dbPath), 'toestemmingsregister-20260915-080000-000-manual.sqlite')
    const old = new Database(file)
    migrate(old, 30)
    old
      .prepare(`INSERT INTO pupils (id, first_name, last_name_prefix, last_name, form_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', 'x')`)
      .run(r.pupil.id, r.pupil.firstName, r.pupil.lastNamePrefix, r.pupil.lastName, r.pupil.formCode)
    old
      .prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, pupil_id, new_value) VALUES ('2026-09-15T08:00:00Z', 'Ans', 'pupil.create', 'pupil', ?, ?, ?)`)
      .run(r.pupil.id, r.pupil.id, JSON.stringify({ formCode: r.pupil.formCode }))
    old.pragma('journal_mode = DELETE')
    old.close()
    expect(holds(file, r.pupil.formCode)).toBe(true)

    r.setClock(new Date('2028-10-15T08:00:00Z'))
    const result = await removeDue(r.core, r.pupil.id)
    expect(result.backupsRewritten).toContain('toestemmingsregister-20260915-080000-000-manual.sqlite')
    expect(holds(file, r.pupil.formCode)).toBe(false)
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(check.prepare(`SELECT count(*) FROM pupils`).pluck().get()).toBe(0)
    check.close()
    r.core.close()
  })

  it('deletes an expired safety backup when the screen is looked at, but not while another app holds the register', async () => {
    const r = await demoWithLeaver()
    const safety = await backupNow(r.core.ctx, 'retention')
    if (!safety) throw new Error('no backup')
    r.setClock(new Date('2026-09-07T08:00:00Z'))
    expect((await ok(r.core, 'retention.overview', {})).safetyBackups).toEqual([{ name: safety.name, until: '2026-09-08' }])
    r.setClock(new Date('2026-09-09T08:00:00Z'))
    r.core.ctx.readOnly = 'locked'
    await ok(r.core, 'retention.overview', {})
    expect(listBackups(r.core.ctx.dbPath).map((b) => b.name)).toEqual([safety.name])
    delete r.core.ctx.readOnly
    expect((await ok(r.core, 'retention.overview', {})).safetyBackups).toEqual([])
    expect(listBackups(r.core.ctx.dbPath)).toEqual([])
    r.core.close()
  })
})

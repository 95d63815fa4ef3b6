// The computer's clock set back a year, with a full backups folder stamped after it: every action
// that backs up first must still work (through the real dispatch), its own backup must survive its
// own prune, and the daily backup must still be made once a day. The register itself has no change
// after the clock here (the backups came with the folder); when it has, a change is refused with a
// message about the clock (register-clock.ts), never an internal error.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupDir, backupNow, dailyBackupIfDue, listBackups, type BackupInfo } from '../../electron/core/backup/backup.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { fileInput } from '../imports/helpers.ts'
import { proposedRollover } from '../../shared/schoolyear.ts'
import { ok } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const RIGHT = new Date('2026-12-01T09:00:00Z')
const SET_BACK = new Date('2025-12-01T09:00:00Z')

/** The demo school on a file, with 14 daily and 20 other backups stamped a year after the clock. */
async function schoolWithFullBackups(start = SET_BACK): Promise<{ core: Core; setClock: (d: Date) => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-clock-'))
  dirs.push(dir)
  let clock = start
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
  await ok(core, 'school.setup', { mode: 'demo' })
  const one = await backupNow(core.ctx, 'manual')
  if (!one) throw new Error('no backup')
  const folder = backupDir(core.ctx.dbPath)
  for (let i = 1; i <= 34; i++) {
    const at = new Date(RIGHT.getTime() + i * 3_600_000).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19)
    copyFileSync(one.file, join(folder, `toestemmingsregister-${at}-${i <= 14 ? 'daily' : 'manual'}.sqlite`))
  }
  rmSync(one.file)
  expect(listBackups(core.ctx.dbPath)).toHaveLength(34)
  clock = SET_BACK
  return { core, setClock: (d) => (clock = d) }
}

/** The backup made by the action: listed, with the set-back stamp, and the folder still pruned to 14 + 20. */
function expectNewBackup(core: Core, reason: BackupInfo['reason'], before: BackupInfo[]): void {
  const all = listBackups(core.ctx.dbPath)
  const made = all.filter((b) => !before.some((o) => o.name === b.name))
  expect(made.map((b) => b.reason)).toContain(reason)
  expect(made.find((b) => b.reason === reason)?.createdAt.slice(0, 10)).toBe('2025-12-01')
  expect(all.filter((b) => b.reason === 'daily').length).toBeLessThanOrEqual(14)
  expect(all.filter((b) => b.reason !== 'daily').length).toBeLessThanOrEqual(20)
  expect(readdirSync(backupDir(core.ctx.dbPath)).filter((f) => f.startsWith('.'))).toEqual([])
}

describe('backups with the clock set back a year', () => {
  it('a manual backup works and is kept', async () => {
    const { core } = await schoolWithFullBackups()
    const before = listBackups(core.ctx.dbPath)
    expect(await core.dispatch('backups.create', {})).toMatchObject({ ok: true })
    expectNewBackup(core, 'manual', before)
    core.close()
  })

  it('an import and its undo work, each after its own backup', async () => {
    const { core } = await schoolWithFullBackups()
    let before = listBackups(core.ctx.dbPath)
    const commit = await core.dispatch('imports.commit', { files: [fileInput('komma-utf8-bom.csv')] })
    expect(commit).toMatchObject({ ok: true })
    expectNewBackup(core, 'import', before)
    const batchId = commit.ok ? (commit.value as { batch: { id: number } }).batch.id : 0
    before = listBackups(core.ctx.dbPath)
    expect(await core.dispatch('imports.undo', { batchId })).toMatchObject({ ok: true })
    expectNewBackup(core, 'undo', before)
    core.close()
  })

  it('the school year rollover works', async () => {
    const { core } = await schoolWithFullBackups()
    const before = listBackups(core.ctx.dbPath)
    // The demo school was set up in the year of the set-back clock; it moves on from there.
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview.pupils).toHaveLength(160)
    const r = await core.dispatch('schoolyear.rollover', proposedRollover(preview))
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true })
    expectNewBackup(core, 'rollover', before)
    core.close()
  })

  it('the removal after the retention period works', async () => {
    const { core } = await schoolWithFullBackups()
    const [pupil] = await ok(core, 'pupils.list', {})
    if (!pupil) throw new Error('no pupil')
    const detail = await ok(core, 'pupils.get', { id: pupil.id })
    await ok(core, 'pupils.save', {
      id: pupil.id,
      version: detail.version,
      firstName: pupil.firstName,
      lastNamePrefix: pupil.lastNamePrefix,
      lastName: pupil.lastName,
      birthDate: '2008-03-01',
      enrolledOn: '2012-08-20',
      leftOn: '2019-07-31',
    })
    const due = (await ok(core, 'retention.overview', {})).due.find((d) => d.pupilId === pupil.id)
    expect(due).toBeDefined()
    const before = listBackups(core.ctx.dbPath)
    const r = await core.dispatch('retention.remove', { items: [{ pupilId: pupil.id, kinds: due?.kinds.map((k) => k.kind) ?? [] }] })
    expect(r).toMatchObject({ ok: true })
    expectNewBackup(core, 'retention', before)
    core.close()
  })

  it('a restore works, and the backup of the state before it is kept', async () => {
    const { core } = await schoolWithFullBackups()
    await ok(core, 'settings.update', { schoolName: 'Na de klok' })
    const newest = listBackups(core.ctx.dbPath)[0]
    const before = listBackups(core.ctx.dbPath)
    expect(await core.dispatch('backups.restore', { name: newest?.name ?? '' })).toMatchObject({ ok: true })
    expectNewBackup(core, 'restore', before)
    const kept = listBackups(core.ctx.dbPath).find((b) => b.reason === 'restore')
    expect(kept?.createdAt.slice(0, 10)).toBe('2025-12-01')
    core.close()
  })

  it('a change made after the clock is refused with a message about the clock, and the import writes nothing', async () => {
    const { core } = await schoolWithFullBackups(RIGHT)
    const pupils = (await ok(core, 'pupils.list', {})).length
    const r = await core.dispatch('imports.commit', { files: [fileInput('komma-utf8-bom.csv')] })
    expect(r).toMatchObject({ ok: false, error: { code: 'clock', message: expect.stringContaining('Zet de datum en tijd van de computer goed') } })
    expect(await ok(core, 'pupils.list', {})).toHaveLength(pupils)
    core.close()
  })

  it('makes the daily backup once a day while the clock is behind, with names that never collide', async () => {
    const { core, setClock } = await schoolWithFullBackups()
    const first = await dailyBackupIfDue(core.ctx)
    expect(first?.createdAt).toBe('2025-12-01T09:00:00.000Z')
    expect(await dailyBackupIfDue(core.ctx)).toBeNull() // the same day: not again
    setClock(new Date('2025-12-02T09:00:00Z'))
    expect((await dailyBackupIfDue(core.ctx))?.createdAt.slice(0, 10)).toBe('2025-12-02')
    // Two backups in the same millisecond (a clock that stands still) get two names.
    const a = await backupNow(core.ctx, 'manual')
    const b = await backupNow(core.ctx, 'manual')
    expect(a?.name).not.toBe(b?.name)
    expect(listBackups(core.ctx.dbPath).map((x) => x.name)).toEqual(expect.arrayContaining([a?.name, b?.name]))
    core.close()
  })
})

// Restore of crafted files: refused before anything of theirs can run, the chosen file and its folder
// untouched, the register as it was and still working. A good file comes back row for row, through
// a fresh file built from our own schema, also from an older version and from an upload.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { backupDir, backupNow, listBackups } from '../../electron/core/backup/backup.ts'
import { restoreFrom } from '../../electron/core/backup/restore.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { migrate } from '../../electron/core/db/migrate.ts'
import { LATEST_VERSION } from '../../electron/core/db/migrations/index.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { silenceLog } from '../../electron/core/log.ts'
import type { DocumentResult } from '../../shared/documents.contract.ts'
import { AppError } from '../../shared/errors.ts'
import { ok } from '../helpers/register.ts'
import { snapshot } from '../reliability/helpers.ts'
import { craft, craftedCases, foreignWithNegativeVersion } from './crafted.ts'

silenceLog()
const NOW = new Date('2026-11-22T08:00:00Z')
let template = ''
let templateDir = ''
const dirs: string[] = []
beforeAll(async () => {
  templateDir = mkdtempSync(join(tmpdir(), 'tr-restore-template-'))
  template = join(templateDir, 'school.sqlite')
  const core = openCore({ dbPath: template, appVersion: 'test', now: () => NOW })
  await ok(core, 'school.setup', { mode: 'demo' })
  core.close()
})
afterAll(() => rmSync(templateDir, { recursive: true, force: true }))
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const count = (core: Core, table: string): number => core.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

/** The demo school (160 pupils) on a file, and a folder 'gekozen' beside it for the file to restore. */
function demoSchool(): { core: Core; chosenDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tr-restore-'))
  dirs.push(dir)
  copyFileSync(template, join(dir, 'school.sqlite'))
  const chosenDir = join(dir, 'gekozen')
  mkdirSync(chosenDir)
  return { core: openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => NOW }), chosenDir }
}

/**
 * Runs `work` with a temp folder of its own (other processes on this machine use the shared one),
 * and returns what is left in it afterwards.
 */
async function leftInTemp(work: () => Promise<void>): Promise<string[]> {
  const own = mkdtempSync(join(tmpdir(), 'tr-restore-temp-'))
  dirs.push(own)
  const saved = process.env.TMPDIR
  process.env.TMPDIR = own
  try {
    await work()
  } finally {
    if (saved === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = saved
  }
  return readdirSync(own)
}

/** A backup of the register, as a file in the chosen folder. */
async function backupInto(core: Core, chosenDir: string, name: string): Promise<string> {
  const made = await backupNow(core.ctx, 'manual')
  const file = join(chosenDir, name)
  copyFileSync(made?.file ?? '', file)
  rmSync(made?.file ?? '')
  return file
}

/** Restores `file`, which must be refused: an AppError; the file, its folder and the register as they were. */
async function refusedRestore(core: Core, file: string): Promise<AppError> {
  const hash = sha256(file)
  const folder = join(file, '..')
  const listing = readdirSync(folder).sort()
  const before = snapshot(core.ctx.db)
  const error = await restoreFrom(core.ctx, file, (p) => openDatabase(p)).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'the restore is refused').toBeInstanceOf(AppError)
  expect(sha256(file)).toBe(hash)
  expect(readdirSync(folder).sort()).toEqual(listing)
  expect(snapshot(core.ctx.db)).toEqual(before)
  expect(readdirSync(backupDir(core.ctx.dbPath)), 'no staged copies and no backup left behind').toEqual([])
  return error as AppError
}

describe('restoring a crafted file', () => {
  it.each(craftedCases())('refuses %s (%s); the next ordinary save works and keeps a refusal', async (_name, _does, crafted) => {
    const { core, chosenDir } = demoSchool()
    const file = await backupInto(core, chosenDir, 'reservekopie.sqlite')
    craft(file, crafted)
    const e = await refusedRestore(core, file)
    expect(e.message).toMatch(/Het bestand is niet gewijzigd\. .*Het register zelf is niet gewijzigd\./)
    // An ordinary save at the desk: a refusal, and everything else stays.
    const [pupil] = await ok(core, 'pupils.list', {})
    const detail = await ok(core, 'pupils.get', { id: pupil?.id ?? 0 })
    const purposeId = detail.consent[0]?.purposeId ?? 0
    const after = await ok(core, 'consent.record', { pupilId: detail.id, decisions: [{ purposeId, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'desk', consentStamp: detail.consentStamp })
    expect(after.consent.find((c) => c.purposeId === purposeId)?.decision).toBe('refused')
    expect(count(core, 'pupils')).toBe(160)
    expect(count(core, 'consent_records')).toBe(1091)
    core.close()
  })

  it('refuses another program whose database has user_version -1, and migrates nothing', async () => {
    const { core, chosenDir } = demoSchool()
    const file = join(chosenDir, 'notities.db')
    foreignWithNegativeVersion(file)
    expect((await refusedRestore(core, file)).message).toMatch(/van een ander programma/)
    core.close()
  })

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096)],
    ['with a damaged page in the middle', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 8 * 4096), Buffer.alloc(4096, 0xa5), bytes.subarray(9 * 4096)])],
  ])('refuses a backup %s', async (_how, spoil) => {
    const { core, chosenDir } = demoSchool()
    const file = await backupInto(core, chosenDir, 'reservekopie.sqlite')
    writeFileSync(file, spoil(readFileSync(file)))
    expect((await refusedRestore(core, file)).message).toMatch(/geen goede reservekopie/)
    core.close()
  })

  it('refuses a file of our schema whose rows point at pupils that are not there', async () => {
    const { core, chosenDir } = demoSchool()
    const file = await backupInto(core, chosenDir, 'reservekopie.sqlite')
    const raw = new Database(file)
    raw.pragma('foreign_keys = OFF')
    raw.exec(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) SELECT 999999, school_year_id, group_id FROM group_memberships LIMIT 1`)
    raw.close()
    expect((await refusedRestore(core, file)).message).toMatch(/verwijzingen tussen gegevens die niet kloppen/)
    core.close()
  })
})

describe('restoring a good file', () => {
  it('brings back every row as it was, and leaves the chosen file (in WAL mode) and its folder untouched', async () => {
    const { core, chosenDir } = demoSchool()
    const wanted = snapshot(core.ctx.db)
    const file = join(chosenDir, 'export.sqlite')
    await core.ctx.db.backup(file) // an export as the CLI writes it: still marked for WAL mode
    expect(readFileSync(file)[18]).toBe(2)
    const hash = sha256(file)
    await ok(core, 'settings.update', { schoolName: 'Daarna' })
    const safety = await restoreFrom(core.ctx, file, (p) => openDatabase(p))
    expect(snapshot(core.ctx.db)).toEqual(wanted)
    expect(sha256(file)).toBe(hash)
    expect(readdirSync(chosenDir)).toEqual(['export.sqlite'])
    expect(readdirSync(backupDir(core.ctx.dbPath))).toEqual([safety?.name])
    expect(core.ctx.db.pragma('journal_mode', { simple: true })).toBe('wal')
    core.close()
  })

  it('restores a database of an older version of ours, and migrates the copy, not the file', async () => {
    const { core, chosenDir } = demoSchool()
    const file = join(chosenDir, 'oud.sqlite')
    const old = new Database(file)
    migrate(old, 10)
    old.prepare(`INSERT INTO school_settings (key, value) VALUES ('schoolName', 'OBS Van Toen')`).run()
    old.close()
    const hash = sha256(file)
    await restoreFrom(core.ctx, file, (p) => openDatabase(p))
    expect(core.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect((await ok(core, 'settings.get', {})).schoolName).toBe('OBS Van Toen')
    expect(sha256(file)).toBe(hash)
    core.close()
  })

  it('an upload is written only as the staged copy: nothing stays in the temp folder or the backups folder', async () => {
    const { core, chosenDir } = demoSchool()
    const good = await backupInto(core, chosenDir, 'goed.sqlite')
    const bad = await backupInto(core, chosenDir, 'fout.sqlite')
    craft(bad, { does: '', sql: 'CREATE TRIGGER t AFTER INSERT ON audit_log BEGIN SELECT 1; END' })
    const left = await leftInTemp(async () => {
      const refused = await core.dispatch('backups.restoreUpload', { fileName: 'fout.sqlite', data: readFileSync(bad).toString('base64') })
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('Het bestand fout.sqlite is een database van Toestemmingsregister die buiten') } })
      expect(readdirSync(backupDir(core.ctx.dbPath))).toEqual([])
      const restored = await core.dispatch('backups.restoreUpload', { fileName: 'goed.sqlite', data: readFileSync(good).toString('base64') })
      expect(restored).toMatchObject({ ok: true })
    })
    expect(left).toEqual([])
    expect(listBackups(core.ctx.dbPath).map((b) => b.reason)).toEqual(['restore'])
    expect(readdirSync(backupDir(core.ctx.dbPath)).filter((f) => f.startsWith('.'))).toEqual([])
    expect(existsSync(core.ctx.dbPath)).toBe(true)
    core.close()
  })

  it('an export (as bytes, without a copy in the temp folder) restores as it was', async () => {
    const { core, chosenDir } = demoSchool()
    const wanted = snapshot(core.ctx.db)
    const box: { exported?: DocumentResult } = {}
    expect(await leftInTemp(async () => void (box.exported = await ok(core, 'backups.export', { delivery: 'data' })))).toEqual([])
    const exported = box.exported
    if (exported?.delivered !== 'data') throw new Error('no data')
    const file = join(chosenDir, exported.fileName)
    writeFileSync(file, Buffer.from(exported.data, 'base64'))
    await ok(core, 'settings.update', { schoolName: 'Daarna' })
    await restoreFrom(core.ctx, file, (p) => openDatabase(p))
    expect(snapshot(core.ctx.db)).toEqual(wanted)
    core.close()
  })
})

// A full disk: the database on a 2 MB tmpfs, the rest of it filled with a file. A consent record,
// a backup and an import commit each get a clear Dutch message (no SQLITE_FULL, no stack), and
// everything saved before is still there in a file that passes integrity_check.
// Mounting needs root on Linux; elsewhere this file skips, saying why (and fails under CI=true).
import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { listBackups } from '../../electron/core/backup/backup.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import type { ErrorInfo } from '../../shared/errors.ts'
import { bigWorkbook } from '../imports/big-workbook.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { counts, integrity, missingRows, mountTmpfs, snapshot, whyNoMount, type Snapshot } from './helpers.ts'

silenceLog()
const noMount = whyNoMount()
if (noMount) console.error(`\n*** SKIPPED tests/reliability/disk-full.test.ts: ${noMount} ***\n`)

/** A message a user can act on: Dutch, about the disk, and nothing of SQLite or a stack in it. */
function expectDiskMessage(error: ErrorInfo | undefined): void {
  expect(error?.code).toBe('io')
  expect(error?.message).toMatch(/schijf/)
  expect(error?.message).toMatch(/niets/)
  expect(error?.message).not.toMatch(/SQLITE|Error|disk is full|ENOSPC|\n\s+at /)
}

/** Fills the file system with one file until the disk is full; free(bytes) gives room back. */
function filler(dir: string): { free(bytes: number): void; remove(): void } {
  rmSync(join(dir, 'vulsel.bin'), { force: true }) // left by a test that failed
  const path = join(dir, 'vulsel.bin')
  const fd = openSync(path, 'w')
  for (const size of [256 * 1024, 4096, 512]) {
    const chunk = Buffer.alloc(size, 0xa5)
    try {
      for (;;) writeSync(fd, chunk)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e
    }
  }
  return {
    free: (bytes) => ftruncateSync(fd, Math.max(0, statSync(path).size - bytes)),
    remove: () => {
      closeSync(fd)
      rmSync(path, { force: true })
    },
  }
}

describe.skipIf(noMount !== null && process.env.CI !== 'true')('a full disk', () => {
  let fs: ReturnType<typeof mountTmpfs> | undefined
  let core: Core
  let dbPath = ''
  let pupilId = 0
  let purposeIds: number[] = []
  let workbook = ''
  let before: Snapshot

  beforeAll(async () => {
    if (noMount) throw new Error(`CI=true, but this test cannot run here: ${noMount}`)
    fs = mountTmpfs('tr-disk-full-', '2m')
    dbPath = join(fs.dir, 'school.sqlite')
    core = openCore({ dbPath, appVersion: 'test', now: () => new Date('2026-11-22T09:30:00Z') })
    await setUpEmptySchool(core)
    const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
    const pupil = await ok(core, 'pupils.save', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '901', groupId: group.id })
    pupilId = pupil.id
    purposeIds = (await ok(core, 'purposes.list', {})).map((p) => p.id)
    await ok(core, 'consent.record', { pupilId, decisions: purposeIds.map((purposeId) => ({ purposeId, decision: 'granted' as const })), effectiveFrom: '2026-09-01', source: 'paper_form' })
    // 2,000 pupils: far more than the room left, so the import's own write is what fails.
    workbook = (await bigWorkbook(2000)).toString('base64')
    before = snapshot(core.ctx.db)
  }, 60_000)

  afterAll(() => {
    try {
      core?.close()
    } finally {
      fs?.unmount()
    }
  })

  /** After the disk has room again: the file is whole and every row from before is unchanged. */
  function expectNothingLost(): void {
    expect(integrity(core.ctx.db)).toBe('ok')
    expect(missingRows(before, snapshot(core.ctx.db))).toEqual({})
  }

  it('a consent record: a Dutch message that the disk is full; the answers saved before stay', async () => {
    const full = filler(fs?.dir ?? '')
    let saved = 0
    let failure: ErrorInfo | undefined
    try {
      // SQLite may still have room in its write-ahead log for a record or two; the next one fails.
      for (let i = 0; i < 200 && !failure; i++) {
        const r = await core.dispatch('consent.record', {
          pupilId,
          decisions: purposeIds.map((purposeId) => ({ purposeId, decision: i % 2 ? 'granted' : 'refused' })),
          effectiveFrom: '2026-11-22',
          source: 'desk',
          note: `Telefonisch doorgegeven, poging ${i}. ${'x'.repeat(4000)}`,
        })
        if (r.ok) saved++
        else failure = r.error
      }
      expectDiskMessage(failure)
    } finally {
      full.remove()
    }
    expectNothingLost()
    // What was saved before the disk ran full is there too; the failed one left nothing half.
    expect(counts(core.ctx.db).consent_records).toBe(purposeIds.length * (1 + saved))
    await ok(core, 'consent.record', { pupilId, decisions: [{ purposeId: purposeIds[0] ?? 0, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'desk' })
    before = snapshot(core.ctx.db)
  })

  it('a backup: a Dutch message, and no half backup left behind', async () => {
    const had = listBackups(dbPath).length
    const folder = join(fs?.dir ?? '', 'backups')
    const inFolder = (): string[] => (existsSync(folder) ? readdirSync(folder).sort() : [])
    const files = inFolder()
    const full = filler(fs?.dir ?? '')
    try {
      const r = await core.dispatch('backups.create', {})
      expect(r.ok).toBe(false)
      expect(r.ok ? undefined : r.error.message).toMatch(/reservekopie/)
      expectDiskMessage(r.ok ? undefined : r.error)
      expect(listBackups(dbPath)).toHaveLength(had)
      expect(inFolder()).toEqual(files) // not even a hidden partial copy
    } finally {
      full.remove()
    }
    expectNothingLost()
  })

  it('an import commit with room for its backup but not for the batch: a Dutch message, nothing of the batch written', async () => {
    const batchesBefore = counts(core.ctx.db).import_batches
    const backupsBefore = listBackups(dbPath).length
    const full = filler(fs?.dir ?? '')
    try {
      // Room for the backup it makes first (a copy of the file, 64 KB to spare), not for 2,000 pupils.
      full.free(statSync(dbPath).size + statSync(`${dbPath}-wal`).size + 64 * 1024)
      const r = await core.dispatch('imports.commit', { files: [{ name: 'inschrijvingen.xlsx', data: workbook }] })
      expect(r.ok).toBe(false)
      expectDiskMessage(r.ok ? undefined : r.error)
      // The backup was made; the batch's own write is what ran out of room, and it left nothing.
      expect(listBackups(dbPath).length).toBe(backupsBefore + 1)
      expect(counts(core.ctx.db).import_batches).toBe(batchesBefore)
    } finally {
      full.remove()
    }
    expectNothingLost()
  }, 60_000)

  it('the same import from the terminal: exit code 1 and the Dutch message, nothing written', async () => {
    const file = join(fs?.dir ?? '', 'inschrijvingen.xlsx')
    const full = filler(fs?.dir ?? '')
    let out = ''
    let err = ''
    try {
      // The workbook itself takes room on the small disk: write it into the room the filler gives back.
      full.free(Buffer.byteLength(workbook, 'base64') + 64 * 1024)
      const fd = openSync(file, 'w')
      writeSync(fd, Buffer.from(workbook, 'base64'))
      closeSync(fd)
      full.free(statSync(dbPath).size + statSync(`${dbPath}-wal`).size + 64 * 1024)
      const code = await main(['import', '--commit', '--json', file, '--db', dbPath], { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) })
      expect(code).toBe(1)
      expect(out).toBe('')
      expectDiskMessage({ code: 'io', message: err.trim() })
    } finally {
      rmSync(file, { force: true })
      full.remove()
    }
    expectNothingLost()
  }, 60_000)

  it('after all that, the database opens normally elsewhere and holds what was saved', () => {
    core.close()
    const db = new Database(dbPath, { readonly: true })
    try {
      expect(integrity(db)).toBe('ok')
      expect(missingRows(before, snapshot(db))).toEqual({})
      expect(missingRows(snapshot(db), before)).toEqual({})
    } finally {
      db.close()
    }
    core = openCore({ dbPath, appVersion: 'test' })
    expect(core.ctx.readOnly).toBeUndefined()
  })
})

// The search index (electron/core/pupils/pupil-index.ts) follows every write of the register at
// once: a save, a guardian's new name or link, an import and its undo, a restore, a removal after
// the retention period, a school year's leavers, another connection's write and a rolled-back
// transaction. Each is checked through pupils.search and the list filter, as the desk sees them;
// a removed pupil must be gone from both at once (privacy).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { pupilIndex } from '../../electron/core/pupils/pupil-index.ts'
import { searchPupils } from '../../electron/core/pupils/pupil-search.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { fileInput } from '../imports/helpers.ts'

silenceLog()
let dir: string
let core: Core
let clock: Date

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tr-index-'))
  clock = new Date('2026-11-22T09:30:00Z')
  core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
  await setUpEmptySchool(core)
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

const names = async (query: string, includeLeft = false): Promise<string[]> => (await ok(core, 'pupils.search', { query, includeLeft })).map((p) => [p.firstName, p.lastNamePrefix, p.lastName].filter(Boolean).join(' '))
const listed = async (query: string): Promise<string[]> => (await ok(core, 'pupils.filter', { query })).pupils.map((p) => p.firstName)

describe('the search index follows the desk at once', () => {
  it('a new pupil, a new name and leaving the school', async () => {
    expect(await names('zoe')).toEqual([])
    const zoe = await ok(core, 'pupils.save', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', studentNumber: '4711', enrolledOn: '2022-09-01' })
    expect(await names('zoe berg')).toEqual(['Zoë van der Berg'])
    expect(await listed('471')).toEqual(['Zoë'])
    const renamed = await ok(core, 'pupils.save', { id: zoe.id, version: zoe.version, lastNamePrefix: '', lastName: 'Jansen-de Vries' })
    expect(await names('berg')).toEqual([])
    expect(await listed('berg')).toEqual([])
    expect(await names('vries')).toEqual(['Zoë Jansen-de Vries'])
    expect(await names('jansen-de')).toEqual(['Zoë Jansen-de Vries'])
    await ok(core, 'pupils.save', { id: zoe.id, version: renamed.version, leftOn: '2026-11-20', leavingReason: 'verhuisd' })
    expect(await names('zoe')).toEqual([])
    expect(await names('zoe', true)).toEqual(['Zoë Jansen-de Vries'])
    expect(pupilIndex(core.ctx.db).builds).toBe(1) // followed one pupil at a time, not built again
  })

  it("a guardian's name: when added, changed for all siblings, and after unlinking", async () => {
    const zoe = await ok(core, 'pupils.save', { firstName: 'Zoë', lastName: 'Berg' })
    const daan = await ok(core, 'pupils.save', { firstName: 'Daan', lastName: 'Berg' })
    const mother = await ok(core, 'guardians.save', { pupilId: zoe.id, name: 'Marieke Smit', relation: 'moeder' })
    expect(await names('marieke')).toEqual(['Zoë Berg'])
    await ok(core, 'guardians.link', { pupilId: daan.id, guardianId: mother.id, relation: 'moeder' })
    expect(await names('smit')).toEqual(['Daan Berg', 'Zoë Berg'])
    await ok(core, 'guardians.save', { id: mother.id, version: mother.version, pupilId: zoe.id, name: 'Marieke Yılmaz', relation: 'moeder' })
    expect(await names('smit')).toEqual([])
    expect(await names('yilmaz')).toEqual(['Daan Berg', 'Zoë Berg'])
    await ok(core, 'guardians.unlink', { pupilId: daan.id, guardianId: mother.id })
    expect(await names('yilmaz')).toEqual(['Zoë Berg'])
  })

  it('an import and its undo', async () => {
    const commit = await ok(core, 'imports.commit', { files: [fileInput('administratie-export.xlsx')] })
    expect(await names('zoe')).toEqual(['Zoë van der Berg'])
    expect(await listed('van')).toContain('Zoë')
    await ok(core, 'imports.undo', { batchId: commit.batch?.id ?? 0 })
    expect(await names('zoe')).toEqual([])
    expect(await listed('')).toEqual([])
  })

  it('a restore: the register as it was, without the pupil added after the backup', async () => {
    await ok(core, 'pupils.save', { firstName: 'Anna', lastName: 'de Boer' })
    const backup = (await ok(core, 'backups.create', {})).backups[0]?.name ?? ''
    await ok(core, 'pupils.save', { firstName: 'Bram', lastName: 'de Boer' })
    expect(await names('boer')).toEqual(['Anna de Boer', 'Bram de Boer'])
    await ok(core, 'backups.restore', { name: backup })
    expect(await names('boer')).toEqual(['Anna de Boer'])
    expect(await listed('bram')).toEqual([])
  })

  it('a removal after the retention period: gone from search, also with left pupils, and from the list', async () => {
    const noor = await ok(core, 'pupils.save', { firstName: 'Noor', lastName: 'Zwanenburg', enrolledOn: '2020-09-01', leftOn: '2026-10-01', leavingReason: 'verhuisd' })
    await ok(core, 'guardians.save', { pupilId: noor.id, name: 'Petra Zwanenburg', relation: 'moeder' })
    expect(await names('zwanenburg', true)).toEqual(['Noor Zwanenburg'])
    clock = new Date('2031-11-01T08:00:00Z')
    const due = (await ok(core, 'retention.overview', {})).due.find((d) => d.pupilId === noor.id)
    expect(due?.kinds.map((k) => k.kind)).toContain('pupil')
    await ok(core, 'retention.remove', { items: [{ pupilId: noor.id, kinds: due?.kinds.map((k) => k.kind) ?? [] }] })
    expect(await names('noor', true)).toEqual([])
    expect(await names('petra', true)).toEqual([])
    expect((await ok(core, 'pupils.filter', { query: 'noor', includeLeft: true })).pupils).toEqual([])
    expect(pupilIndex(core.ctx.db).get(noor.id)).toBeUndefined()
  })

  it("another connection's write (the terminal) is found by the next search", async () => {
    await ok(core, 'pupils.save', { firstName: 'Anna', lastName: 'de Boer' })
    expect(await names('sem')).toEqual([])
    const other = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
    await ok(other, 'pupils.save', { firstName: 'Sem', lastName: 'Visser' })
    other.close()
    expect(await names('sem')).toEqual(['Sem Visser'])
  })

  it('a rolled-back save leaves no pupil behind in the index', async () => {
    const { db } = core.ctx
    let during: string[] = []
    const attempt = db.transaction(() => {
      db.prepare(`INSERT INTO pupils (first_name, last_name, form_code, created_at, updated_at) VALUES ('Spook', 'Jansen', 'TR-2345AB', '', '')`).run()
      during = searchPupils(core.ctx, { query: 'spook', includeLeft: false, limit: 5 }).map((p) => p.firstName)
      throw new Error('rolled back')
    })
    expect(attempt).toThrow('rolled back')
    expect(during).toEqual(['Spook']) // seen inside its own transaction
    expect(await names('spook')).toEqual([])
  })

  it('a one-letter search: names that start with it first, alphabetical on surname, then other matches', async () => {
    const pupils: [string, string, string][] = [
      ['Eva', '', 'Visser'],
      ['Bram', '', 'Smit'],
      ['Anna', '', 'Berg'],
      ['Sem', '', 'Bakker'],
      ['Zoë', 'van', 'Beek'],
    ]
    for (const [firstName, lastNamePrefix, lastName] of pupils) {
      await ok(core, 'pupils.save', { firstName, lastNamePrefix, lastName })
    }
    const eva = (await ok(core, 'pupils.filter', { query: 'eva' })).pupils[0]
    await ok(core, 'guardians.save', { pupilId: eva?.id ?? 0, name: 'Bob Visser', relation: 'vader' })
    expect(await names('b')).toEqual(['Sem Bakker', 'Zoë van Beek', 'Anna Berg', 'Bram Smit', 'Eva Visser'])
    expect(await names('v')).toEqual(['Eva Visser', 'Zoë van Beek'])
    expect((await ok(core, 'pupils.search', { query: 'b', limit: 2 })).map((p) => p.lastName)).toEqual(['Bakker', 'Beek'])
  })

  it('keeps its triggers out of the file: the schema on disk is what the migrations make', async () => {
    await names('a')
    const onDisk = core.ctx.db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'pupil_index%'`).pluck().all()
    expect(onDisk).toEqual([])
    expect(core.ctx.db.prepare(`SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'`).pluck().get()).toBeGreaterThan(0)
  })

  it("a hit shows the pupil's new group and guardian's name at once, though hit rows are kept while typing", async () => {
    const five = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
    const six = await ok(core, 'groups.save', { name: '6', teacherName: 'Meester Bas' })
    const zoe = await ok(core, 'pupils.save', { firstName: 'Zoë', lastName: 'Berg', groupId: five.id })
    const mother = await ok(core, 'guardians.save', { pupilId: zoe.id, name: 'Marieke Berg', relation: 'moeder' })
    const hit = async () => (await ok(core, 'pupils.search', { query: 'berg' }))[0]
    expect(await hit()).toMatchObject({ groupName: '5', guardianNames: 'Marieke Berg' })
    await ok(core, 'pupils.save', { id: zoe.id, version: zoe.version, groupId: six.id })
    expect(await hit()).toMatchObject({ groupName: '6' })
    await ok(core, 'guardians.save', { id: mother.id, version: mother.version, pupilId: zoe.id, name: 'Marieke de Berg', relation: 'moeder' })
    expect(await hit()).toMatchObject({ groupName: '6', guardianNames: 'Marieke de Berg' })
  })
})

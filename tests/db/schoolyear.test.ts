import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { proposeTarget } from '../../shared/schoolyear.ts'
import { ok } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

async function demoOnFile(now = new Date('2027-07-20T10:00:00Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'tr-year-'))
  dirs.push(dir)
  let clock = now
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
  await ok(core, 'settings.update', { schoolYear: '2026-2027' })
  await ok(core, 'school.setup', { mode: 'demo' })
  return { core, dir, setClock: (d: Date) => (clock = d) }
}

const mappingFrom = (preview: { groups: { groupId: number; target: string | null; teacherName: string }[] }) =>
  preview.groups.map((g) => ({ groupId: g.groupId, target: g.target, teacherName: g.teacherName, teacherEmail: '' }))

describe('school year rollover', () => {
  it('proposes the next group for each group, and group 8 leaves', () => {
    expect(['1/2a', '1/2b', '3', '7b', '8', '8b'].map(proposeTarget)).toEqual(['3a', '3b', '4', '8b', null, null])
  })

  it('moves every pupil up, marks group 8 as leavers, keeps consent and last year readable; twice is refused', async () => {
    const { core } = await demoOnFile()
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview).toMatchObject({ fromYear: '2026-2027', toYear: '2027-2028', leavingDate: '2027-07-31', alreadyDone: false })
    const before = core.ctx.db.prepare(`SELECT count(*) FROM consent_records`).pluck().get()
    const group3 = preview.groups.find((g) => g.name === '3')
    const pupilOf3 = (await ok(core, 'pupils.list', { groupId: group3?.groupId }))[0]
    const result = await ok(core, 'schoolyear.rollover', { toYear: '2027-2028', leavingDate: '2027-07-31', groups: mappingFrom(preview) })
    expect(result).toMatchObject({ moved: 140, left: 20, groupsCreated: 7, toYear: '2027-2028' })
    expect(result.backup).toMatch(/rollover\.sqlite$/)
    expect((await ok(core, 'settings.get', {})).schoolYear).toBe('2027-2028')
    const groups = await ok(core, 'groups.list', {})
    expect(groups.map((g) => g.name)).toEqual(['3a', '3b', '4', '5', '6', '7', '8'])
    const moved = await ok(core, 'pupils.get', { id: pupilOf3?.id ?? 0 })
    expect(moved.groupName).toBe('4')
    expect(core.ctx.db.prepare(`SELECT count(*) FROM consent_records`).pluck().get()).toBe(before)
    const lastYear = core.ctx.db.prepare(`SELECT count(*) FROM group_memberships m JOIN school_years y ON y.id = m.school_year_id WHERE y.name = '2026-2027'`).pluck().get()
    expect(lastYear).toBe(160)
    const leavers = core.ctx.db.prepare(`SELECT count(*) FROM pupils WHERE left_on = '2027-07-31'`).pluck().get()
    expect(leavers).toBe(20)

    await ok(core, 'settings.update', { schoolYear: '2026-2027' })
    const again = await core.dispatch('schoolyear.rollover', { toYear: '2027-2028', leavingDate: '2027-07-31', groups: mappingFrom(preview) })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    core.close()
  })

  it('refuses a mapping that leaves a group out or puts two groups into one, and changes nothing', async () => {
    const { core } = await demoOnFile()
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    const mapping = mappingFrom(preview)
    const unmapped = await core.dispatch('schoolyear.rollover', { toYear: '2027-2028', leavingDate: '2027-07-31', groups: mapping.slice(1) })
    expect(unmapped).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('groep 1/2a') } })
    const twoIntoOne = mapping.map((g, i) => (i < 2 ? { ...g, target: '3' } : g))
    const merged = await core.dispatch('schoolyear.rollover', { toYear: '2027-2028', leavingDate: '2027-07-31', groups: twoIntoOne })
    expect(merged).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('allebei naar groep 3') } })
    expect((await ok(core, 'settings.get', {})).schoolYear).toBe('2026-2027')
    expect(core.ctx.db.prepare(`SELECT count(*) FROM school_years WHERE name = '2027-2028'`).pluck().get()).toBe(0)
    core.close()
  })
})

describe('retention', () => {
  it('shows what is due after leaving, removes exactly that after a backup, and leaves no trace in the file', async () => {
    const { core, setClock } = await demoOnFile(new Date('2026-11-22T10:00:00Z'))
    const [pupil] = await ok(core, 'pupils.list', {})
    if (!pupil) throw new Error('no pupil')
    const detail = await ok(core, 'pupils.get', { id: pupil.id })
    await ok(core, 'pupils.save', { id: pupil.id, version: detail.version, firstName: 'Quirijntje', lastNamePrefix: pupil.lastNamePrefix, lastName: pupil.lastName, leftOn: '2026-11-30' })
    await ok(core, 'dossier.save', { pupilId: pupil.id, entryDate: '2026-11-22', kind: 'brief', title: 'Vertrekbrief Quirijntje', body: 'Inhoud' })
    expect((await ok(core, 'retention.overview', {})).due).toEqual([])

    setClock(new Date('2028-12-15T10:00:00Z')) // 2 years and a bit after leaving
    const overview = await ok(core, 'retention.overview', {})
    const due = overview.due.find((d) => d.pupilId === pupil.id)
    expect(due?.name).toContain('Quirijntje')
    expect(due?.kinds.map((k) => k.kind).sort()).toEqual(['consent', 'dossier', 'pupil'].concat(due?.kinds.some((k) => k.kind === 'contact') ? ['contact'] : []).sort())
    expect(due?.kinds.find((k) => k.kind === 'dossier')).toMatchObject({ dueSince: '2028-11-30', items: 1 })

    const result = await ok(core, 'retention.remove', { items: [{ pupilId: pupil.id, kinds: due?.kinds.map((k) => k.kind) ?? [] }] })
    expect(result.pupilsRemoved).toBe(1)
    expect(result.backup).toMatch(/retention\.sqlite$/)
    expect((await core.dispatch('pupils.get', { id: pupil.id })).ok).toBe(false)
    const log = (await ok(core, 'audit.list', {})).find((a) => a.action === 'retention.remove')
    expect(JSON.stringify(log)).not.toContain('Quirijntje')
    core.close()
    const bytes = readFileSync(core.ctx.dbPath)
    expect(bytes.includes(Buffer.from('Quirijntje'))).toBe(false)
    expect(bytes.includes(Buffer.from('Vertrekbrief'))).toBe(false)
  })

  it('refuses a removal the user did not see as due, and a pupil period shorter than the others', async () => {
    const { core } = await demoOnFile(new Date('2026-11-22T10:00:00Z'))
    const [pupil] = await ok(core, 'pupils.list', {})
    const r = await core.dispatch('retention.remove', { items: [{ pupilId: pupil?.id ?? 0, kinds: ['pupil'] }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await ok(core, 'pupils.list', {})).length).toBe(160)
    const short = await core.dispatch('retention.setPeriods', { periods: { contact: 12, dossier: 24, consent: 36, pupil: 24 } })
    expect(short).toMatchObject({ ok: false, error: { field: 'pupil' } })
    core.close()
  })
})

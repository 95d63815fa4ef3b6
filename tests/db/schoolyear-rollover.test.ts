// The rollover of the demo school (combination groups 1/2a and 1/2b) per pupil: levels up, one
// repeats, one skips, year 8 leaves; a group that ends; bad input refused with nothing changed;
// one transaction after a backup, and that backup restores the year before.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listBackups } from '../../electron/core/backup/backup.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { proposedRollover, targetFor, type RolloverPreview, type RolloverStep } from '../../shared/schoolyear.ts'
import { ok } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

async function demo(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-rollover-'))
  dirs.push(dir)
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => new Date('2027-07-20T10:00:00Z') })
  await ok(core, 'settings.update', { schoolYear: '2026-2027' })
  await ok(core, 'school.setup', { mode: 'demo' })
  return core
}

/** The proposal with some pupils' steps changed; their targets follow the step. */
function withSteps(preview: RolloverPreview, steps: Map<number, RolloverStep>, groups = preview.groups) {
  const base = proposedRollover(preview)
  return {
    ...base,
    groups,
    pupils: preview.pupils.map((p) => {
      const step = steps.get(p.pupilId) ?? 'up'
      return { pupilId: p.pupilId, step, target: targetFor(p, step, groups) }
    }),
  }
}

function whereIs(core: Core, pupilId: number) {
  return core.ctx.db
    .prepare(
      `SELECT y.name AS year, g.name AS groupName, p.year_level AS level, p.left_on AS leftOn FROM pupils p
         LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = (SELECT id FROM school_years WHERE name = '2027-2028')
         LEFT JOIN groups g ON g.id = m.group_id LEFT JOIN school_years y ON y.id = m.school_year_id WHERE p.id = ?`,
    )
    .get(pupilId)
}

const stateOf = (core: Core) => ({
  year: core.ctx.db.prepare(`SELECT value FROM school_settings WHERE key = 'schoolYear'`).pluck().get(),
  nextGroups: core.ctx.db.prepare(`SELECT count(*) FROM groups g JOIN school_years y ON y.id = g.school_year_id WHERE y.name = '2027-2028'`).pluck().get(),
  left: core.ctx.db.prepare(`SELECT count(*) FROM pupils WHERE left_on IS NOT NULL`).pluck().get(),
  levels: core.ctx.db.prepare(`SELECT group_concat(year_level) FROM pupils`).pluck().get(),
})

describe('rollover per pupil', () => {
  it('splits the combination groups by level, lets one repeat and one skip, and year 8 leaves', async () => {
    const core = await demo()
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview).toMatchObject({ fromYear: '2026-2027', toYear: '2027-2028', leavingDate: '2027-07-31', alreadyDone: false, openRounds: [] })
    expect(preview.groups.map((g) => [g.name, g.levels])).toEqual([
      ['1/2a', [1, 2]],
      ['1/2b', [1, 2]],
      ['3', [3]],
      ['4', [4]],
      ['5', [5]],
      ['6', [6]],
      ['7', [7]],
      ['8', [8]],
    ])
    expect(preview.pupils).toHaveLength(160)
    const first = (group: string, level: number) => {
      const p = preview.pupils.find((x) => x.groupName === group && x.yearLevel === level)
      if (!p) throw new Error(`no pupil in ${group} level ${level}`)
      return p
    }
    const kleuter = first('1/2a', 1)
    const oudste = first('1/2b', 2)
    const zitter = first('4', 4)
    const versneller = first('5', 5)
    const verlater = first('8', 8)
    const consentBefore = core.ctx.db.prepare(`SELECT count(*) FROM consent_records`).pluck().get()

    const input = withSteps(
      preview,
      new Map([
        [zitter.pupilId, 'repeat'],
        [versneller.pupilId, 'skip'],
      ]),
    )
    input.groups = input.groups.map((g) => (g.name === '4' ? { ...g, teacherName: 'Juf Noor' } : g))
    const result = await ok(core, 'schoolyear.rollover', input)
    expect(result).toMatchObject({ moved: 138, repeated: 1, skipped: 1, left: 20, groupsCreated: 8, toYear: '2027-2028' })
    expect(result.backup).toMatch(/rollover\.sqlite$/)

    expect(whereIs(core, kleuter.pupilId)).toMatchObject({ groupName: '1/2a', level: 2, leftOn: null })
    expect(whereIs(core, oudste.pupilId)).toMatchObject({ groupName: '3', level: 3 })
    expect(whereIs(core, zitter.pupilId)).toMatchObject({ groupName: '4', level: 4 })
    expect(whereIs(core, versneller.pupilId)).toMatchObject({ groupName: '7', level: 7 })
    expect(whereIs(core, verlater.pupilId)).toMatchObject({ groupName: null, leftOn: '2027-07-31' })
    expect((await ok(core, 'pupils.get', { id: verlater.pupilId })).leavingReason).toBe('Naar het voortgezet onderwijs')

    const groups = await ok(core, 'groups.list', {})
    expect(groups.map((g) => g.name)).toEqual(['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'])
    expect(groups.find((g) => g.name === '4')?.teacherName).toBe('Juf Noor')
    // Groep 3 gets both year-2 halves of the kleutergroepen; 1/2a keeps only its youngest.
    const year2 = preview.pupils.filter((p) => p.yearLevel === 2).length
    expect(groups.find((g) => g.name === '3')?.pupilCount).toBe(year2)
    expect(groups.find((g) => g.name === '4')?.pupilCount).toBe(21) // 20 from groep 3 and the one who repeats
    expect(core.ctx.db.prepare(`SELECT count(*) FROM consent_records`).pluck().get()).toBe(consentBefore)
    const log = (await ok(core, 'audit.list', {})).filter((a) => a.action === 'pupil.rollover' && a.pupilId === zitter.pupilId)
    expect(JSON.stringify(log)).toContain('repeat')

    // Twice is refused, even with the year set back by hand.
    await ok(core, 'settings.update', { schoolYear: '2026-2027' })
    const again = await core.dispatch('schoolyear.rollover', input)
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('al gedaan') } })
    core.close()
  })

  it('a group that ends: its pupils go to the group that holds their level; skipping from year 7 leaves', async () => {
    const core = await demo()
    // A pupil without a group this year is named in the preview and left as they are.
    const loose = await ok(core, 'pupils.save', { firstName: 'Joëlle', lastName: 'Zandvoort', birthDate: '2019-03-03' })
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview.withoutGroup).toEqual(['Zandvoort, Joëlle'])
    expect(preview.pupils.some((p) => p.pupilId === loose.id)).toBe(false)
    const groups = preview.groups.filter((g) => g.name !== '1/2b')
    const fromB = preview.pupils.filter((p) => p.groupName === '1/2b' && p.yearLevel === 1)
    const from7 = preview.pupils.find((p) => p.groupName === '7')
    if (!from7 || fromB.length === 0) throw new Error('demo school changed')
    const result = await ok(core, 'schoolyear.rollover', withSteps(preview, new Map([[from7.pupilId, 'skip']]), groups))
    expect(result).toMatchObject({ groupsCreated: 7, skipped: 0, left: 21 })
    for (const p of fromB) expect(whereIs(core, p.pupilId)).toMatchObject({ groupName: '1/2a', level: 2 })
    expect(whereIs(core, from7.pupilId)).toMatchObject({ groupName: null, leftOn: '2027-07-31' })
    expect((await ok(core, 'groups.list', {})).map((g) => g.name)).not.toContain('1/2b')
    expect(whereIs(core, loose.id)).toMatchObject({ groupName: null, leftOn: null, level: null })
    core.close()
  })

  it('refuses a level without a group, a pupil in a group without their level, an unknown level and an open round not chosen; nothing changes', async () => {
    const core = await demo()
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    const before = stateOf(core)
    const backups = listBackups(core.ctx.dbPath).length
    const proposal = proposedRollover(preview)

    const no5 = { ...proposal, groups: proposal.groups.filter((g) => g.name !== '5') }
    expect(await core.dispatch('schoolyear.rollover', no5)).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Leerjaar 5 heeft volgend jaar geen groep. Zet leerjaar 5 bij een van de groepen van volgend jaar. Er is niets gewijzigd.' },
    })

    // Both year-1 and year-2 pupils of 1/2a sent to groep 3, which holds only level 3.
    const into3 = { ...proposal, pupils: proposal.pupils.map((p) => (preview.pupils.find((q) => q.pupilId === p.pupilId)?.groupName === '1/2a' ? { ...p, target: '3' } : p)) }
    expect(await core.dispatch('schoolyear.rollover', into3)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Groep 3 heeft volgend jaar leerjaar 3, maar .+ komt in leerjaar 2\..*Er is niets gewijzigd\.$/) },
    })

    const missing = { ...proposal, pupils: proposal.pupils.slice(1) }
    expect(await core.dispatch('schoolyear.rollover', missing)).toMatchObject({ ok: false, error: { message: expect.stringContaining('staat niet in het overzicht') } })

    const someone = preview.pupils[0]
    core.ctx.db.prepare(`UPDATE pupils SET year_level = NULL WHERE id = ?`).run(someone?.pupilId)
    core.ctx.db.prepare(`UPDATE groups SET year_levels = '' WHERE name = '1/2a'`).run()
    core.ctx.db.prepare(`UPDATE pupils SET birth_date = NULL WHERE id = ?`).run(someone?.pupilId)
    const unknown = await core.dispatch('schoolyear.rollover', proposedRollover(await ok(core, 'schoolyear.rolloverPreview', {})))
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringContaining('is het leerjaar niet bekend') } })

    await ok(core, 'campaigns.start', { name: 'Toestemming 2026-2027' })
    const round = await core.dispatch('schoolyear.rollover', proposal)
    expect(round).toMatchObject({ ok: false, error: { field: 'openRounds', message: expect.stringContaining("'Toestemming 2026-2027' wordt afgesloten of meegaat") } })

    expect(stateOf(core)).toEqual({ ...before, levels: expect.any(String) })
    expect(stateOf(core).nextGroups).toBe(0)
    expect(listBackups(core.ctx.dbPath).length).toBe(backups)
    core.close()
  })

  it('carries an open round over or closes it, as chosen', async () => {
    const core = await demo()
    const round = await ok(core, 'campaigns.start', { name: 'Toestemming 2026-2027' })
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview.openRounds).toEqual([{ id: round.id, name: 'Toestemming 2026-2027', outstanding: round.total }])
    const result = await ok(core, 'schoolyear.rollover', { ...proposedRollover(preview), openRounds: 'carry' })
    expect(result).toMatchObject({ roundsCarried: 1, roundsClosed: 0 })
    expect(await ok(core, 'campaigns.get', { id: round.id })).toMatchObject({ schoolYear: '2027-2028', closedAt: null })
    core.close()

    const other = await demo()
    const r2 = await ok(other, 'campaigns.start', { name: 'Ronde' })
    await ok(other, 'schoolyear.rollover', { ...proposedRollover(await ok(other, 'schoolyear.rolloverPreview', {})), openRounds: 'close' })
    expect(await ok(other, 'campaigns.get', { id: r2.id })).toMatchObject({ schoolYear: '2026-2027', closedAt: '2027-07-20T10:00:00.000Z' })
    other.close()
  })

  it('is one transaction after a backup: a failure halfway changes nothing, and the backup restores the year before', async () => {
    const core = await demo()
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    const before = stateOf(core)
    // The last pupil to be written (a leaver of groep 8) fails: everything before it must go too.
    core.ctx.db.exec(`CREATE TEMP TRIGGER fail_leaver BEFORE UPDATE OF left_on ON main.pupils WHEN NEW.left_on IS NOT NULL BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`)
    const failed = await core.dispatch('schoolyear.rollover', proposedRollover(preview))
    expect(failed.ok).toBe(false)
    expect(stateOf(core)).toEqual(before)
    core.ctx.db.exec(`DROP TRIGGER temp.fail_leaver`)

    const result = await ok(core, 'schoolyear.rollover', proposedRollover(preview))
    expect(stateOf(core).year).toBe('2027-2028')
    await ok(core, 'backups.restore', { name: result.backup ?? '' })
    expect((await ok(core, 'settings.get', {})).schoolYear).toBe('2026-2027')
    expect(stateOf(core)).toEqual(before)
    expect((await ok(core, 'schoolyear.rolloverPreview', {})).alreadyDone).toBe(false)
    core.close()
  })
})

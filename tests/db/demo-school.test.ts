import { beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/boot.ts'
import { generateSchool } from '../../electron/core/school/generate.ts'
import type { GroupSummary, PupilSummary, Settings } from '../../shared/domain.ts'
import type { Result } from '../../shared/errors.ts'
import { testCore } from '../helpers/db.ts'

/** The value of a Result, or a failure that shows the Dutch error. */
async function ok<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const r = await promise
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function demoPupils(): Promise<PupilSummary[]> {
  const core = testCore()
  await ok(core.dispatch('school.setup', { mode: 'demo' }))
  return ok<PupilSummary[]>(core.dispatch('pupils.list', {}))
}

const nameOf = (p: { firstName: string; lastNamePrefix: string; lastName: string }): string => `${p.firstName}|${p.lastNamePrefix}|${p.lastName}`

describe('the demo school', () => {
  let core: Core
  let settings: Settings
  let groups: GroupSummary[]
  let pupils: PupilSummary[]
  const count = (sql: string): number => core.ctx.db.prepare(sql).pluck().get() as number

  beforeAll(async () => {
    core = testCore()
    settings = await ok<Settings>(core.dispatch('school.setup', { mode: 'demo' }))
    groups = await ok<GroupSummary[]>(core.dispatch('groups.list', {}))
    pupils = await ok<PupilSummary[]>(core.dispatch('pupils.list', {}))
  })

  it('is set up with its name and a staff name', () => {
    expect(settings).toEqual({ schoolName: 'Demoschool De Regenboog', schoolYear: '2026-2027', staffName: 'Demo-administratie', setupDone: true, demo: true })
  })

  it('has 8 groups in the current school year', () => {
    expect(groups.map((g) => g.name)).toEqual(['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'])
    expect(new Set(groups.map((g) => g.schoolYear))).toEqual(new Set(['2026-2027']))
  })

  it('has about 160 pupils, each in one of those groups', () => {
    expect(pupils.length).toBeGreaterThanOrEqual(150)
    expect(pupils.length).toBeLessThanOrEqual(170)
    const groupIds = new Set(groups.map((g) => g.id))
    expect(pupils.filter((p) => p.groupId === null || !groupIds.has(p.groupId))).toEqual([])
    expect(groups.reduce((n, g) => n + g.pupilCount, 0)).toBe(pupils.length)
    for (const g of groups) expect(g.pupilCount, g.name).toBeGreaterThan(10)
  })

  it('shares guardians between siblings', () => {
    const shared = core.ctx.db.prepare(`SELECT guardian_id, count(*) AS n FROM pupil_guardians GROUP BY guardian_id HAVING n >= 2`).all() as { guardian_id: number; n: number }[]
    expect(shared.length).toBeGreaterThan(0)
    // every pupil has one or two guardians
    expect(count(`SELECT count(*) FROM pupils WHERE id NOT IN (SELECT pupil_id FROM pupil_guardians)`)).toBe(0)
    expect(count(`SELECT max(n) FROM (SELECT count(*) AS n FROM pupil_guardians GROUP BY pupil_id)`)).toBeLessThanOrEqual(2)
  })

  it('keeps names with diacritics and tussenvoegsels exactly as generated', () => {
    const generated = generateSchool()
    expect(pupils.map(nameOf).sort()).toEqual(generated.pupils.map(nameOf).sort())
    expect(pupils.some((p) => p.lastNamePrefix === 'van der')).toBe(true)
    const all = pupils.map((p) => `${p.firstName} ${p.lastNamePrefix} ${p.lastName}`).join('\n')
    expect(all).toMatch(/[ëöüéçşıłễ]/i)
    const withDiacritics = pupils.filter((p) => /[^\u0020-\u007e]/.test(nameOf(p)))
    expect(withDiacritics.length).toBeGreaterThan(10)
    // Stored as NFC, the way they were typed: 'Zoë' is one code point ë, not e + combining diaeresis.
    expect(withDiacritics.every((p) => nameOf(p) === nameOf(p).normalize('NFC'))).toBe(true)
  })

  it('stores each guardian phone number as typed and normalised', () => {
    const phones = core.ctx.db.prepare(`SELECT phone, phone_normalized FROM guardians`).all() as { phone: string; phone_normalized: string }[]
    expect(phones.length).toBeGreaterThan(100)
    for (const p of phones) {
      expect(p.phone).toMatch(/^06-\d{8}$/)
      expect(p.phone_normalized).toBe(`+316${p.phone.slice(3)}`)
    }
  })

  it('has mixed consent: granted, refused and no answer all occur', () => {
    const decisions = core.ctx.db.prepare(`SELECT DISTINCT decision FROM consent_records ORDER BY decision`).pluck().all()
    expect(decisions).toEqual(['granted', 'refused'])
    const purposes = count(`SELECT count(*) FROM purposes WHERE active = 1`)
    const answered = count(`SELECT count(*) FROM (SELECT DISTINCT pupil_id, purpose_id FROM consent_records)`)
    expect(answered).toBeGreaterThan(0)
    expect(answered, 'some pupil/purpose pairs have no answer yet').toBeLessThan(pupils.length * purposes)
    // every purpose has someone on its no-consent list (refused or no answer)
    const withoutConsent = core.ctx.db
      .prepare(
        `SELECT u.code, count(*) AS n FROM purposes u CROSS JOIN pupils p
          WHERE NOT EXISTS (SELECT 1 FROM consent_records c WHERE c.pupil_id = p.id AND c.purpose_id = u.id AND c.decision = 'granted')
          GROUP BY u.code`,
      )
      .all() as { code: string; n: number }[]
    expect(withoutConsent).toHaveLength(purposes)
  })

  it('refuses a second setup with code conflict and changes nothing', async () => {
    const before = { pupils: count(`SELECT count(*) FROM pupils`), consent: count(`SELECT count(*) FROM consent_records`), audit: count(`SELECT count(*) FROM audit_log`) }
    for (const mode of ['demo', 'empty'] as const) {
      const r = await core.dispatch('school.setup', { mode })
      expect(r).toEqual({
        ok: false,
        error: { code: 'conflict', message: 'De school is al ingericht. Wijzig de gegevens op de pagina Instellingen.' },
      })
    }
    expect({ pupils: count(`SELECT count(*) FROM pupils`), consent: count(`SELECT count(*) FROM consent_records`), audit: count(`SELECT count(*) FROM audit_log`) }).toEqual(before)
  })
})

describe('generateSchool', () => {
  it('is deterministic: the same seed gives the same school', () => {
    expect(generateSchool({ seed: 42 })).toEqual(generateSchool({ seed: 42 }))
    expect(generateSchool({ seed: 42 }).pupils.map(nameOf)).not.toEqual(generateSchool({ seed: 43 }).pupils.map(nameOf))
  })

  it('gives two fresh demo schools the same pupils', async () => {
    const row = (p: PupilSummary) => [p.studentNumber, nameOf(p), p.birthDate, p.groupName]
    expect((await demoPupils()).map(row)).toEqual((await demoPupils()).map(row))
  })

  it('honours the number of pupils and the groups it is given', () => {
    const school = generateSchool({ pupils: 30, groups: ['3a', '3b'] })
    expect(school.pupils).toHaveLength(30)
    expect(new Set(school.pupils.map((p) => p.group))).toEqual(new Set(['3a', '3b']))
    expect(school.pupils.every((p) => p.guardianKeys.every((k) => school.guardians.some((g) => g.key === k)))).toBe(true)
  })
})

describe('leaving the demo school', () => {
  it('empties the register of the demo school and starts again at the welcome screen; a real school is refused', async () => {
    const core = testCore()
    expect(await core.dispatch('school.setup', { mode: 'demo' })).toMatchObject({ ok: true, value: { demo: true } })
    const left = await core.dispatch('school.leaveDemo', {})
    expect(left).toMatchObject({ ok: true, value: { setupDone: false, demo: false } })
    expect(core.ctx.db.prepare(`SELECT count(*) FROM pupils`).pluck().get()).toBe(0)
    await core.dispatch('school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    expect(await core.dispatch('school.leaveDemo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolName: 'OBS De Linde' } })
  })
})

// The Geen toestemming screen's compact answer (consent.noConsentPage) says exactly what the full
// list (consent.noConsentList, which printing and the CSV use) says: the same pupils per purpose,
// in the same order, with their group, refused or no answer, and 'ouders verschillen'; for the
// whole school and with each filter of the screen.
import { describe, expect, it } from 'vitest'
import { sortName } from '../../shared/domain.ts'
import { rowConflict, rowPlace, rowRefused, type NoConsentPage } from '../../shared/no-consent-page.ts'
import { ok, registerCore } from '../helpers/register.ts'

/** The page as lines a user reads: purpose, name, group, status. */
const pageLines = (page: NoConsentPage): string[] =>
  page.purposes.flatMap((p, i) =>
    (page.rows[i] ?? []).map((code) => {
      const [, name, group] = page.pupils[rowPlace(code)] ?? [0, '?', -1]
      return `${p.id} ${name} ${page.groups[group] ?? '—'} ${rowRefused(code) ? 'refused' : 'unknown'}${rowConflict(code) ? ' differ' : ''}`
    }),
  )

describe('consent.noConsentPage', () => {
  it('shows what the full list shows, for the whole school and for each filter', async () => {
    const { core, group, pupil, mother, father, purpose } = await registerCore()
    const six = await ok(core, 'groups.save', { name: '6', teacherName: 'Meester Bas' })
    const anna = await ok(core, 'pupils.save', { firstName: 'Anna', lastName: 'Boer', lastNamePrefix: 'de', groupId: six.id })
    await ok(core, 'pupils.save', { firstName: 'Cas', lastName: 'Aalders' })
    const social = purpose('social_media').id
    const base = { pupilId: pupil.id, effectiveFrom: '2026-10-01', source: 'paper_form' as const }
    await ok(core, 'consent.record', { ...base, guardianId: mother.id, decisions: [{ purposeId: social, decision: 'granted' }] })
    await ok(core, 'consent.record', { ...base, guardianId: father.id, decisions: [{ purposeId: social, decision: 'refused' }] })
    await ok(core, 'consent.record', {
      ...base,
      pupilId: anna.id,
      decisions: [
        { purposeId: purpose('website').id, decision: 'refused' },
        { purposeId: social, decision: 'granted' },
      ],
    })
    const filters = [{}, { only: 'refused' as const }, { only: 'unknown' as const }, { groupIds: [group.id] }, { groupIds: [six.id], purposeIds: [social] }]
    for (const input of filters) {
      const full = await ok(core, 'consent.noConsentList', input)
      const page = await ok(core, 'consent.noConsentPage', input)
      expect(page.purposes.map((p) => p.id)).toEqual(full.purposes.map((p) => p.id))
      const fullLines = full.rows.map((r) => `${r.purposeId} ${sortName(r)} ${r.groupName ?? '—'} ${r.decision}${r.conflict ? ' differ' : ''}`)
      expect(pageLines(page)).toEqual(fullLines)
    }
    const all = await ok(core, 'consent.noConsentPage', {})
    expect(pageLines(all)).toContain(`${social} Berg, Zoë van der 5 refused differ`)
    expect(pageLines(all)).toContain(`${purpose('website').id} Boer, Anna de 6 refused`)
    expect(pageLines(all)).toContain(`${social} Aalders, Cas — unknown`)
    // Each pupil's name travels once, however many purposes they are on.
    expect(all.pupils.map(([id]) => id).sort()).toEqual([...new Set(all.pupils.map(([id]) => id))].sort())
    expect(all.pupils).toHaveLength(3)
  })

  it('is kept only while nothing changes: an answer at the desk shows in the next page', async () => {
    const { core, pupil, purpose } = await registerCore()
    const website = purpose('website').id
    const status = async () => pageLines(await ok(core, 'consent.noConsentPage', { purposeIds: [website] }))
    expect(await status()).toEqual([`${website} Berg, Zoë van der 5 unknown`])
    expect(await status()).toEqual([`${website} Berg, Zoë van der 5 unknown`])
    await ok(core, 'consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'phone' })
    expect(await status()).toEqual([`${website} Berg, Zoë van der 5 refused`])
    await ok(core, 'consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website, decision: 'granted' }], effectiveFrom: '2026-11-22', source: 'desk' })
    expect(await status()).toEqual([])
    expect((await ok(core, 'consent.noConsentPage', { purposeIds: [website], only: 'refused' })).rows).toEqual([[]])
  })

  it('refuses what the full list refuses', async () => {
    const { core } = await registerCore()
    expect(await core.dispatch('consent.noConsentPage', { only: 'all' })).toMatchObject({ ok: false, error: { code: 'validation' } })
  })
})

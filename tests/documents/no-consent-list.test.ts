import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, make, pdfPages } from './helpers.ts'

/** The rows of one purpose's section: 'name status' lines between its heading and the next. */
function section(text: string, label: string, next?: string): string[] {
  const start = text.indexOf(`${label} `)
  if (start < 0) return []
  const end = next ? text.indexOf(`${next} `, start + label.length) : text.indexOf('Vertrouwelijk', start)
  return text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .slice(2) // heading with counts, column heads
    .filter((l) => /NEE · geweigerd|\? · geen antwoord/.test(l))
}

describe('no-consent list', () => {
  it('lists per purpose the pupils with a refusal and those without an answer, told apart', async () => {
    const s = await documentSchool()
    const pages = await pdfPages(await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id] }))
    const text = pages.join('\n')
    expect(text).toContain('Wie mag niet op de foto')
    expect(text).toContain('Groep 5 · 4 leerlingen · schooljaar 2026-2027')
    expect(text).toContain('Gemaakt op 22-11-2026 om 10:30')
    expect(text).toContain('Vertrouwelijk')
    // Website: Łukasz refused; Daan no answer; Zoë and Ömer granted.
    expect(section(text, 'Website van de school', 'Social-media-accounts van de school')).toEqual(['Nguyễn, Łukasz NEE · geweigerd', 'Vries, Daan de ? · geen antwoord'])
    expect(text).toContain('Website van de school 1 geweigerd · 1 geen antwoord')
    // Press: Zoë refused; the others never answered.
    expect(section(text, 'Lokale media (krant, lokale tv)', 'Filmen in de klas voor het onderwijs')).toEqual([
      'Berg, Zoë van der NEE · geweigerd',
      'Nguyễn, Łukasz ? · geen antwoord',
      'Vries, Daan de ? · geen antwoord',
      'Yılmaz, Ömer ? · geen antwoord',
    ])
    // Parent app: Łukasz refused, Ömer and Daan no answer.
    expect(section(text, 'Besloten ouderapp (bijv. Parro)', 'Lokale media (krant, lokale tv)')).toEqual([
      'Nguyễn, Łukasz NEE · geweigerd',
      'Vries, Daan de ? · geen antwoord',
      'Yılmaz, Ömer ? · geen antwoord',
    ])
    expect(pages.at(-1)).toContain(`pagina ${pages.length} van ${pages.length}`)
  })

  it('is made from the current records: a withdrawal shows at once', async () => {
    const s = await documentSchool()
    await ok(s.core, 'consent.record', { pupilId: s.zoe.id, decisions: [{ purposeId: s.purpose('website').id, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'email' })
    const text = (await pdfPages(await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id], purposeIds: [s.purpose('website').id] }))).join('\n')
    expect(section(text, 'Website van de school')).toEqual(['Berg, Zoë van der NEE · geweigerd', 'Nguyễn, Łukasz NEE · geweigerd', 'Vries, Daan de ? · geen antwoord'])
  })

  it('for an event over several groups and chosen purposes: only those, with the group of each pupil', async () => {
    const s = await documentSchool()
    const text = (
      await pdfPages(
        await make(s.core, 'documents.noConsentList', {
          groupIds: [s.group.id, s.group6.id],
          purposeIds: [s.purpose('press').id, s.purpose('school_guide').id],
          eventName: 'Schoolfotograaf 12 maart',
        }),
      )
    ).join('\n')
    expect(text).toContain('Wie mag niet op de foto: Schoolfotograaf 12 maart')
    expect(text).toContain('Groepen 5 en 6 · 5 leerlingen')
    expect(text).toContain('Leerling Groep Status')
    expect(section(text, 'Lokale media (krant, lokale tv)')).toContain('Jansen, Sanne 6 ? · geen antwoord')
    expect(section(text, 'Schoolgids en schoolbrochure', 'Lokale media (krant, lokale tv)')).toEqual([
      'Nguyễn, Łukasz 5 ? · geen antwoord',
      'Vries, Daan de 5 ? · geen antwoord',
      'Yılmaz, Ömer 5 ? · geen antwoord',
      'Jansen, Sanne 6 ? · geen antwoord',
    ])
    expect(text).not.toContain('Website van de school')
    expect(text).not.toContain('Besloten ouderapp')
  })

  it('says so when everyone has consent for a purpose', async () => {
    const s = await documentSchool()
    const text = (await pdfPages(await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id], purposeIds: [s.purpose('website').id] }))).join('\n')
    expect(text).toContain('Website van de school 1 geweigerd')
    // Zoë and Ömer both said yes to the website: in a group of their own, nobody is on that list.
    const eight = await ok(s.core, 'groups.save', { name: '8' })
    for (const p of [s.zoe, s.omer]) await ok(s.core, 'pupils.save', { id: p.id, version: p.version, firstName: p.firstName, lastNamePrefix: p.lastNamePrefix, lastName: p.lastName, groupId: eight.id })
    const all = (await pdfPages(await make(s.core, 'documents.noConsentList', { groupIds: [eight.id], purposeIds: [s.purpose('website').id, s.purpose('press').id] }))).join('\n')
    expect(all).toContain('Website van de school iedereen heeft toestemming')
    expect(all).toContain('Alle 2 leerlingen hebben toestemming voor dit doel.')
    expect(section(all, 'Lokale media (krant, lokale tv)')).toEqual(['Berg, Zoë van der NEE · geweigerd', 'Yılmaz, Ömer ? · geen antwoord'])
  })

  it('refuses an empty group, no group, and an unknown purpose with clear messages', async () => {
    const s = await documentSchool()
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [s.group7.id] })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Groep 7 heeft geen leerlingen. Voeg eerst leerlingen toe aan deze groep, of kies een andere groep.' },
    })
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [] })).toMatchObject({ ok: false, error: { message: 'Kies minstens één groep.' } })
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [s.group.id], purposeIds: [999] })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'purposeIds' } })
  })
})

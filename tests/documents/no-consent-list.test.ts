import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, flat, make, pdfLines, pdftotextPages } from './helpers.ts'

/**
 * The grid as a reader sees it: per child's line its name and the mark under each numbered
 * purpose column ('NEE', '?' or '' for allowed), found by where the words stand on the page.
 */
function grid(pdf: Buffer): { page: number; name: string; group: string; marks: string[] }[] {
  const lines = pdfLines(pdf)
  const rows: { page: number; name: string; group: string; marks: string[] }[] = []
  let columns: { x: number }[] = []
  let groupX: number | undefined
  for (const line of lines) {
    if (line.words[0]?.text === 'Leerling') {
      columns = line.words.filter((w) => /^\d+$/.test(w.text)).map((w) => ({ x: (w.xMin + w.xMax) / 2 }))
      groupX = line.words.find((w) => w.text === 'Groep')?.xMin
      continue
    }
    if (columns.length === 0) continue
    const marks = line.words.filter((w) => w.text === 'NEE' || w.text === '?')
    if (marks.length === 0) continue
    const first = (columns[0]?.x ?? 0) - 20
    const textWords = line.words.filter((w) => w.xMax < first)
    const name = textWords
      .filter((w) => groupX === undefined || w.xMin < groupX - 2)
      .map((w) => w.text)
      .join(' ')
    const group = textWords
      .filter((w) => groupX !== undefined && w.xMin >= groupX - 2)
      .map((w) => w.text)
      .join(' ')
    const cells = columns.map((c) => marks.find((m) => Math.abs((m.xMin + m.xMax) / 2 - c.x) < 12)?.text ?? '')
    rows.push({ page: line.page, name, group, marks: cells })
  }
  return rows
}

describe("no-consent list 'wie mag niet op de foto'", () => {
  it('has one line per child, first name first, with a mark per purpose; children who may appear nowhere come first', async () => {
    const s = await documentSchool()
    const pdf = await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id] })
    const text = flat(pdftotextPages(pdf).join('\n'))
    expect(text).toContain('Groep 5 · 4 leerlingen · schooljaar 2026-2027')
    expect(text).toContain('Gemaakt op 22-11-2026 om 10:30')
    expect(text).toContain('Vertrouwelijk')
    // Purposes 1..7 in school order; contact details are not about pictures and are left out.
    expect(text).toContain('1 = Website van de school · 2 = Social-media-accounts van de school')
    expect(text).toContain('7 = Filmen in de klas voor het onderwijs')
    expect(text).not.toContain('Contactgegevens delen')
    expect(text.indexOf('Mag op geen enkele foto')).toBeLessThan(text.indexOf('Mag niet voor elk doel op de foto'))
    // Website, social media, guide, newsletter, parent app, press, class video.
    expect(grid(pdf)).toEqual([
      { page: 1, name: 'Daan de Vries', group: '', marks: ['?', '?', '?', '?', '?', '?', '?'] },
      { page: 1, name: 'Łukasz Nguyễn', group: '', marks: ['NEE', '?', '?', '', 'NEE', '?', '?'] },
      { page: 1, name: 'Ömer Yılmaz', group: '', marks: ['', '?', '?', '?', '?', '?', '?'] },
      { page: 1, name: 'Zoë van der Berg', group: '', marks: ['', '', '', '', '', 'NEE', ''] },
    ])
    // Each child once, not once per purpose.
    for (const name of ['Daan de Vries', 'Łukasz Nguyễn', 'Ömer Yılmaz', 'Zoë van der Berg']) expect(text.split(name)).toHaveLength(2)
  })

  it('is made from the current records: a withdrawal shows at once', async () => {
    const s = await documentSchool()
    await ok(s.core, 'consent.record', { pupilId: s.zoe.id, decisions: [{ purposeId: s.purpose('website').id, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'email' })
    const pdf = await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id], purposeIds: [s.purpose('website').id] })
    expect(grid(pdf)).toEqual([])
    const lines = pdfLines(pdf).map((l) => l.text)
    // One purpose: no numbered grid, but one column 'Mag niet'.
    expect(lines).toContain('Leerling Mag niet')
    expect(lines).toEqual(expect.arrayContaining(['Daan de Vries ?', 'Łukasz Nguyễn NEE', 'Zoë van der Berg NEE']))
    expect(lines).not.toContain('Ömer Yılmaz')
  })

  it('for an event over several groups: the group of each child, only the chosen purposes, never contact details', async () => {
    const s = await documentSchool()
    const pdf = await make(s.core, 'documents.noConsentList', {
      groupIds: [s.group.id, s.group6.id],
      purposeIds: [s.purpose('press').id, s.purpose('school_guide').id, s.purpose('contact_list').id],
      eventName: 'Schoolfotograaf 12 maart',
    })
    const text = flat(pdftotextPages(pdf).join('\n'))
    expect(text).toContain('Wie mag niet op de foto: Schoolfotograaf 12 maart')
    expect(text).toContain('Groepen 5 en 6 · 5 leerlingen')
    expect(text).toContain('1 = Schoolgids en schoolbrochure · 2 = Lokale media (krant, lokale tv)')
    expect(text).not.toContain('Contactgegevens')
    expect(text).not.toContain('Website van de school')
    expect(grid(pdf)).toEqual([
      { page: 1, name: 'Daan de Vries', group: '5', marks: ['?', '?'] },
      { page: 1, name: 'Łukasz Nguyễn', group: '5', marks: ['?', '?'] },
      { page: 1, name: 'Ömer Yılmaz', group: '5', marks: ['?', '?'] },
      { page: 1, name: 'Sanne Jansen', group: '6', marks: ['?', '?'] },
      { page: 1, name: 'Zoë van der Berg', group: '5', marks: ['', 'NEE'] },
    ])
    expect(text).toContain('Mag niet voor elk doel op de foto 1 leerling')
  })

  it("repeats the section's heading with '(vervolg)' and the column heads on every page it runs onto", async () => {
    const s = await documentSchool()
    for (let i = 0; i < 70; i++) await ok(s.core, 'pupils.save', { firstName: `Kind${String(i).padStart(2, '0')}`, lastName: 'Bakker', groupId: s.group6.id })
    const pdf = await make(s.core, 'documents.noConsentList', { groupIds: [s.group6.id] })
    const pages = pdftotextPages(pdf).map(flat)
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages.slice(1)) {
      expect(page).toContain('Mag op geen enkele foto (vervolg)')
      expect(page).toContain('Doelen: 1 = Website van de school')
    }
    const rows = grid(pdf)
    expect(rows).toHaveLength(71)
    expect(rows.every((r) => r.marks.every((m) => m === '?'))).toBe(true)
  })

  it('prints what the Geen toestemming screen shows: only refusals, or only no answer', async () => {
    const s = await documentSchool()
    const refused = await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id], only: 'refused' })
    expect(grid(refused).map((r) => [r.name, r.marks.join(' ')])).toEqual([
      ['Łukasz Nguyễn', 'NEE    NEE  '],
      ['Zoë van der Berg', '     NEE '],
    ])
    expect(flat(pdftotextPages(refused).join('\n'))).toContain('alleen geweigerd')
    const unknown = await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id], only: 'unknown' })
    expect(grid(unknown).map((r) => r.name)).toEqual(['Daan de Vries', 'Łukasz Nguyễn', 'Ömer Yılmaz'])
  })

  it('says so when every child may be in the pictures', async () => {
    const s = await documentSchool()
    const eight = await ok(s.core, 'groups.save', { name: '8' })
    for (const p of [s.zoe, s.omer]) await ok(s.core, 'pupils.save', { id: p.id, version: p.version, firstName: p.firstName, lastNamePrefix: p.lastNamePrefix, lastName: p.lastName, groupId: eight.id })
    const text = flat(pdftotextPages(await make(s.core, 'documents.noConsentList', { groupIds: [eight.id], purposeIds: [s.purpose('website').id] })).join('\n'))
    expect(text).toContain('Alle 2 leerlingen mogen voor dit doel op de foto.')
  })

  it('refuses an empty group, no group, an unknown purpose, and contact details alone, with clear messages', async () => {
    const s = await documentSchool()
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [s.group7.id] })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'Groep 7 heeft geen leerlingen. Voeg eerst leerlingen toe aan deze groep, of kies een andere groep.' },
    })
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [] })).toMatchObject({ ok: false, error: { message: 'Kies minstens één groep.' } })
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [s.group.id], purposeIds: [999] })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'purposeIds' } })
    expect(await s.core.dispatch('documents.noConsentList', { groupIds: [s.group.id], purposeIds: [s.purpose('contact_list').id] })).toMatchObject({ ok: false, error: { code: 'validation', field: 'purposeIds' } })
  })
})

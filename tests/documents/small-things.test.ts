// What users notice: '1 leerling' not '1 leerlingen', and who made each document.
import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, flat, make, pdftotextPages } from './helpers.ts'

describe('small things on every document', () => {
  it("says '1 leerling' for one pupil, on the class list and on the no-consent list", async () => {
    const s = await documentSchool()
    const classList = flat(pdftotextPages(await make(s.core, 'documents.classList', { groupId: s.group6.id })).join('\n'))
    expect(classList).toContain('1 leerling · Meester Rob · schooljaar 2026-2027')
    const list = flat(pdftotextPages(await make(s.core, 'documents.noConsentList', { groupIds: [s.group6.id] })).join('\n'))
    expect(list).toContain('Groep 6 · 1 leerling · schooljaar 2026-2027')
    expect(list).toContain('Mag op geen enkele foto 1 leerling')
    expect(`${classList} ${list}`).not.toMatch(/\b1 leerlingen\b/)
  })

  it("the class list repeats its heading with '(vervolg)' and the column heads on every page it runs onto", async () => {
    const s = await documentSchool()
    for (let i = 0; i < 30; i++) await ok(s.core, 'pupils.save', { firstName: `Kind${String(i).padStart(2, '0')}`, lastName: 'Bakker', groupId: s.group6.id })
    const pages = pdftotextPages(await make(s.core, 'documents.classList', { groupId: s.group6.id })).map(flat)
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages.slice(1)) {
      expect(page).toContain('Klassenlijst groepsapp: groep 6 (vervolg) Leerling en ouders/verzorgers')
      expect(page).toContain('Telefoon E-mail')
    }
  })

  it('says on every page when it was made and by whom (the staff name from Instellingen)', async () => {
    const s = await documentSchool()
    await ok(s.core, 'settings.update', { staffName: 'Fatima el Amrani' })
    const docs = [
      await make(s.core, 'documents.consentForms', { groupIds: [s.group.id] }),
      await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id] }),
      await make(s.core, 'documents.classList', { groupId: s.group.id }),
      await make(s.core, 'documents.dossier', { pupilId: s.zoe.id }),
    ]
    for (const pdf of docs) for (const page of pdftotextPages(pdf)) expect(flat(page)).toMatch(/Gemaakt op 22-11-2026 om 10:30 door Fatima el Amrani · pagina \d+ van \d+/)
  })
})

// The consent form as a parent reads it: whom to ask and where to withdraw (from Instellingen), a
// form that asks again marks what is new or changed and keeps the other answers, and a signature
// line for every guardian.
import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, flat, make, pdfLines, pdftotextPages } from './helpers.ts'

const CONTACT = { schoolAddress: 'Lindelaan 4\n1234 AB Dorp', schoolEmail: 'info@delinde.nl', schoolPhone: '0123-456789', privacyOfficer: 'Mw. J. de Boer, fg@stichting.nl', privacyStatement: 'www.delinde.nl/privacy' }

describe('consent form for parents', () => {
  it("names the school's contact for questions and for withdrawing, the privacy officer and where the privacy statement is", async () => {
    const s = await documentSchool()
    await ok(s.core, 'documents.saveSettings', CONTACT)
    const text = flat(pdftotextPages(await make(s.core, 'documents.consentForms', { pupilIds: [s.daan.id] })).join('\n'))
    expect(text).toContain('Vragen, of uw toestemming intrekken of wijzigen? Neem contact op met OBS De Linde: Lindelaan 4, 1234 AB Dorp, info@delinde.nl, 0123-456789.')
    expect(text).toContain('Functionaris voor de gegevensbescherming: Mw. J. de Boer, fg@stichting.nl.')
    expect(text).toContain('privacyverklaring: www.delinde.nl/privacy')
    expect(text).toContain('Gemaakt op 22-11-2026 om 10:30 door Ans de Wit')
  })

  it('asking again: marks the new and the changed purposes, says the other answers stand and a blank box withdraws nothing', async () => {
    const s = await documentSchool()
    const website = s.purpose('website')
    await ok(s.core, 'purposes.save', { id: website.id, rowVersion: website.rowVersion, description: 'Foto’s en video’s op de website, ook in het fotoalbum.' })
    await ok(s.core, 'purposes.save', { label: 'Jaarkalender', description: 'Een groepsfoto op de kalender voor alle gezinnen.' })
    const pdf = await make(s.core, 'documents.consentForms', { pupilIds: [s.zoe.id, s.daan.id] })
    const pages = pdftotextPages(pdf).map(flat)
    const zoe = pages.filter((p) => p.includes(s.zoe.formCode)).join(' ')
    expect(zoe).toContain('een leeg vakje trekt een eerder antwoord niet in')
    expect(zoe).toContain('Bij de andere doelen blijft uw eerdere antwoord gelden')
    expect(zoe).not.toContain('Kruist u bij een doel niets aan, dan geldt dat als nee.')
    // The marks stand on the line of their purpose, and only there.
    const lines = pdfLines(pdf).map((l) => l.text)
    // (The mark sits level with the boxes, just under its purpose's name.)
    const marked = lines.flatMap((l, i) => (/^(TEKST GEWIJZIGD|NIEUW) Ja Nee$/.test(l) ? [`${lines[i - 1]}: ${l.replace(' Ja Nee', '')}`] : []))
    expect(marked).toEqual(['Website van de school: TEKST GEWIJZIGD', 'Jaarkalender: NIEUW'])
    // Daan never answered: an ordinary form, where no cross means no.
    const daan = pages.filter((p) => p.includes(s.daan.formCode)).join(' ')
    expect(daan).toContain('Kruist u bij een doel niets aan, dan geldt dat als nee.')
    expect(daan).not.toContain('NIEUW')
  })

  it('has a signature line for every guardian, also a third, and at least two', async () => {
    const s = await documentSchool()
    await ok(s.core, 'guardians.save', { pupilId: s.zoe.id, name: 'Kees van der Berg', relation: 'stiefvader' })
    const zoe = flat(pdftotextPages(await make(s.core, 'documents.consentForms', { pupilIds: [s.zoe.id] })).join('\n'))
    expect(zoe.match(/Ouder\/verzorger \d: naam/g)).toEqual(['Ouder/verzorger 1: naam', 'Ouder/verzorger 2: naam', 'Ouder/verzorger 3: naam'])
    expect(zoe.match(/Handtekening/g)).toHaveLength(3)
    expect(zoe).toContain('Kees van der Berg')
    const lukasz = flat(pdftotextPages(await make(s.core, 'documents.consentForms', { pupilIds: [s.lukasz.id] })).join('\n'))
    expect(lukasz.match(/Ouder\/verzorger \d: naam/g)).toEqual(['Ouder/verzorger 1: naam', 'Ouder/verzorger 2: naam'])
  })
})

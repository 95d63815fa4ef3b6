// The longest real Dutch names, a 60-character school name and a group called '5/6 Zonnebloem',
// through every document: each is found whole in what pdftotext reads, and nothing ends in '…'.
import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, flat, make, pdftotextPages } from './helpers.ts'

const SCHOOL = 'Openbare Basisschool De Regenboog in Oud-Beijerland-Zuidwest'
const LAST = 'Oldenbarnevelt tot den Bosch-Schimmelpenninck'
const PUPIL = { firstName: 'Anne-Fleur Maria', lastNamePrefix: 'van', lastName: LAST }
const GUARDIAN = `Constantijn van ${LAST}`

export async function longSchool() {
  expect(SCHOOL).toHaveLength(60)
  const s = await documentSchool()
  await ok(s.core, 'settings.update', { schoolName: SCHOOL })
  const group = await ok(s.core, 'groups.save', { id: s.group.id, version: s.group.version, name: '5/6 Zonnebloem', teacherName: 'Juf Iris' })
  const pupil = await ok(s.core, 'pupils.save', { ...PUPIL, birthDate: '2017-03-01', groupId: group.id })
  await ok(s.core, 'guardians.save', { pupilId: pupil.id, name: GUARDIAN, relation: 'vader', email: 'constantijn.van.oldenbarnevelt.tot.den.bosch@voorbeeld.nl', phone: '06 1234 5678', inGroupApp: false })
  await ok(s.core, 'consent.record', {
    pupilId: pupil.id,
    decisions: [
      { purposeId: s.purpose('website').id, decision: 'refused' },
      { purposeId: s.purpose('contact_list').id, decision: 'granted' },
    ],
    effectiveFrom: '2026-09-01',
    source: 'paper_form',
  })
  return { ...s, group, pupil }
}

/** What a reader would miss: each wanted text not found whole, a '…' cut, a page without the school's whole name. */
function missing(pages: string[], ...wanted: string[]): string[] {
  const all = flat(pages.join('\n'))
  return [...wanted.filter((w) => !all.includes(w)), ...(/…|\.\.\./.test(all) ? ['a text cut with …'] : []), ...pages.flatMap((page, i) => (flat(page).includes(SCHOOL) ? [] : [`the school's name on page ${i + 1}`]))]
}

describe('long names in every document', () => {
  it('the consent form prints the pupil, the guardian, the group and the school whole', async () => {
    const s = await longSchool()
    const pages = pdftotextPages(await make(s.core, 'documents.consentForms', { pupilIds: [s.pupil.id] }))
    expect(missing(pages, `Anne-Fleur Maria van ${LAST}`, GUARDIAN, '5/6 Zonnebloem')).toEqual([])
  })

  it('the no-consent list prints them whole', async () => {
    const s = await longSchool()
    const pages = pdftotextPages(await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id], eventName: 'Schoolfotograaf voorjaar, alle groepen van de onderbouw' }))
    expect(missing(pages, `Anne-Fleur Maria van ${LAST}`, '5/6 Zonnebloem', 'Schoolfotograaf voorjaar, alle groepen van de onderbouw')).toEqual([])
  })

  it('the class list prints the pupil, the guardian and the e-mail address whole', async () => {
    const s = await longSchool()
    const pages = pdftotextPages(await make(s.core, 'documents.classList', { groupId: s.group.id }))
    expect(missing(pages, `${LAST}, Anne-Fleur Maria van`, GUARDIAN, 'constantijn.van.oldenbarnevelt.tot.den.bosch@voorbeeld.nl', '5/6 Zonnebloem')).toEqual([])
  })

  it('the dossier prints them whole', async () => {
    const s = await longSchool()
    const pages = pdftotextPages(await make(s.core, 'documents.dossier', { pupilId: s.pupil.id }))
    expect(missing(pages, `Anne-Fleur Maria van ${LAST}`, GUARDIAN, '5/6 Zonnebloem')).toEqual([])
  })
})

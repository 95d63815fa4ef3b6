import { describe, expect, it } from 'vitest'
import { classifyHeader, matchPurposes, proposeMapping } from '../../electron/core/imports/headers.ts'
import { splitFullName, splitSurname } from '../../electron/core/imports/names.ts'
import { parseConsent, parseDate, parseEmail, parsePhone } from '../../electron/core/imports/values.ts'
import { decodeText, detectDelimiter } from '../../electron/core/imports/csv.ts'
import { toCell } from '../../electron/core/imports/read.ts'

const PURPOSES = [
  ['website', 'Website van de school'],
  ['social_media', 'Social-media-accounts van de school'],
  ['school_guide', 'Schoolgids en schoolbrochure'],
  ['newsletter', 'Nieuwsbrief'],
  ['parent_app', 'Besloten ouderapp (bijv. Parro)'],
  ['press', 'Lokale media (krant, lokale tv)'],
  ['class_video', 'Filmen in de klas voor het onderwijs'],
  ['contact_list', 'Contactgegevens delen in de klassenlijst'],
  ['schoolreis', 'Schoolreis en kamp'],
].map(([code, label]) => ({ code: code as string, label: label as string }))

describe('dates', () => {
  it.each([
    [new Date(Date.UTC(2013, 3, 7)), '2013-04-07'],
    [new Date(Date.UTC(2013, 3, 6, 23, 59, 59, 999)), '2013-04-07'], // a serial a hair short of midnight
    [41371, '2013-04-07'],
    [41371.0, '2013-04-07'],
    ['7-4-2013', '2013-04-07'],
    ['07-04-2013', '2013-04-07'],
    ['2013-04-07', '2013-04-07'],
    ['7 april 2013', '2013-04-07'],
    ['7 apr. 2013', '2013-04-07'],
    ['zondag 7 april 2013', '2013-04-07'],
    ['7/4/2013', '2013-04-07'],
    ['07.04.2013', '2013-04-07'],
    ['2013-04-07 00:00:00', '2013-04-07'],
    ['2013-04-07T00:00:00.000Z', '2013-04-07'],
    ['20130407', '2013-04-07'],
    [20130407, '2013-04-07'],
    ['  7-4-2013 ', '2013-04-07'],
    ['April 7, 2013', '2013-04-07'],
  ])('%j is %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso })
  })

  it('counts serials from 1904 in an old Mac workbook', () => {
    expect(parseDate(39909, true)).toEqual({ ok: true, value: '2013-04-07' })
  })

  it.each(['31-02-2015', 'morgen', '13-13-2013', 'x'])('%j is not a date, with a Dutch reason', (cell) => {
    const r = parseDate(cell)
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.message).toContain('Schrijf de datum als dd-mm-jjjj')
  })

  it('an empty cell is no date, not an error', () => {
    expect(parseDate(null)).toEqual({ ok: true, value: null })
    expect(parseDate('   ')).toEqual({ ok: true, value: null })
  })
})

describe('consent answers', () => {
  it.each(['Ja', 'ja', 'JA', 'Ja ', 'X', 'x', '✓', '✔', '☒', 'yes', 'Yes', 'TRUE', 'true', 'akkoord', 'Ja, ik geef toestemming', 'geen bezwaar', 1, true])('%j is granted', (v) => {
    expect(parseConsent(v)).toBe('granted')
  })
  it.each(['Nee', 'nee', 'NEE', 'no', 'FALSE', 'false', 'geen toestemming', 'Geen toestemming', 'Nee, liever niet', 'bezwaar', '☐', 0, false])('%j is refused', (v) => {
    expect(parseConsent(v)).toBe('refused')
  })
  it.each([
    ['☒ ja ☐ nee', 'granted'],
    ['☐ ja ☒ nee', 'refused'],
    ['[x] Ja [ ] Nee', 'granted'],
    ['Ja ☐  Nee ☑', 'refused'],
    ['☐ ja ☐ nee', 'unknown'],
    ['☒ ja ☒ nee', null],
  ])('box glyphs in one cell: %j is %j', (v, d) => {
    expect(parseConsent(v)).toBe(d)
  })
  it.each(['Ja, dat mag', 'Wel toestemming', 'Geen bezwaar'])('%j (online-form and letter wording) is granted', (v) => {
    expect(parseConsent(v)).toBe('granted')
  })
  it.each([null, '', ' ', '-', '?', 'onbekend', 'Geen reactie', 'Nog geen reactie', 'Niet ingevuld', 'Weet ik nog niet'])('%j is no answer', (v) => {
    expect(parseConsent(v)).toBe('unknown')
  })
  it.each(['misschien', 'Ja/Nee', 'Ja en Nee allebei aangekruist', 2])('%j is not understood', (v) => {
    expect(parseConsent(v)).toBeNull()
  })
})

describe('phones and e-mails', () => {
  it.each([
    ['06-12345678', '06-12345678', '+31612345678'],
    [612345678, '0612345678', '+31612345678'],
    [31612345678, '+31612345678', '+31612345678'],
    ['612345678', '0612345678', '+31612345678'],
    ['+31 (0)6 12345678', '+31 (0)6 12345678', '+31612345678'],
    ['06-12345678 (mobiel)', '06-12345678 (mobiel)', '+31612345678'],
    ['06-12345678 / 010-1234567', '06-12345678', '+31612345678'],
    ['+44 7700 900123', '+44 7700 900123', '+447700900123'],
  ])('%j is kept as %j and normalised to %s', (cell, typed, normalized) => {
    expect(parsePhone(cell)).toEqual({ ok: true, value: { typed, normalized } })
  })
  it('a phone that is not one is an error; an empty one is none', () => {
    expect(parsePhone('bel mij').ok).toBe(false)
    expect(parsePhone(null)).toEqual({ ok: true, value: null })
    expect(parsePhone('geen')).toEqual({ ok: true, value: null })
  })
  it.each([
    ['marieke@voorbeeld.nl', 'marieke@voorbeeld.nl'],
    [' mailto:Marieke@Voorbeeld.nl ', 'Marieke@Voorbeeld.nl'],
    ['Marieke van der Berg <marieke@voorbeeld.nl>', 'marieke@voorbeeld.nl'],
  ])('%j is the address %s', (cell, address) => {
    expect(parseEmail(cell)).toEqual({ ok: true, value: address })
  })
  it('a form that did not ask for the address gives none; a broken one is an error', () => {
    expect(parseEmail('anonymous')).toEqual({ ok: true, value: null })
    expect(parseEmail('joost-at-voorbeeld')).toMatchObject({ ok: false, message: expect.stringContaining('naam@voorbeeld.nl') })
  })
})

describe('Dutch names', () => {
  it.each([
    ['van der Berg', 'van der', 'Berg'],
    ['Van der Berg', 'van der', 'Berg'],
    ['Berg, van der', 'van der', 'Berg'],
    ["van 't Hof", "van 't", 'Hof'],
    ['de Vries', 'de', 'Vries'],
    ['in de Betouw', 'in de', 'Betouw'],
    ['Yılmaz', '', 'Yılmaz'],
    ['El Amrani', '', 'El Amrani'],
    ['el Idrissi', 'el', 'Idrissi'],
    ['Van', '', 'Van'],
  ])('%j is %j + %j', (typed, prefix, lastName) => {
    expect(splitSurname(typed)).toEqual({ prefix, lastName })
  })
  it('with an empty tussenvoegsel column only a lower-case prefix is split off', () => {
    expect(splitSurname('de Boer', true)).toEqual({ prefix: 'de', lastName: 'Boer' })
    expect(splitSurname('De Smet', true)).toEqual({ prefix: '', lastName: 'De Smet' })
  })
  it.each([
    ['Sanne van der Berg', 'Sanne', 'van der', 'Berg'],
    ['Berg, Sanne van der', 'Sanne', 'van der', 'Berg'],
    ['Ömer Yılmaz', 'Ömer', '', 'Yılmaz'],
    ['Anne Sophie de Vries', 'Anne Sophie', 'de', 'Vries'],
  ])('%j is %j %j %j', (typed, firstName, prefix, lastName) => {
    expect(splitFullName(typed)).toEqual({ firstName, prefix, lastName })
  })
})

describe('headers', () => {
  it.each([
    ['Roepnaam', { kind: 'pupil', field: 'firstName' }],
    ['  ROEPNAAM ', { kind: 'pupil', field: 'firstName' }],
    ['Voornaam van uw kind', { kind: 'pupil', field: 'firstName' }],
    ['Tussenvoegsel', { kind: 'pupil', field: 'lastNamePrefix' }],
    ['Achternaam leerling', { kind: 'pupil', field: 'lastName' }],
    ['Geboortedatum * (dd-mm-jjjj)', { kind: 'pupil', field: 'birthDate' }],
    ['Date of birth', { kind: 'pupil', field: 'birthDate' }],
    ['In welke groep komt uw kind?', { kind: 'pupil', field: 'group' }],
    ['Leerlingnummer', { kind: 'pupil', field: 'studentNumber' }],
    ['Student ID', { kind: 'pupil', field: 'studentNumber' }],
    ['Naam ouder/verzorger 1', { kind: 'guardian', slot: '1', field: 'name' }],
    ['E-mail ouder/verzorger 1', { kind: 'guardian', slot: '1', field: 'email' }],
    ['Telefoon ouder/verzorger 2', { kind: 'guardian', slot: '2', field: 'phone' }],
    ['Parent 2 phone', { kind: 'guardian', slot: '2', field: 'phone' }],
    ['Mobiel moeder', { kind: 'guardian', slot: 'moeder', field: 'phone', relation: 'moeder' }],
    ['Toestemming website', { kind: 'consent', purposes: ['website'] }],
    ['Foto nieuwsbrief', { kind: 'consent', purposes: ['newsletter'] }],
    ["Foto's op website en social media", { kind: 'consent', purposes: ['website', 'social_media'] }],
    ['Schoolreis', { kind: 'consent', purposes: ['schoolreis'] }],
    ['BSN', { kind: 'ignore', sensitive: true }],
    ['Medische bijzonderheden', { kind: 'ignore', sensitive: true }],
    ['Godsdienst', { kind: 'ignore', sensitive: true }],
    ['Huisnummer', { kind: 'ignore', sensitive: false }],
    ['Tijdstempel', { kind: 'ignore', sensitive: false }],
  ])('%j', (header, expected) => {
    expect(classifyHeader(header, PURPOSES)).toMatchObject(expected)
  })

  it('names purposes in answer texts', () => {
    expect(matchPurposes('Ouderapp (Parro)', PURPOSES)).toEqual(['parent_app'])
    expect(matchPurposes('Lokale media', PURPOSES)).toEqual(['press'])
    expect(matchPurposes('Social media', PURPOSES)).toEqual(['social_media'])
  })

  it('proposes a multi-select column from its answers, and prefers the explicit guardian e-mail', () => {
    const p = proposeMapping(
      [
        { key: 'c0', header: 'E-mail', values: ['anonymous', 'anonymous'] },
        { key: 'c1', header: 'Uw e-mailadres', values: ['a@b.nl', 'c@d.nl'] },
        { key: 'c2', header: 'Waarvoor geeft u toestemming?', values: ['Website;Nieuwsbrief;', 'Geen;', 'Website;'] },
        { key: 'c3', header: 'Toestemming klassenlijst', values: ['Ja', 'Nee'] },
      ],
      PURPOSES,
    )
    expect(p[0]?.target).toEqual({ kind: 'ignore' })
    expect(p[1]?.target).toEqual({ kind: 'guardian', guardian: 1, field: 'email' })
    expect(p[2]?.target).toMatchObject({ kind: 'consentList', options: { Website: ['website'], Nieuwsbrief: ['newsletter'], Geen: [] } })
    // The purpose with its own column is not one the list refuses by leaving it out.
    expect(p[2]?.target.kind === 'consentList' && p[2].target.purposes).not.toContain('contact_list')
    expect(p[3]?.target).toEqual({ kind: 'consent', purposes: ['contact_list'] })
  })
})

describe('CSV bytes', () => {
  it('decodes UTF-8 with and without BOM, and Windows-1252', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x5a, 0x6f, 0xc3, 0xab]))).toBe('Zoë')
    expect(decodeText(new Uint8Array([0x5a, 0x6f, 0xc3, 0xab]))).toBe('Zoë')
    expect(decodeText(new Uint8Array([0x5a, 0x6f, 0xeb]))).toBe('Zoë')
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x5a, 0x00, 0xeb, 0x00]))).toBe('Zë')
  })
  it.each([
    ['a;b;c\n1;2;3', ';'],
    ['a,b,c\n1,2,3', ','],
    ['"Berg, van der";Zoë;5\nx;y;z', ';'],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['Titel;;\na,b;c;d\n1,5;2;3', ';'],
  ])('%j is split on %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter)
  })
})

describe('cells as exceljs gives them', () => {
  it.each([
    [{ text: 'marieke@voorbeeld.nl', hyperlink: 'mailto:marieke@voorbeeld.nl' }, 'marieke@voorbeeld.nl'],
    [{ text: 'Mail Marieke', hyperlink: 'mailto:marieke@voorbeeld.nl?subject=School' }, 'marieke@voorbeeld.nl'],
    [{ text: { richText: [{ text: 'a@b' }, { text: '.nl' }] }, hyperlink: 'mailto:a@b.nl' }, 'a@b.nl'],
    [{ richText: [{ text: 'Ngu' }, { text: 'yễn' }] }, 'Nguyễn'],
    [{ formula: 'A1&"x"', result: 'Zoëx' }, 'Zoëx'],
    [{ sharedFormula: 'B2', result: 5 }, 5],
    [{ formula: 'NOW()' }, null],
    [{ error: '#N/A' }, '#N/A'],
    ['', null],
  ])('%j is %j', (value, cell) => {
    expect(toCell(value)).toEqual(cell)
  })
})

import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvField, foldLine, vcardText } from '../../electron/core/documents/class-list-export.ts'
import { ok } from '../helpers/register.ts'
import { bytesOf, documentSchool, make, pdfPages } from './helpers.ts'

interface VCard {
  [property: string]: { params: string[]; value: string }[]
}

/** A small vCard 3.0 reader: unfolds lines, splits properties and parameters, unescapes text. */
function parseVcf(text: string): VCard[] {
  expect(text.replace(/\r\n/g, '')).not.toMatch(/\n|\r/) // every line ends in CRLF
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
  const cards: VCard[] = []
  let card: VCard | undefined
  for (const line of lines) {
    const colon = line.indexOf(':')
    const [name = '', ...params] = line.slice(0, colon).split(';')
    const value = line.slice(colon + 1)
    if (name === 'BEGIN' && value === 'VCARD') card = {}
    else if (name === 'END' && value === 'VCARD' && card) {
      cards.push(card)
      card = undefined
    } else if (card) {
      const unescaped = value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
      ;(card[name] ??= []).push({ params, value: unescaped })
    } else throw new Error(`property outside a card: ${line}`)
  }
  expect(card).toBeUndefined()
  return cards
}

const one = (card: VCard, name: string): string => card[name]?.[0]?.value ?? ''

describe('class list for the group app', () => {
  it('PDF: every pupil with guardians; contact details only with contact_list consent; how each guardian is reached', async () => {
    const s = await documentSchool()
    const text = (await pdfPages(await make(s.core, 'documents.classList', { groupId: s.group.id }))).join('\n')
    expect(text).toContain('Klassenlijst groepsapp: groep 5')
    expect(text).toContain('4 leerlingen · Juf Iris · schooljaar 2026-2027')
    expect(text).toContain('Vertrouwelijk')
    // Consent for the contact list: Zoë and Ömer's guardians are shown with phone and e-mail.
    expect(text).toMatch(/Marieke van der Berg \(moeder\) 06-12345678 marieke@voorbeeld\.nl/)
    expect(text).toMatch(/Ömer Yılmaz \(vader\) 0687654321 –/)
    expect(text).toMatch(/Łucja Yılmaz \(moeder\) \+31 \(0\)6 5555 6666 lucja@voorbeeld\.nl/)
    // No consent (Łukasz): the name only, nothing of Thanh's number or address; she is e-mailed by the school.
    expect(text).not.toContain('1122')
    expect(text).not.toContain('thanh.nguyen')
    expect(text).toMatch(/Nguyễn, Łukasz NIET HERKENBAAR IN BEELD\nThanh Nguyễn \(moeder\)\n▸ niet in de groepsapp: informeren per e-mail\nContactgegevens niet delen \(geen toestemming\)\./)
    expect(text.match(/niet in de groepsapp: informeren per e-mail/g)).toHaveLength(1) // Thanh only
    expect(text).not.toContain('bellen of een brief meegeven')
    // Not recognisable: Łukasz (refused), Ömer and Daan (no answer); Zoë (consent) is.
    expect(text.match(/NIET HERKENBAAR IN BEELD/g)).toHaveLength(3)
    expect(text).toMatch(/Vries, Daan de NIET HERKENBAAR IN BEELD\nGeen ouders\/verzorgers bekend bij de school\./)
  })

  it('one status per guardian from the facts, the same in PDF, CSV and vCard: app only with a mobile number and consent, else e-mail, else call or a letter', async () => {
    const s = await documentSchool()
    // Marieke marked as in the app, but with a landline: not in the app, e-mailed. Ömer (mobile, no e-mail) stays in the app.
    await ok(s.core, 'guardians.save', { id: s.mother.id, version: s.mother.version, phone: '0201234567' })
    // Łukasz's mother without an e-mail address and without consent to share: she is called or gets a letter.
    await ok(s.core, 'guardians.save', { id: s.thanh.id, version: s.thanh.version, email: '' })
    const pdf = (await pdfPages(await make(s.core, 'documents.classList', { groupId: s.group.id }))).join('\n')
    expect(pdf).toMatch(/Marieke van der Berg \(moeder\) 0201234567 marieke@voorbeeld\.nl\n▸ niet in de groepsapp: informeren per e-mail/)
    expect(pdf).toMatch(/Thanh Nguyễn \(moeder\)\n▸ niet in de groepsapp en geen e-mailadres: bellen of een brief meegeven/)
    expect(pdf).not.toMatch(/Ömer Yılmaz \(vader\)[^\n]*\n▸/)
    const rows = parse(await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv' }), { delimiter: ';', bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[]
    expect(rows.map((r) => [r['Ouder/verzorger'], r['Hoe te bereiken']])).toEqual([
      ['Marieke van der Berg', 'niet in de groepsapp: informeren per e-mail'],
      ['Ömer Yılmaz', 'in de groepsapp'],
      ['Thanh Nguyễn', 'niet in de groepsapp en geen e-mailadres: bellen of een brief meegeven'],
      ['', ''],
      ['Łucja Yılmaz', 'in de groepsapp'],
    ])
    const cards = parseVcf((await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'vcf' })).toString('utf8'))
    expect(cards.map((c) => one(c, 'FN'))).toEqual(['Ömer Yılmaz (vader van Zoë, groep 5)', 'Łucja Yılmaz (moeder van Ömer, groep 5)'])
    // The ready list for BCC: who is e-mailed, not who is in the app or has no address.
    const bcc = await ok(s.core, 'documents.classList', { groupId: s.group.id, format: 'bcc' })
    expect(bcc).toMatchObject({ fileName: 'e-mailadressen-bcc-groep-5-2026-11-22.txt', count: 1, countLabel: 'e-mailadres' })
    expect(bytesOf(bcc).toString('utf8')).toBe('marieke@voorbeeld.nl\r\n')
  })

  it('CSV: opens in Dutch Excel as columns (BOM, semicolons, CRLF), the number as typed and as +31, no contact details without consent', async () => {
    const s = await documentSchool()
    await ok(s.core, 'guardians.save', { pupilId: s.daan.id, name: '=HYPERLINK("http://x.example";"klik")', relation: 'oom' })
    const csv = await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv' })
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csv.toString('utf8')
    expect(text.split('\r\n')[0]).toBe('\uFEFFGroep;Leerling;Herkenbaar in beeld;Ouder/verzorger;Relatie;Hoe te bereiken;Telefoon;Telefoon (+31);E-mail;Opmerking')
    expect(text.endsWith('\r\n')).toBe(true)
    const rows = parse(csv, { delimiter: ';', bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[]
    expect(rows.map((r) => [r.Leerling, r['Ouder/verzorger']])).toEqual([
      ['Berg, Zoë van der', 'Marieke van der Berg'],
      ['Berg, Zoë van der', 'Ömer Yılmaz'],
      ['Nguyễn, Łukasz', 'Thanh Nguyễn'],
      ['Vries, Daan de', `'=HYPERLINK("http://x.example";"klik")`],
      ['Yılmaz, Ömer', 'Łucja Yılmaz'],
    ])
    const byGuardian = new Map(rows.map((r) => [r['Ouder/verzorger'], r]))
    // Phone numbers as constant text formulas, so Excel and Calc keep the 0 and the +.
    expect(byGuardian.get('Marieke van der Berg')).toMatchObject({
      Groep: '5',
      'Herkenbaar in beeld': 'ja',
      Telefoon: '="06-12345678"',
      'Telefoon (+31)': '="+31612345678"',
      'E-mail': 'marieke@voorbeeld.nl',
      'Hoe te bereiken': 'in de groepsapp',
      Opmerking: '',
    })
    expect(byGuardian.get('Ömer Yılmaz')).toMatchObject({ Telefoon: '="0687654321"', 'Telefoon (+31)': '="+31687654321"' })
    expect(byGuardian.get('Thanh Nguyễn')).toMatchObject({
      'Herkenbaar in beeld': 'nee: niet herkenbaar in beeld',
      Telefoon: '',
      'Telefoon (+31)': '',
      'E-mail': '',
      'Hoe te bereiken': 'niet in de groepsapp: informeren per e-mail',
      Opmerking: 'contactgegevens niet delen (geen toestemming)',
    })
    expect(byGuardian.get('Łucja Yılmaz')).toMatchObject({ Telefoon: '="+31 (0)6 5555 6666"', 'Telefoon (+31)': '="+31655556666"' })
    expect(text).not.toContain('1122')
  })

  it('CSV fields: quotes, semicolons and commas quoted; line breaks a space; formulas and signed numbers defused', () => {
    expect(csvField('Berg; Zoë')).toBe('"Berg; Zoë"')
    expect(csvField('zei "ja"')).toBe('"zei ""ja"""')
    expect(csvField('Berg, Zoë')).toBe('"Berg, Zoë"')
    expect(csvField('regel 1\nregel 2')).toBe('regel 1 regel 2')
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('-2+3+cmd|')).toBe("'-2+3+cmd|")
    expect(csvField('+31 6 12345678')).toBe("'+31 6 12345678")
    expect(csvField('\t=1+1')).toBe("'=1+1")
    expect(csvField('06-12345678')).toBe('06-12345678')
    expect(csvField('0687654321')).toBe("'0687654321")
    expect(csvField('5')).toBe('5')
  })

  it('vCard 3.0: only the guardians in the group app, named with their child, importable, +31 numbers as CELL, siblings on one card', async () => {
    const s = await documentSchool()
    // Marieke is also Ömer's guardian now: one card naming both children.
    await ok(s.core, 'guardians.link', { pupilId: s.omer.id, guardianId: s.mother.id, relation: 'tante' })
    const vcf = (await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'vcf' })).toString('utf8')
    for (const line of vcf.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    const cards = parseVcf(vcf)
    expect(cards.map((c) => one(c, 'FN'))).toEqual(['Marieke van der Berg (ouder/verzorger van Zoë en Ömer, groep 5)', 'Ömer Yılmaz (vader van Zoë, groep 5)', 'Łucja Yılmaz (moeder van Ömer, groep 5)'])
    for (const c of cards) {
      expect(one(c, 'VERSION')).toBe('3.0')
      expect(one(c, 'N').split(';')).toHaveLength(5)
      expect(one(c, 'TEL')).toMatch(/^\+316\d{8}$/)
      expect(c.TEL?.[0]?.params).toEqual(['TYPE=CELL'])
      expect(one(c, 'CATEGORIES')).toBe('Groep 5')
    }
    const [marieke, omer, lucja] = cards as [VCard, VCard, VCard]
    expect(one(marieke, 'N')).toBe('van der Berg;Marieke;;;')
    expect(one(marieke, 'TEL')).toBe('+31612345678')
    expect(one(marieke, 'EMAIL')).toBe('marieke@voorbeeld.nl')
    expect(one(omer, 'TEL')).toBe('+31687654321')
    expect(omer.EMAIL).toBeUndefined()
    expect(one(lucja, 'TEL')).toBe('+31655556666')
    // Thanh (not in the group app, no consent for Łukasz) is not in it.
    expect(vcf).not.toContain('Thanh')
    expect(vcf).not.toContain('1122')
  })

  it('vCard: a guardian not in the group app says so; text is escaped and long lines folded', () => {
    expect(vcardText('Jansen, P.; oom\nzie notitie\\')).toBe('Jansen\\, P.\\; oom zie notitie\\\\')
    const long = `NOTE:${'Ouder/verzorger van Łukasz Nguyễn '.repeat(5)}`
    const folded = foldLine(long)
    const parts = folded.split('\r\n')
    expect(parts.length).toBeGreaterThan(2)
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75)
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true)
    expect(folded.replace(/\r\n /g, '')).toBe(long)
  })

  it('vCard with no guardian who shares contact details: a clear message, no empty file', async () => {
    const s = await documentSchool()
    const r = await s.core.dispatch('documents.classList', { groupId: s.group6.id, format: 'vcf' })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('In groep 6 zit nog geen enkele ouder in de groepsapp') } })
    expect(await s.core.dispatch('documents.classList', { groupId: s.group7.id })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Groep 7 heeft geen leerlingen') } })
  })
})

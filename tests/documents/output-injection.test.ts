// What an attacker puts in a name, a phone number or a cell of an enrolment file, read back from
// what the app writes the way the reader's program reads it: a spreadsheet (formulas), a phone
// (vCard lines), a PDF viewer (text, in reading order); LibreOffice Calc in output-injection-calc.test.ts.
// Input refuses control and bidi characters; documents drop them for data that came in another way
// (an old database, a restored file).
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { bytesOf, documentSchool, make, pdfPages } from './helpers.ts'

const RLO = '\u202E' // right-to-left override: 'Jan\u202Eneeb' shows as 'Janbeen'
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
/** Control characters other than the CR LF that end a line. */
const CONTROL = /(?![\r\n])\p{Cc}/u

/** A phone number written as a constant text formula, ="0612345678", so the spreadsheet keeps it as typed: it computes nothing. */
const constantPhone = (cell: string): boolean => /^="[+\d\s()-]*"$/.test(cell)
/** Cells of a CSV as Excel and LibreOffice see them: one that starts with = + - @ tab or CR is a formula. */
const looksLikeFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !constantPhone(cell)

/** A lenient vCard reader, as on many phones: any CR or LF ends a line; a folded line starts with a space. */
function vcardLines(vcf: string): string[] {
  return vcf
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n|\r|\n/)
    .filter(Boolean)
}

describe('CSV for Excel: no cell is a formula', () => {
  it("a guardian's name, relation and phone that start with = + - @ are text, and the phone still reads as the number", async () => {
    const s = await documentSchool()
    await ok(s.core, 'guardians.save', { pupilId: s.daan.id, name: '@SUM(1+1)*cmd|" /C calc"!A0', relation: '-2+3', phone: '+31612345678' })
    await ok(s.core, 'guardians.save', { pupilId: s.daan.id, name: '=HYPERLINK("http://x.example";"klik")', relation: '+oom', phone: '-06 1234 5678' })
    // Daan needs contact_list consent for his guardians' numbers to be in the list.
    await ok(s.core, 'consent.record', { pupilId: s.daan.id, decisions: [{ purposeId: s.purpose('contact_list').id, decision: 'granted' }], effectiveFrom: '2026-09-01', source: 'desk' })
    const csv = await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv' })
    const rows = parse(csv, { delimiter: ';', bom: true, record_delimiter: '\r\n' }) as string[][]
    const formulas = rows.flat().filter(looksLikeFormula)
    expect(formulas).toEqual([])
    const daan = rows.filter((r) => r[1] === 'Vries, Daan de')
    expect(daan.map((r) => [r[3], r[4], r[6]])).toEqual([
      [`'@SUM(1+1)*cmd|" /C calc"!A0`, "'-2+3", '="+31612345678"'],
      [`'=HYPERLINK("http://x.example";"klik")`, "'+oom", "'-06 1234 5678"],
    ])
    // A phone number typed with + is not turned into 31612345678 or an error: it is text, as typed.
    expect(rows.flat()).toContain('="+31 (0)6 5555 6666"')
  })

  it('also when Excel splits on commas (English list separator): no cell after a comma starts a formula', async () => {
    const s = await documentSchool()
    await ok(s.core, 'guardians.save', { pupilId: s.daan.id, name: 'Jan, =HYPERLINK("http://x.example","klik")', relation: 'oom,+1' })
    const csv = await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv' })
    // Excel with ',' as separator: a quote only counts at the very start of a cell.
    const cells = csv
      .toString('utf8')
      .split('\r\n')
      .flatMap((line) => line.split(','))
    expect(cells.map((c) => c.trimStart().replace(/^"/, '')).filter(looksLikeFormula)).toEqual([])
    const rows = parse(csv, { delimiter: ';', bom: true, record_delimiter: '\r\n' }) as string[][]
    expect(rows.map((r) => [r[3], r[4]])).toContainEqual([`Jan, '=HYPERLINK("http://x.example","klik")`, "oom,'+1"])
  })

  it('a name with a line break, CR, NUL or bidi control from an old database cannot add a row or reorder letters', async () => {
    const s = await documentSchool()
    s.core.ctx.db.prepare('UPDATE guardians SET name = ? WHERE id = ?').run(`Marieke\r\n=cmd|'/C calc'!A0\u0000${RLO}neeb`, s.mother.id)
    const csv = await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv' })
    const text = csv.toString('utf8')
    expect(text).not.toMatch(BIDI)
    expect(text).not.toMatch(CONTROL)
    const rows = parse(csv, { delimiter: ';', bom: true, record_delimiter: '\r\n' }) as string[][]
    expect(rows).toHaveLength(6) // header and the same five guardian rows as before
    expect(rows.flat().filter(looksLikeFormula)).toEqual([])
    expect(rows.map((r) => r[3])).toContain("Marieke =cmd|'/C calc'!A0neeb")
  })
})

describe('vCard: one card per guardian, whatever the name says', () => {
  it('a name, e-mail and phone with CR, LF or NUL from an old database cannot start a card or a property', async () => {
    const s = await documentSchool()
    const update = s.core.ctx.db.prepare('UPDATE guardians SET name = ?, email = ?, phone_normalized = ? WHERE id = ?')
    update.run('Marieke\rEND:VCARD\rBEGIN:VCARD\rFN:Nep\rTEL:+31600000000', 'm@voorbeeld.nl\nURL:http://x.example', '+31612345678\r\nX-EVIL:1', s.mother.id)
    update.run(`Ömer\u0000${RLO}rapsaj\u2028NOTE:nep`, '', '+31687654321', s.father.id)
    const vcf = (await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'vcf' })).toString('utf8')
    expect(vcf).not.toMatch(BIDI)
    expect(vcf).not.toMatch(CONTROL)
    expect(vcf).not.toMatch(/[\u2028\u2029]/)
    const lines = vcardLines(vcf)
    expect(lines.filter((l) => l === 'BEGIN:VCARD')).toHaveLength(3)
    expect(lines.filter((l) => l === 'END:VCARD')).toHaveLength(3)
    const properties = new Set(lines.map((l) => l.split(/[:;]/)[0]))
    expect([...properties].sort()).toEqual(['BEGIN', 'CATEGORIES', 'EMAIL', 'END', 'FN', 'N', 'NOTE', 'TEL', 'VERSION'])
    expect(lines).toContain('TEL;TYPE=CELL:+31612345678')
    expect(lines).toContain('FN:Marieke END:VCARD BEGIN:VCARD FN:Nep TEL:+31600000000 (moeder van Zoë\\, groep 5)')
    expect(lines).toContain('FN:Ömerrapsaj NOTE:nep (vader van Zoë\\, groep 5)')
  })
})

describe('PDF: text as a reader copies it', () => {
  it('a pupil and a guardian with bidi controls and line breaks from an old database print in their own order on one line', async () => {
    const s = await documentSchool()
    s.core.ctx.db.prepare('UPDATE pupils SET first_name = ? WHERE id = ?').run(`Daan${RLO}neeb`, s.daan.id)
    s.core.ctx.db.prepare('UPDATE guardians SET name = ? WHERE id = ?').run('Marieke\nvan der\u0000Berg\u2066x\u2069', s.mother.id)
    const pdf = await make(s.core, 'documents.classList', { groupId: s.group.id })
    const text = (await pdfPages(pdf)).join('\n')
    expect(text).not.toMatch(BIDI)
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain('Vries, Daanneeb de')
    expect(text).toMatch(/Marieke van derBergx \(moeder\) 06-12345678/)
    const dossier = (await pdfPages(await make(s.core, 'documents.dossier', { pupilId: s.daan.id }))).join('\n')
    expect(dossier).not.toMatch(BIDI)
    expect(dossier).toContain('Daanneeb')
  })
})

describe('rejected rows workbook: text stays text in Excel', () => {
  it('a cell that starts like a formula is stored as text with the Text format, so editing it in Excel does not run it', async () => {
    const s = await documentSchool()
    const csv = ['Roepnaam;Achternaam;Geboortedatum;Groep', '=HYPERLINK("http://x.example","klik");Jansen;31-02-2015;5', '+31612345678;-Berg;32-01-2016;@5'].join('\r\n')
    const r = await ok(s.core, 'imports.rejectedRows', { files: [{ name: 'aanmelding.csv', data: Buffer.from(csv, 'utf8').toString('base64') }] })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytesOf(r) as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0] as ExcelJS.Worksheet
    const risky: { value: unknown; numFmt: string; type: ExcelJS.ValueType }[] = []
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) risky.push({ value: cell.value, numFmt: cell.numFmt, type: cell.type })
      }),
    )
    expect(risky.map((c) => c.value).sort()).toEqual(['+31612345678', '-Berg', '=HYPERLINK("http://x.example","klik")', '@5'])
    for (const c of risky) expect(c).toMatchObject({ numFmt: '@', type: ExcelJS.ValueType.String })
  })
})

describe('enrolment form template: text stays text in Excel', () => {
  it("a purpose's label that starts like a formula is a Text cell", async () => {
    const s = await documentSchool()
    await ok(s.core, 'purposes.save', { label: '=HYPERLINK("http://x.example","klik")', description: '' })
    const t = await ok(s.core, 'imports.template', {} as never)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytesOf(t) as unknown as ExcelJS.Buffer)
    const risky: { value: unknown; numFmt: string; type: ExcelJS.ValueType }[] = []
    ;(wb.worksheets[0] as ExcelJS.Worksheet).eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Merge && typeof cell.value === 'string' && looksLikeFormula(cell.value)) risky.push({ value: cell.value, numFmt: cell.numFmt, type: cell.type })
      }),
    )
    expect(risky).toEqual([{ value: '=HYPERLINK("http://x.example","klik")', numFmt: '@', type: ExcelJS.ValueType.String }])
  })
})

describe('at input: names and text for documents refuse control and bidi characters, in Dutch', () => {
  it('the screens (API): a pupil, a guardian, a group and a note are refused with a message, and nothing is saved', async () => {
    const s = await documentSchool()
    const refused = async (method: Parameters<typeof s.core.dispatch>[0], input: unknown): Promise<string> => {
      const r = await s.core.dispatch(method, input as never)
      if (r.ok) throw new Error(`${method} was saved`)
      expect(r.error.code).toBe('validation')
      return r.error.message
    }
    expect(await refused('pupils.save', { firstName: `Daan${RLO}neeb`, lastName: 'Vries' })).toMatch(/leesrichting omdraait \(U\+202E\).*Er is niets opgeslagen/)
    expect(await refused('pupils.save', { firstName: 'Daan', lastNamePrefix: 'de\u0000', lastName: 'Vries' })).toMatch(/stuurteken \(U\+0000\)/)
    expect(await refused('guardians.save', { pupilId: s.daan.id, name: 'Jan\r\nEND:VCARD', relation: 'vader' })).toMatch(/regeleinde/)
    expect(await refused('guardians.save', { pupilId: s.daan.id, name: 'Jan\uD800', relation: 'vader' })).toMatch(/U\+D800/) // half a character: garbage in UTF-8
    expect(await refused('guardians.save', { pupilId: s.daan.id, name: 'Jan', relation: 'oom\u2066' })).toMatch(/U\+2066/)
    expect(await refused('groups.save', { name: `5${RLO}b` })).toMatch(/U\+202E/)
    expect(await refused('settings.update', { schoolName: 'OBS\u200FDe Linde' })).toMatch(/U\+200F/)
    const note = { pupilId: s.daan.id, decisions: [{ purposeId: s.purpose('website').id, decision: 'refused' }], effectiveFrom: '2026-09-01', source: 'desk' }
    expect(await refused('consent.record', { ...note, note: 'belde\u0007' })).toMatch(/U\+0007/)
    // A note may have several lines.
    await ok(s.core, 'consent.record', { ...note, note: 'Moeder belde.\nZie ook de brief.' } as never)
    const pupils = await ok(s.core, 'pupils.search', { query: 'neeb' } as never)
    expect(JSON.stringify(pupils)).not.toContain('neeb')
  })

  it('an enrolment file: such a name is a row error with the reason, the other rows import', async () => {
    const s = await documentSchool()
    const csv = [
      'Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Naam ouder 1',
      `Ann${RLO}eb;;Jansen;01-02-2017;Piet Jansen`,
      'Kees;de\u2066;Boer;02-03-2017;Els de Boer',
      'Lotte;;Bakker;03-04-2017;Jan\u202Aeb Bakker',
      'Sem;;Visser;04-05-2017;Mark Visser',
    ].join('\r\n')
    const preview = await ok(s.core, 'imports.preview', { files: [{ name: 'aanmelding.csv', data: Buffer.from(csv, 'utf8').toString('base64') }] })
    expect(preview.rowErrors.map((e) => [e.row, e.field])).toEqual([
      [2, 'firstName'],
      [3, 'lastNamePrefix'],
      [4, 'guardian.1.name'],
    ])
    for (const e of preview.rowErrors) expect(e.message).toMatch(/onzichtbaar .*Deze rij wordt niet geïmporteerd\./)
    expect(JSON.stringify(preview)).toContain('Sem')
  })
})

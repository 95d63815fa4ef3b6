// Writes resources/templates/inschrijfformulier.xlsx and the import test fixtures in
// tests/fixtures/imports/: workbooks made with exceljs, CSVs in the encodings schools have, and
// (when LibreOffice is installed) files written by LibreOffice and an old .xls, and an encrypted
// (password-protected) workbook's container. Run: npx node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/make-import-fixtures.ts
// The outputs are committed; the tests never run this.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { zipSync, strToU8 } from 'fflate'
import { openCore } from '../electron/core/boot.ts'
import { enrolmentTemplate } from '../electron/core/imports/template.ts'
import { listPurposes } from '../electron/core/purposes/purposes.service.ts'
import { PEOPLE_COLUMNS } from '../tests/helpers/export-columns.ts'
import { FODS_TABLE } from './import-fixtures-fods.ts'
import { encryptedWorkbookContainer } from './import-fixtures-ole2.ts'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'tests', 'fixtures', 'imports')
mkdirSync(out, { recursive: true })
mkdirSync(join(root, 'resources', 'templates'), { recursive: true })
const d = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day))
const save = async (wb: ExcelJS.Workbook, name: string): Promise<void> => {
  writeFileSync(join(out, name), Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer))
}

// The clean form, with the default purposes.
const core = openCore({ dbPath: ':memory:', appVersion: 'fixtures' })
const purposes = listPurposes(core.ctx.db)
core.close()
const template = await enrolmentTemplate(purposes)
writeFileSync(join(root, 'resources', 'templates', 'inschrijfformulier.xlsx'), template)

// 1. An administration export: title rows, header in row 4 with odd case and spacing, every kind of cell.
{
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Leerlingen')
  ws.getCell('A1').value = 'Leerlingenlijst OBS De Linde'
  ws.mergeCells('A1:F1')
  ws.getCell('A2').value = 'Export van 20-08-2026'
  ws.addRow([])
  // The usual columns, three of them typed by hand: odd case and spacing.
  const typedByHand: Record<string, (head: string) => string> = {
    Roepnaam: (head) => `  ${head.toUpperCase()} `,
    Tussenvoegsel: (head) => head.toLowerCase(),
    'Naam ouder/verzorger 2': (head) => head.replace(' ', '  '),
  }
  ws.getRow(4).values = [...PEOPLE_COLUMNS.map((head) => typedByHand[head]?.(head) ?? head), 'Toestemming website', 'Foto nieuwsbrief', 'Social media', 'Medische bijzonderheden', 'Godsdienst', 'Interne code']
  const rows: unknown[][] = [
    [
      1001,
      'Zoë',
      'van der',
      'Berg',
      d(2017, 4, 7),
      '5',
      123456782,
      'Marieke van der Berg',
      { text: 'marieke@voorbeeld.nl', hyperlink: 'mailto:marieke@voorbeeld.nl' },
      '06-12345678',
      'Ömer Yılmaz',
      null,
      687654321,
      'Ja',
      'Nee',
      'X',
      'pinda-allergie',
      'RK',
      'A1',
    ],
    [1002, 'Sem', 'van der', 'Berg', 42000, 7, 123456783, 'Marieke van der Berg', 'marieke@voorbeeld.nl', '06 1234 5678', null, null, null, 'ja ', 'JA', null, null, null, 'A2'],
    [],
    [1003, 'Łukasz', null, 'Kowalski', '7-4-2013', '8', null, 'Anna Kowalska', 'anna.k@voorbeeld.pl', 31612345679, null, null, null, '✓', 'geen toestemming', 'yes', null, null, 'A3'],
    [
      1004,
      'Thị Lan',
      null,
      { richText: [{ text: 'Ngu', font: { bold: true } }, { text: 'yễn' }] },
      '07-04-2013',
      { formula: '"6"', result: '6' },
      null,
      'Hoa Nguyễn',
      'hoa@voorbeeld.nl',
      '+31 6 11122233',
      null,
      null,
      null,
      true,
      false,
      'no',
      null,
      null,
      'A4',
    ],
    [1005, 'Daan  ', ' de ', 'Vries  ', '2013-04-07', 'groep 6', null, 'Peter de Vries', 'peter@voorbeeld.nl', '0611223344', 'Ilse de Vries', 'ilse@voorbeeld.nl', '0622334455', 'Nee', 'FALSE', null, null, null, 'A5'],
    [1006, 'Fleur', null, 'Jansen', '31-02-2015', '4', null, 'Kees Jansen', 'kees@voorbeeld.nl', null, null, null, null, 'Ja', 'Ja', 'Ja', null, null, 'A6'],
    [1007, 'Bram', null, null, d(2016, 1, 3), '4', null, 'Els Bakker', 'els@voorbeeld.nl', null, null, null, null, 'Ja', null, null, null, null, 'A7'],
    [1008, 'Saar', 'de', 'Wit', '7 april 2013', '8', null, 'Joost de Wit', 'joost-at-voorbeeld', null, null, null, null, 'misschien', null, null, null, null, 'A8'],
    [1009, 'Emma', null, 'Smit', { formula: 'DATE(2016,5,12)', result: d(2016, 5, 12) }, '4', null, 'Lotte Smit', 'lotte@voorbeeld.nl', null, null, null, null, 'JA', 'nee', null, null, null, 'A9'],
    [],
    [],
  ]
  rows.forEach((r, i) => (ws.getRow(5 + i).values = r as ExcelJS.CellValue[]))
  ws.getColumn(5).numFmt = 'dd-mm-yyyy'
  ws.getColumn(19).hidden = true
  await save(wb, 'administratie-export.xlsx')
}

// 2. An online form's response export (Microsoft Forms style): consent as one multi-select column.
{
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Form1')
  ws.addRow([
    'Id',
    'Begintijd',
    'Tijd van voltooien',
    'E-mail',
    'Naam',
    'Voornaam van uw kind',
    'Achternaam van uw kind',
    'Geboortedatum van uw kind',
    'In welke groep komt uw kind?',
    'Uw naam',
    'Uw e-mailadres',
    'Uw telefoonnummer',
    'Waarvoor geeft u toestemming?',
    'Heeft uw kind een allergie?',
  ])
  ws.addRow([1, d(2026, 8, 20), d(2026, 8, 20), 'anonymous', '', 'Sanne', 'van der Berg', d(2018, 3, 1), '1/2a', 'Marieke van der Berg', 'marieke@voorbeeld.nl', '0612345678', 'Website;Nieuwsbrief;', 'Nee'])
  ws.addRow([2, d(2026, 8, 21), d(2026, 8, 21), 'anonymous', '', 'Milan', 'de Groot', '12-09-2019', '1/2a', 'Sara de Groot', 'sara@voorbeeld.nl', '0687654322', 'Geen;', 'Ja, noten'])
  ws.addRow([
    3,
    d(2026, 8, 22),
    d(2026, 8, 22),
    'anonymous',
    '',
    'Yara',
    'El Amrani',
    '2019-01-30',
    '1/2b',
    'Fatima El Amrani',
    'fatima@voorbeeld.nl',
    '0611122233',
    'Website;Social media;Schoolgids;Nieuwsbrief;Ouderapp (Parro);',
    '',
  ])
  ws.addRow([4, d(2026, 8, 23), d(2026, 8, 23), 'anonymous', '', 'Finn', 'Visser', '3-3-2019', '1/2b', 'Tom Visser', 'tom@voorbeeld.nl', '0633344455', '', ''])
  await save(wb, 'formulier-antwoorden.xlsx')
}

// 3. English headers and yes/no/TRUE/FALSE answers.
{
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Students')
  ws.addRow(['Student ID', 'First name', 'Last name', 'Date of birth', 'Class', 'Parent 1 name', 'Parent 1 email', 'Parent 1 phone', 'Parent 2 name', 'Parent 2 phone', 'Website', 'Newsletter', 'Social media', 'Press'])
  ws.addRow(['S-77', 'Olivia', 'Brown', d(2016, 6, 1), '5', 'Emily Brown', 'emily@example.com', '+44 7700 900123', 'James Brown', '0612121212', 'yes', 'no', 'TRUE', 'FALSE'])
  ws.addRow(['S-78', 'Noah', 'de Jong', d(2015, 2, 14), '6', 'Laura de Jong', 'laura@example.com', '06-13131313', null, null, 'Yes', 'Yes', 'no', null])
  await save(wb, 'engelse-kolommen.xlsx')
}

// 4. Filled-in forms: our template, twice (one pupil per workbook).
async function fillTemplate(values: Record<string, ExcelJS.CellValue>, crosses: Record<string, 'Ja' | 'Nee'>): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer)
  const ws = wb.worksheets[0] as ExcelJS.Worksheet
  let section = ''
  ws.eachRow((row, r) => {
    const a = String(ws.getCell(r, 1).value ?? '')
    if (a !== '' && !a.endsWith(':') && !crosses[a]) section = a
    const key = `${section} / ${a.replace(/:$/, '')}`
    if (values[key] !== undefined) ws.getCell(r, 2).value = values[key]
    const cross = crosses[a]
    if (cross) ws.getCell(r, cross === 'Ja' ? 5 : 6).value = 'X'
    void row
  })
  return wb
}
const website = 'Website van de school'
await save(
  await fillTemplate(
    {
      'Gegevens leerling / Roepnaam *': 'Zoë',
      'Gegevens leerling / Tussenvoegsel': 'van der',
      'Gegevens leerling / Achternaam *': 'Berg',
      'Gegevens leerling / Geboortedatum * (dd-mm-jjjj)': d(2017, 4, 7),
      'Gegevens leerling / Groep': '5',
      'Gegevens leerling / Leerlingnummer (vult de school in)': 1001,
      'Ouder/verzorger 1 / Naam': 'Marieke van der Berg',
      'Ouder/verzorger 1 / Relatie tot het kind (bijv. moeder, vader, verzorger)': 'Moeder',
      'Ouder/verzorger 1 / E-mail': { text: 'marieke@voorbeeld.nl', hyperlink: 'mailto:marieke@voorbeeld.nl' },
      'Ouder/verzorger 1 / Telefoon': 612345678,
      'Ouder/verzorger 2 / Naam': 'Ömer Yılmaz',
      'Ouder/verzorger 2 / Relatie tot het kind (bijv. moeder, vader, verzorger)': 'vader',
      'Ouder/verzorger 2 / Telefoon': '06-87654321',
    },
    { [website]: 'Ja', 'Social-media-accounts van de school': 'Nee', Nieuwsbrief: 'Ja', 'Lokale media (krant, lokale tv)': 'Nee' },
  ),
  'inschrijfformulier-zoe.xlsx',
)
await save(
  await fillTemplate(
    {
      'Gegevens leerling / Roepnaam *': 'Chloë',
      'Gegevens leerling / Achternaam *': 'de Boer',
      'Gegevens leerling / Geboortedatum * (dd-mm-jjjj)': '14-10-2020',
      'Gegevens leerling / Groep': '1/2a',
      'Ouder/verzorger 1 / Naam': 'Marieke van der Berg',
      'Ouder/verzorger 1 / E-mail': 'Marieke@Voorbeeld.nl',
    },
    { [website]: 'Nee', 'Schoolgids en schoolbrochure': 'Ja', 'Besloten ouderapp (bijv. Parro)': 'Ja', 'Filmen in de klas voor het onderwijs': 'Ja', 'Contactgegevens delen in de klassenlijst': 'Ja' },
  ),
  'inschrijfformulier-chloe.xlsx',
)
// A blank form: it must say it is not filled in.
writeFileSync(join(out, 'inschrijfformulier-leeg.xlsx'), template)

// 5. Another school's form of the same kind: labels in B without colons, values in D, merged cells,
// 'Eerste/Tweede ouder' sections, ☒/☐ under JA and NEE in other columns.
{
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Aanmelding')
  const put = (addr: string, v: ExcelJS.CellValue): void => {
    ws.getCell(addr).value = v
  }
  put('B1', 'AANMELDFORMULIER KBS De Regenboog')
  ws.mergeCells('B1:H1')
  put('B3', 'Gegevens van het kind')
  ws.mergeCells('B3:H3')
  const fields: [string, ExcelJS.CellValue][] = [
    ['Voornaam (roepnaam)', 'Bram'],
    ['Tussenvoegsel', ''],
    ['Achternaam', 'Mulder'],
    ['Geboortedatum', '3 maart 2016'],
    ['Groep', 'groep 5'],
  ]
  fields.forEach(([label, v], i) => {
    put(`B${4 + i}`, label)
    put(`D${4 + i}`, v)
    ws.mergeCells(`D${4 + i}:G${4 + i}`)
  })
  put('B10', 'Eerste ouder/verzorger')
  put('B11', 'Naam')
  put('D11', 'Sanne Mulder')
  put('B12', 'E-mailadres')
  put('D12', 'sanne.mulder@voorbeeld.nl')
  put('B13', 'Mobiel nummer')
  put('D13', 612121213)
  put('B15', 'Tweede ouder/verzorger')
  put('B16', 'Naam')
  put('D16', 'Joris Mulder')
  put('B17', 'E-mailadres')
  put('D17', null)
  put('B18', 'Mobiel nummer')
  put('D18', '06-13131314')
  put('B20', "Mag de school foto's van uw kind gebruiken?")
  put('F21', 'JA')
  put('G21', 'NEE')
  const answers: [string, string, string][] = [
    ["Foto's op de website", '☒', '☐'],
    ["Foto's in de nieuwsbrief", '☐', '☒'],
    ['Filmen in de klas', '☒', '☐'],
    ['Social media', '☐', '☐'],
  ]
  answers.forEach(([label, ja, nee], i) => {
    put(`B${22 + i}`, label)
    ws.mergeCells(`B${22 + i}:E${22 + i}`)
    put(`F${22 + i}`, ja)
    put(`G${22 + i}`, nee)
  })
  put('B27', 'Burgerservicenummer')
  put('D27', '111222333')
  await save(wb, 'ander-formulier.xlsx')
}

// 6. CSVs: semicolon + Windows-1252 (Dutch Excel), comma + UTF-8 with BOM, a Google Forms export.
const semicolon = [
  'Leerlingen groep 3;;;;;;',
  'Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Toestemming website;Toestemming nieuwsbrief;Telefoon ouder',
  '2001;Chloë;;Dubois;07-04-2019;3;Ja;Nee;612345670',
  '2002;André;van;Dijk;7-4-2019;3;JA;;0612345671',
  ';;;;;;;;',
  '2003;Renée;;Maës;2019-04-07;3;Nee;Nee;06-12345672',
].join('\r\n')
writeFileSync(join(out, 'puntkomma-windows1252.csv'), encode1252(semicolon))
function encode1252(s: string): Uint8Array {
  const map: Record<string, number> = { ë: 0xeb, é: 0xe9, è: 0xe8, ï: 0xef, ö: 0xf6, ü: 0xfc, '€': 0x80 }
  return Uint8Array.from([...s].map((c) => map[c] ?? (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 0x3f)))
}
const comma = [
  'Leerlingnummer,Voornaam,Achternaam,Geboortedatum,Groep,Naam ouder 1,E-mail ouder 1,Website,Social media',
  '3001,Ömer,Yılmaz,12-05-2016,5,Ayşe Yılmaz,ayse@voorbeeld.nl,ja,nee',
  '3002,Łukasz,Nowak,"1 juni 2016",5,"Nowak, Ewa",ewa@voorbeeld.pl,nee,ja',
  '3003,Zoë,"van den Heuvel",2016-12-31,5,"Bart van den Heuvel",bart@voorbeeld.nl,x,',
].join('\n')
writeFileSync(join(out, 'komma-utf8-bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(comma, 'utf8')]))
const google = [
  "Tijdstempel,E-mailadres,Naam van uw kind,Geboortedatum,Groep,Naam ouder/verzorger,Telefoonnummer,Foto's mogen gebruikt worden voor",
  '2026/08/20 10:15:00 PM CET,linda@voorbeeld.nl,Sanne van der Berg,7-4-2017,5,Linda van der Berg,06-11111111,"Website, Nieuwsbrief"',
  '2026/08/21 08:01:00 AM CET,kees@voorbeeld.nl,Tim Bakker,17-11-2016,5,Kees Bakker,06-22222222,"Website, Social media, Schoolgids, Nieuwsbrief, Ouderapp, Lokale media, Filmen in de klas, Klassenlijst"',
  '2026/08/21 09:30:00 AM CET,ilse@voorbeeld.nl,Lieke de Vries,02-02-2017,5,Ilse de Vries,06-33333333,Geen toestemming',
].join('\n')
writeFileSync(join(out, 'google-formulier.csv'), google)

// 7. Bad input: truncated, a Word document renamed, empty, headers only, not a spreadsheet at all.
const admin = readFileSync(join(out, 'administratie-export.xlsx'))
writeFileSync(join(out, 'afgebroken.xlsx'), admin.subarray(0, Math.floor(admin.length / 2)))
writeFileSync(
  join(out, 'word-document.xlsx'),
  zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
  }),
)
writeFileSync(join(out, 'leeg.xlsx'), Buffer.alloc(0))
{
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('Blad1').addRow(['Roepnaam', 'Achternaam', 'Geboortedatum', 'Groep', 'Toestemming website'])
  await save(wb, 'alleen-kopregel.xlsx')
}

// 8. Written by other tools: LibreOffice (a table with date cells, merged title, hidden column,
// booleans; the filled form saved again), an old .xls, and a password-protected workbook.
const soffice = ['soffice', 'libreoffice'].find((bin) => {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})
if (soffice) {
  const work = mkdtempSync(join(tmpdir(), 'fixtures-lo-'))
  const profile = `-env:UserInstallation=file://${join(work, 'profile')}`
  const convert = (file: string, to: string): void => {
    execFileSync(soffice, [profile, '--headless', '--convert-to', to, '--outdir', work, file], { stdio: 'ignore', timeout: 120_000 })
  }
  writeFileSync(join(work, 'libreoffice-tabel.fods'), FODS_TABLE)
  convert(join(work, 'libreoffice-tabel.fods'), 'xlsx')
  copyFileSync(join(work, 'libreoffice-tabel.xlsx'), join(out, 'libreoffice-tabel.xlsx'))
  convert(join(work, 'libreoffice-tabel.fods'), 'xls')
  copyFileSync(join(work, 'libreoffice-tabel.xls'), join(out, 'oud-formaat.xls'))
  copyFileSync(join(out, 'inschrijfformulier-zoe.xlsx'), join(work, 'libreoffice-formulier.xlsx'))
  mkdirSync(join(work, 'lo'), { recursive: true })
  execFileSync(soffice, [profile, '--headless', '--convert-to', 'xlsx:Calc Office Open XML', '--outdir', join(work, 'lo'), join(work, 'libreoffice-formulier.xlsx')], { stdio: 'ignore', timeout: 120_000 })
  copyFileSync(join(work, 'lo', 'libreoffice-formulier.xlsx'), join(out, 'libreoffice-formulier.xlsx'))
  rmSync(work, { recursive: true, force: true })
} else console.error('LibreOffice not found: the LibreOffice fixtures were not rewritten.')
writeFileSync(join(out, 'beveiligd.xlsx'), encryptedWorkbookContainer())
console.error(`fixtures written to ${out}`)

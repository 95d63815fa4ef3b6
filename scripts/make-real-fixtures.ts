// Writes tests/fixtures/imports/real/: spreadsheets in the shapes schools really have (see
// docs/import-sources.md), written by LibreOffice (not exceljs) from flat OpenDocument files,
// each with its truth file. Needs LibreOffice (apt-get install libreoffice-calc); the tests
// never run this, they read the committed output.
// Run: node_modules/.bin/node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/make-real-fixtures.ts
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  FORM_SHEET,
  FORM_TRUTH,
  GOOGLE_CSV,
  GOOGLE_TRUTH,
  HAND_SHEETS,
  HAND_TRUTH,
  LAS_SHEET,
  LAS_TRUTH,
  MS_SHEET,
  MS_TRUTH,
  NEW_PUPILS_SHEET,
  NEW_PUPILS_TRUTH,
  VALUES_SHEET,
  VALUES_TRUTH,
  type Truth,
  type Value,
} from '../tests/helpers/real-fixtures-data.ts'

const out = join(import.meta.dirname, '..', 'tests', 'fixtures', 'imports', 'real')
const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function cell(v: Value, span = 1): string {
  const spanned = span > 1 ? ` table:number-columns-spanned="${span}"` : ''
  if (v === null) return '<table:table-cell/>'
  if (typeof v === 'number') return `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`
  if (typeof v === 'object' && 'formula' in v) return `<table:table-cell table:formula="${xml(v.formula)}" office:value-type="float" office:value="${v.value}"><text:p>${v.value}</text:p></table:table-cell>`
  if (typeof v === 'object') {
    const style = v.date.includes('T') ? 'ce2' : 'ce1'
    return `<table:table-cell table:style-name="${style}" office:value-type="date" office:date-value="${v.date}"><text:p>${v.date}</text:p></table:table-cell>`
  }
  // A header on two lines is two paragraphs in one cell, as Excel and Calc keep it.
  return `<table:table-cell office:value-type="string"${spanned}>${v
    .split('\n')
    .map((p) => `<text:p>${xml(p)}</text:p>`)
    .join('')}</table:table-cell>${span > 1 ? `<table:covered-table-cell table:number-columns-repeated="${span - 1}"/>` : ''}`
}

type Sheet = { name: string; rows: Value[][]; title?: string }
function table(sheet: Sheet): string {
  const rows = sheet.rows.map((r, i) => {
    if (r.length === 0) return '<table:table-row><table:table-cell/></table:table-row>'
    if (i === 0 && sheet.title !== undefined) return `<table:table-row>${cell(r[0] ?? null, 6)}</table:table-row>`
    return `<table:table-row>${r.map((v) => cell(v)).join('')}</table:table-row>`
  })
  return `<table:table table:name="${xml(sheet.name)}">\n  ${rows.join('\n  ')}\n </table:table>`
}

function fods(sheets: Sheet | Sheet[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="N37"><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/></number:date-style>
  <number:date-style style:name="N38"><number:day/><number:text>-</number:text><number:month/><number:text>-</number:text><number:year number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:date-style>
  <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/>
  <style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N38"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet>${(Array.isArray(sheets) ? sheets : [sheets]).map(table).join('\n')}</office:spreadsheet></office:body>
</office:document>
`
}

const work = mkdtempSync(join(tmpdir(), 'real-fixtures-'))
const profile = `-env:UserInstallation=file://${join(work, 'profile')}`
const convert = (file: string, to: string): void => {
  execFileSync('soffice', [profile, '--headless', '--convert-to', to, '--outdir', work, file], { stdio: 'ignore', timeout: 180_000 })
}
mkdirSync(out, { recursive: true })
const truth = (t: Truth): void => writeFileSync(join(out, t.file.replace(/\.[a-z]+$/, '.truth.json')), `${JSON.stringify(t, null, 2)}\n`)

for (const [base, sheet, t, formats] of [
  ['nieuwe-leerlingen-21', NEW_PUPILS_SHEET, NEW_PUPILS_TRUTH, ['xlsx', 'ods']],
  ['parnassys-leerlingen', LAS_SHEET, LAS_TRUTH, ['xlsx', 'ods']],
  ['microsoft-forms', MS_SHEET, MS_TRUTH, ['xlsx']],
  ['groepen-handmatig', HAND_SHEETS, HAND_TRUTH, ['xlsx', 'ods']],
  ['formulier-vakjes', FORM_SHEET, FORM_TRUTH, ['xlsx']],
  ['waarden-zoals-getypt', VALUES_SHEET, VALUES_TRUTH, ['xlsx']],
] as const) {
  writeFileSync(join(work, `${base}.fods`), fods(sheet))
  for (const to of formats) {
    convert(join(work, `${base}.fods`), to === 'xlsx' ? 'xlsx:Calc Office Open XML' : 'ods')
    copyFileSync(join(work, `${base}.${to}`), join(out, `${base}.${to}`))
  }
  truth(t)
}
// Google's own download is a CSV (UTF-8, no BOM, commas); LibreOffice then saves it as .xlsx.
writeFileSync(join(out, 'google-forms.csv'), GOOGLE_CSV)
truth(GOOGLE_TRUTH)
copyFileSync(join(out, 'google-forms.csv'), join(work, 'google-forms.csv'))
execFileSync('soffice', [profile, '--headless', '--infilter=CSV:44,34,76,1,,1043', '--convert-to', 'xlsx:Calc Office Open XML', '--outdir', join(work, 'g'), join(work, 'google-forms.csv')], {
  stdio: 'ignore',
  timeout: 180_000,
})
copyFileSync(join(work, 'g', 'google-forms.xlsx'), join(out, 'google-forms.xlsx'))
rmSync(work, { recursive: true, force: true })
console.error(`real fixtures written to ${out}`)

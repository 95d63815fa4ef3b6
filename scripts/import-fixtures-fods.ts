// A flat OpenDocument spreadsheet that LibreOffice turns into the fixtures libreoffice-tabel.xlsx
// and oud-formaat.xls: date cells, a merged title, a hidden column, numbers and booleans.
import { guardianColumns, PUPIL_COLUMNS } from '../tests/helpers/export-columns.ts'

const cell = (v: string | number | boolean | { date: string }): string => {
  if (typeof v === 'number') return `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`
  if (typeof v === 'boolean') return `<table:table-cell office:value-type="boolean" office:boolean-value="${v}"><text:p>${v ? 'WAAR' : 'ONWAAR'}</text:p></table:table-cell>`
  if (typeof v === 'object') return `<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="${v.date}"><text:p>${v.date}</text:p></table:table-cell>`
  return v === '' ? '<table:table-cell/>' : `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`
}
const row = (cells: (string | number | boolean | { date: string })[]): string => `<table:table-row>${cells.map(cell).join('')}</table:table-row>`

const rows = [
  [...PUPIL_COLUMNS, 'Onderwijsnummer', ...guardianColumns(1), 'Toestemming website', 'Toestemming schoolgids', 'Toestemming pers'],
  [4001, 'Zoë', 'van der', 'Berg', { date: '2017-04-07' }, 5, 'X123', 'Marieke van der Berg', 'marieke@voorbeeld.nl', 612345678, true, false, 'Ja'],
  [4002, 'Jesse', '', 'Kuipers', { date: '2014-12-27' }, '7', 'X124', 'Jan Kuipers', 'jan.kuipers@voorbeeld.nl', '06-23456789', 'Nee', 'Ja', ''],
  [4003, 'Noor', 'el', 'Idrissi', { date: '2016-02-29' }, 5, 'X125', 'Samira el Idrissi', 'samira@voorbeeld.nl', 31634567890, 'ja', 'nee', 'nee'],
] as const

export const FODS_TABLE = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="N37"><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/></number:date-style>
  <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="Aanmeldingen">
  <table:table-column table:number-columns-repeated="6"/>
  <table:table-column table:visibility="collapse"/>
  <table:table-column table:number-columns-repeated="6"/>
  <table:table-row><table:table-cell table:number-columns-spanned="4" office:value-type="string"><text:p>Aanmeldingen schooljaar 2026-2027</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
  <table:table-row><table:table-cell/></table:table-row>
  ${rows.map((r) => row([...r])).join('\n  ')}
 </table:table></office:spreadsheet></office:body>
</office:document>
`

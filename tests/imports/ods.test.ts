// OpenDocument spreadsheets built by hand: the value types LibreOffice writes, merged cells, the
// empty rest of a sheet written as one repeated row, and repeat counts crafted to fill the memory,
// which must end with the same Dutch message as an over-large .xlsx, quickly.
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readWorkbook } from '../../electron/core/imports/read.ts'

const TOO_BIG = /^Dit bestand is te groot of te ingewikkeld om in te lezen \(.+\)\. Er is niets van ingelezen en niets in het register gewijzigd\./

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'

function ods(tables: string, styles = ''): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`
  return zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(content) })
}

const text = (s: string, extra = '') => `<table:table-cell office:value-type="string"${extra}><text:p>${s}</text:p></table:table-cell>`
const HEADER = `<table:table-row>${text('Voornaam')}${text('Achternaam')}${text('Groep')}</table:table-row>`
const EMPTY_REST = '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'

async function read(bytes: Uint8Array) {
  const t = performance.now()
  const result = await readWorkbook('blad.ods', bytes)
  return { result, ms: performance.now() - t }
}

describe('an .ods built by hand reads as LibreOffice meant it', () => {
  it('numbers, dates, booleans, percentages, text of several lines and spaces, mailto links; the empty rest of the sheet lays out nothing', async () => {
    const row = [
      text('Zoë'),
      '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>',
      '<table:table-cell office:value-type="date" office:date-value="2018-03-14"><text:p>14-03-18</text:p></table:table-cell>',
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>WAAR</text:p></table:table-cell>',
      '<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>',
      '<table:table-cell office:value-type="string"><text:p>Regel<text:s text:c="2"/>een</text:p><text:p>regel twee</text:p></table:table-cell>',
      '<table:table-cell office:value-type="string"><text:p><text:a xlink:href="mailto:marieke@voorbeeld.nl">Mail Marieke</text:a></text:p></table:table-cell>',
      '<table:table-cell table:number-columns-repeated="1017"/>',
    ].join('')
    const { result } = await read(ods(`<table:table table:name="Groep 3">${HEADER}<table:table-row>${row}</table:table-row>${EMPTY_REST}</table:table>`))
    expect(result).toMatchObject({ ok: true, kind: 'ods' })
    const sheet = result.ok ? result.sheets[0] : undefined
    expect(sheet?.name).toBe('Groep 3')
    expect(sheet?.rows).toEqual([
      ['Voornaam', 'Achternaam', 'Groep'],
      ['Zoë', 3, new Date(Date.UTC(2018, 2, 14)), true, 0.25, 'Regel  een\nregel twee', 'marieke@voorbeeld.nl'],
    ])
  })

  it('a merged title keeps its value in the top-left cell, covered cells are empty; repeated filled cells and rows are laid out; hidden tabs and columns are marked', async () => {
    const styles = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
    const merged = `<table:table-row>${text('Groep 3 (meester Rob)', ' table:number-columns-spanned="3" table:number-rows-spanned="1"')}<table:covered-table-cell table:number-columns-repeated="2"><text:p>weg</text:p></table:covered-table-cell></table:table-row>`
    const twice = `<table:table-row table:number-rows-repeated="2">${text('ja', ' table:number-columns-repeated="2"')}</table:table-row>`
    const tables = `<table:table table:name="Zichtbaar"><table:table-column/><table:table-column table:visibility="collapse"/>${merged}<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>${twice}</table:table><table:table table:name="Verborgen" table:style-name="ta2">${HEADER}</table:table>`
    const { result } = await read(ods(tables, styles))
    expect(result.ok && result.sheets.map((s) => s.name)).toEqual(['Zichtbaar'])
    const sheet = result.ok ? result.sheets[0] : undefined
    // (a row ends at its last value, as in an .xlsx)
    expect(sheet?.rows).toEqual([['Groep 3 (meester Rob)'], [], [], ['ja', 'ja'], ['ja', 'ja']])
    expect(sheet?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }])
    expect(sheet?.hiddenColumns).toEqual([1])
  })
})

describe('repeat counts crafted to fill the memory end that file with a Dutch message', () => {
  it('one filled cell repeated a billion columns', async () => {
    const { result, ms } = await read(ods(`<table:table table:name="Bom">${HEADER}<table:table-row>${text('ja', ' table:number-columns-repeated="1000000000"')}</table:table-row></table:table>`))
    expect(result.ok ? '' : result.error).toMatch(TOO_BIG)
    expect(result.ok ? '' : result.error).toContain('kolommen')
    expect(ms).toBeLessThan(1000)
  })

  it('a filled row repeated a billion times, and one of 20 cells repeated past the cells cap', async () => {
    const rows = await read(ods(`<table:table table:name="Bom">${HEADER}<table:table-row table:number-rows-repeated="1000000000">${text('ja')}</table:table-row></table:table>`))
    expect(rows.result.ok ? '' : rows.result.error).toMatch(TOO_BIG)
    expect(rows.result.ok ? '' : rows.result.error).toContain('rijen')
    expect(rows.ms).toBeLessThan(1000)
    const cells = await read(ods(`<table:table table:name="Bom">${HEADER}<table:table-row table:number-rows-repeated="150000">${text('ja', ' table:number-columns-repeated="20"')}</table:table-row></table:table>`))
    expect(cells.result.ok ? '' : cells.result.error).toMatch(TOO_BIG)
    expect(cells.result.ok ? '' : cells.result.error).toContain('cellen')
    expect(cells.ms).toBeLessThan(2000)
  })

  it('a cell of more text than Excel allows, written as a run of <text:s> spaces', async () => {
    const spaces = '<text:s text:c="30000"/>'.repeat(3)
    const { result } = await read(ods(`<table:table table:name="Bom">${HEADER}<table:table-row><table:table-cell office:value-type="string"><text:p>${spaces}</text:p></table:table-cell></table:table-row></table:table>`))
    expect(result.ok ? '' : result.error).toMatch(TOO_BIG)
    expect(result.ok ? '' : result.error).toContain('tekens')
  })

  it('a content.xml that is no XML is a damaged file', async () => {
    const bytes = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<office:document-content><table:table') })
    const { result } = await read(bytes)
    expect(result.ok ? '' : result.error).toMatch(/^Het bestand is beschadigd of onvolledig/)
  })
})

// Table or form, decided by evidence (header row with known fields above rows of data; labels in a
// column with values beside them), said in Dutch per file and sheet, and changeable by the user.
import ExcelJS from 'exceljs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok } from '../helpers/register.ts'
import { cli, emptySchool, fileInput, fixture } from './helpers.ts'

silenceLog()
let core: Core
let close: () => void
beforeEach(async () => {
  ;({ core, close } = await emptySchool('tr-layout-'))
})
afterEach(() => close())

const HEADERS = ['Voornaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Groep', 'Naam ouder 1', 'E-mail ouder 1', 'Telefoon ouder 1', 'Website', 'Social media', 'Schoolgids']
const pupilRow = (i: number): (string | Date)[] => [
  `Kind${String.fromCharCode(97 + (i % 26))}`,
  i % 3 === 0 ? 'van' : '',
  `Achter${i}`,
  new Date(Date.UTC(2018, i % 12, 1 + (i % 27))),
  String(1 + (i % 8)),
  `Ouder ${i}`,
  `ouder${i}@voorbeeld.nl`,
  `06-1234${String(i).padStart(4, '0')}`,
  i % 2 === 0 ? 'ja' : 'nee',
  'nee',
  'ja',
]

async function workbook(tabs: Record<string, number>): Promise<{ name: string; data: string }> {
  const wb = new ExcelJS.Workbook()
  let n = 0
  for (const [tab, rows] of Object.entries(tabs)) {
    const ws = wb.addWorksheet(tab)
    ws.addRow(HEADERS)
    for (let i = 0; i < rows; i++) ws.addRow(pupilRow(n++))
  }
  return { name: 'leerlingen.xlsx', data: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64') }
}
const real = () => fileInput('nieuwe-leerlingen-21.xlsx', fixture(join('real', 'nieuwe-leerlingen-21.xlsx')))

describe('layout by evidence, never by row count', () => {
  it.each([2, 21, 51])('a table of %i pupils with ja/nee columns is a table, with every row a pupil', async (rows) => {
    const analysis = await ok(core, 'imports.analyze', { files: [await workbook({ Blad1: rows })] })
    expect(analysis.files[0]).toMatchObject({ ok: true, found: `tabel met ${rows} leerlingen`, sheets: [{ layout: 'table', rows, chosen: false }] })
    const preview = await ok(core, 'imports.preview', { files: [await workbook({ Blad1: rows })] })
    expect(preview.summary).toMatchObject({ pupils: rows, rowErrors: 0 })
  })

  it('a filled-in enrolment form stays a form', async () => {
    const analysis = await ok(core, 'imports.analyze', { files: [fileInput('inschrijfformulier-zoe.xlsx')] })
    expect(analysis.files[0]).toMatchObject({ found: 'ingevuld formulier', sheets: [{ layout: 'form' }] })
  })

  it("one tab per group is said so: 'één tabblad per groep'", async () => {
    const analysis = await ok(core, 'imports.analyze', { files: [await workbook({ 'Groep 3': 4, 'Groep 4': 5, '5-6': 3 })] })
    expect(analysis.files[0]?.found).toBe('één tabblad per groep: 3 tabbladen, 12 leerlingen')
  })

  it('the CLI reports per file and sheet what it found', async () => {
    const r = await cli('import', '--db', join(dirname(core.ctx.dbPath), 'cli.sqlite'), '--json', fixture(join('real', 'nieuwe-leerlingen-21.xlsx')), fixture('inschrijfformulier-zoe.xlsx'))
    const files = r.json().files
    expect(files.map((f) => [f.layout, f.rows, f.found])).toEqual([
      ['table', 21, 'tabel met 21 leerlingen'],
      ['form', 1, 'ingevuld formulier'],
    ])
    expect(files[0]?.sheets).toEqual([{ sheet: 'Nieuwe leerlingen', layout: 'table', rows: 21, found: 'tabel met 21 leerlingen' }])
  })
})

describe("the user's choice of layout", () => {
  it('reading the table as a form instead: the analysis and the preview follow; back to table brings the 19 pupils back', async () => {
    const asForm = [{ file: 0, sheet: 'Nieuwe leerlingen', layout: 'form' as const }]
    const analysis = await ok(core, 'imports.analyze', { files: [real()], sheetLayouts: asForm })
    expect(analysis.files[0]?.sheets[0]).toMatchObject({ chosen: true, layout: 'form' })
    const preview = await ok(core, 'imports.preview', { files: [real()], sheetLayouts: asForm })
    expect(preview.summary).toMatchObject({ pupils: 0, rowErrors: 1 })
    expect(preview.rowErrors[0]).toMatchObject({ row: 1, message: 'Vul de roepnaam in.' })

    const asTable = await ok(core, 'imports.preview', { files: [real()], sheetLayouts: [{ file: 0, sheet: 'Nieuwe leerlingen', layout: 'table' }] })
    expect(asTable.summary).toMatchObject({ pupils: 19, rowErrors: 2 })
    expect(asTable.files[0]?.sheets[0]).toMatchObject({ chosen: true, layout: 'table', found: 'tabel met 21 leerlingen' })
  })

  it('a choice for a sheet the file does not have changes nothing', async () => {
    const preview = await ok(core, 'imports.preview', { files: [real()], sheetLayouts: [{ file: 0, sheet: 'Blad9', layout: 'form' }] })
    expect(preview.summary).toMatchObject({ pupils: 19, rowErrors: 2 })
  })
})

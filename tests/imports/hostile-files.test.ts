// Files made to break the import: zip bombs, millions of cells, a million columns, huge cells.
// Each is built by hand (hostile-builders.ts) and must end with one Dutch message for that file,
// quickly, while the other files of the same import go through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/boot.ts'
import { MAX_CELL_CHARS } from '../../electron/core/imports/limits.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { readWorkbook } from '../../electron/core/imports/read.ts'
import { testCore } from '../helpers/db.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { fileInput } from './helpers.ts'
import { blocks, inline, NORMAL_ROWS, NS, numberCells, plain, repeated, sevenMillionCells, SHEET_HEAD, SHEET_TAIL, workbook } from './hostile-builders.ts'

silenceLog()

const TOO_BIG = /^Dit bestand is te groot of te ingewikkeld om in te lezen \(.+\)\. Er is niets van ingelezen en niets in het register gewijzigd\. Open het in Excel/

async function refusal(name: string, bytes: Uint8Array): Promise<{ error: string; ms: number }> {
  const t = performance.now()
  const read = await readWorkbook(name, bytes)
  const ms = performance.now() - t
  expect(read.ok, `${name} should be refused`).toBe(false)
  return { error: read.ok ? '' : read.error, ms }
}

describe('a workbook built by hand reads (the bombs below differ from it in one way each)', () => {
  it('reads the normal sheet, also from a zip whose central directory uses zip64 records', async () => {
    for (const zip64 of [false, true]) {
      const read = await readWorkbook('gewoon.xlsx', workbook(plain(SHEET_HEAD + NORMAL_ROWS + SHEET_TAIL), undefined, zip64))
      expect(read.ok && read.sheets[0]?.rows, `zip64: ${zip64}`).toEqual([
        ['Voornaam', 'Achternaam', 'Groep'],
        ['Zoë', 'Bos', '3'],
      ])
    }
  })
})

describe('memory bombs in a workbook end that file with a Dutch message', () => {
  it('one shared string of 600 MB in a file under 1 MB, also when the zip claims the part is small', async () => {
    for (const declared of [undefined, 1_000]) {
      const strings = { ...repeated(`<sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>`, 'a'.repeat(4 * 1024 * 1024), 150, '</t></si></sst>'), declared }
      const sheet = plain(SHEET_HEAD + NORMAL_ROWS.replace('</row><row r="2">', '<c r="D1" t="s"><v>0</v></c></row><row r="2">') + SHEET_TAIL)
      const bytes = workbook(sheet, strings)
      expect(bytes.length).toBeLessThan(1024 * 1024)
      const rss = process.memoryUsage().rss
      const { error, ms } = await refusal('een-grote-tekst.xlsx', bytes)
      expect(error).toMatch(TOO_BIG)
      expect(error).toContain('het onderdeel xl/sharedStrings.xml is uitgepakt groter dan 128 MB')
      expect(ms).toBeLessThan(5_000)
      expect(process.memoryUsage().rss - rss).toBeLessThan(400 * 1024 * 1024)
    }
  })

  it('one shared string of 4 MB: more than a cell can hold', async () => {
    const strings = repeated(`<sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>`, 'a'.repeat(1024 * 1024), 4, '</t></si></sst>')
    const { error } = await refusal('lange-tekst.xlsx', workbook(plain(SHEET_HEAD + NORMAL_ROWS + SHEET_TAIL), strings))
    expect(error).toMatch(TOO_BIG)
    expect(error).toContain(`een cel bevat meer dan ${MAX_CELL_CHARS.toLocaleString('nl-NL')} tekens`)
  })

  it('7 million cells in a small file (its sheet unpacks to 150 MB), and 1.6 million in a sheet of 35 MB', async () => {
    const bytes = sevenMillionCells()
    expect(bytes.length).toBeLessThan(30 * 1024 * 1024)
    const seven = await refusal('zeven-miljoen-cellen.xlsx', bytes)
    expect(seven.error).toMatch(TOO_BIG)
    expect(seven.error).toContain('het onderdeel xl/worksheets/sheet1.xml is uitgepakt groter dan 128 MB')
    expect(seven.ms).toBeLessThan(10_000)
    const many = await refusal('veel-cellen.xlsx', numberCells(16))
    expect(many.error).toMatch(TOO_BIG)
    expect(many.error).toContain('het heeft meer dan 1.500.000 cellen')
    expect(many.ms).toBeLessThan(10_000)
  })

  it('a sheet of 250,000 empty rows, and a cell far to the right', async () => {
    const rows = await refusal('rijen.xlsx', workbook(blocks(SHEET_HEAD + NORMAL_ROWS, (b) => Array.from({ length: 1_000 }, (_, k) => `<row r="${3 + b * 1_000 + k}"/>`).join(''), 250, SHEET_TAIL)))
    expect(rows.error).toMatch(TOO_BIG)
    expect(rows.error).toContain('het blad sheet1 heeft meer dan 200.000 rijen')
    const wide = await refusal('breed.xlsx', workbook(plain(SHEET_HEAD + NORMAL_ROWS.replace('</row><row r="2">', `${inline('DKZ1', 'notitie')}</row><row r="2">`) + SHEET_TAIL)))
    expect(wide.error).toContain('het blad Leerlingen heeft meer dan 2.000 kolommen')
  })

  it('a part that unpacks past 128 MB, counted while unpacking although the zip claims 100 bytes', async () => {
    const sheet = { ...repeated(SHEET_HEAD + NORMAL_ROWS, '<x/>'.repeat(256 * 1024), 200, SHEET_TAIL), declared: 100 }
    const { error, ms } = await refusal('opgeblazen.xlsx', workbook(sheet))
    expect(error).toMatch(TOO_BIG)
    expect(error).toContain('het onderdeel xl/worksheets/sheet1.xml is uitgepakt groter dan 128 MB')
    expect(ms).toBeLessThan(15_000)
  })
})

describe('time bombs in a workbook', () => {
  it('100,000 data validations that are never closed (3 MB of XML in a few KB) are judged in seconds, not hours', async () => {
    const sheet = repeated(SHEET_HEAD + NORMAL_ROWS + SHEET_TAIL.replace('</worksheet>', ''), '<dataValidations count="1">'.repeat(1_000), 100, '</worksheet>')
    const t = performance.now()
    const read = await readWorkbook('keuzelijsten.xlsx', workbook(sheet))
    expect(performance.now() - t).toBeLessThan(10_000)
    // Never closed is no valid sheet: exceljs then calls it damaged, which is what the user hears.
    expect(read).toEqual({ ok: false, error: expect.stringMatching(/^Het bestand is beschadigd of onvolledig/) })
  }, 60_000)

  it('closed data validations are still taken out, also self-closing ones and with a namespace prefix', async () => {
    const whole = (p: string) => `<${p}dataValidations count="1"><${p}dataValidation type="list" sqref="A1:XFD1048576"><${p}formula1>"Ja,Nee"</${p}formula1></${p}dataValidation></${p}dataValidations>`
    const sheet = plain(`<worksheet xmlns="${NS}" xmlns:x="${NS}"><sheetData>` + NORMAL_ROWS + '</sheetData><dataValidations count="0"/>' + whole('') + whole('x:') + '</worksheet>')
    const t = performance.now()
    const read = await readWorkbook('keuzelijst.xlsx', workbook(sheet))
    expect(read.ok && read.sheets[0]?.rows[1]).toEqual(['Zoë', 'Bos', '3'])
    expect(performance.now() - t).toBeLessThan(5_000)
  })
})

describe('ranges that make exceljs build an object per cell or column', () => {
  const sheetWith = (before: string, after: string) => plain(`<worksheet xmlns="${NS}">${before}<sheetData>${NORMAL_ROWS}</sheetData>${after}</worksheet>`)

  it('a column definition up to column 50,000,000 (a 1 KB file that killed the process) is left out', async () => {
    for (const col of ['<col min="1" max="50000000" width="9" customWidth="1"/>', '<col\nmin="2"\tmax="99999999"></col>', `<col min='1' max='1e9'/>`]) {
      const t = performance.now()
      const read = await readWorkbook('kolommen.xlsx', workbook(sheetWith(`<cols><col min="1" max="1" width="20" customWidth="1"/>${col}</cols>`, '')))
      expect(read.ok && read.sheets[0]?.rows[1], col).toEqual(['Zoë', 'Bos', '3'])
      expect(performance.now() - t, col).toBeLessThan(5_000)
    }
  })

  it('a defined name over the whole sheet (exceljs keeps an entry per cell of it) is left out', async () => {
    const sheet = plain(SHEET_HEAD + NORMAL_ROWS + SHEET_TAIL)
    const bytes = workbook(sheet, undefined, false, '<definedNames><definedName name="alles">Leerlingen!$A$1:$XFD$1048576</definedName></definedNames>')
    const t = performance.now()
    const read = await readWorkbook('namen.xlsx', bytes)
    expect(read.ok && read.sheets[0]?.rows[1]).toEqual(['Zoë', 'Bos', '3'])
    expect(performance.now() - t).toBeLessThan(5_000)
  })

  it('a merge over the whole sheet written with single quotes or odd spacing is left out; merges covering 300,000 cells refuse the file', async () => {
    for (const merge of [`<mergeCell ref='A3:XFD1048576'/>`, '<mergeCell\n ref = "A3:XFD1048576" />', '<mergeCell ref="a3:xfd1048576"/>', '<mergeCell ref="A3:ZZZZ9"/>']) {
      const t = performance.now()
      const read = await readWorkbook('samengevoegd.xlsx', workbook(sheetWith('', `<mergeCells count="1">${merge}</mergeCells>`)))
      expect(read.ok && read.sheets[0]?.rows[1], merge).toEqual(['Zoë', 'Bos', '3'])
      expect(performance.now() - t, merge).toBeLessThan(5_000)
    }
    // 3 merges of 100,000 cells each: none is 'huge', together they would be 300,000 cell objects.
    const merges = Array.from({ length: 3 }, (_, i) => `<mergeCell ref="A${10 + i * 1_000}:CV${9 + (i + 1) * 1_000}"/>`).join('')
    const { error } = await refusal('veel-samengevoegd.xlsx', workbook(sheetWith('', `<mergeCells count="3">${merges}</mergeCells>`)))
    expect(error).toMatch(TOO_BIG)
    expect(error).toContain('het blad sheet1 heeft meer dan 200.000 samengevoegde cellen')
  })
})

describe('a CSV past the caps', () => {
  const csv = (text: string) => new Uint8Array(Buffer.from(text))

  it('a million columns: refused in seconds, not minutes', async () => {
    const { error, ms } = await refusal('breed.csv', csv(`Voornaam;Achternaam;Groep${';kolom'.repeat(1_000_000)}\nZoë;Bos;3\n`))
    expect(error).toMatch(
      /^Dit bestand is te groot of te ingewikkeld om in te lezen \(het bestand heeft meer dan 2\.000 kolommen\)\. Er is niets van ingelezen en niets in het register gewijzigd\. Open het in Excel, houd alleen de rijen en kolommen met de leerlingen over/,
    )
    expect(ms).toBeLessThan(10_000)
  })

  it('a cell longer than Excel allows, and more rows than any school has', async () => {
    expect((await refusal('lang.csv', csv(`Voornaam;Achternaam\nZoë;${'b'.repeat(MAX_CELL_CHARS + 1)}\n`))).error).toContain('een cel bevat meer dan 32.767 tekens')
    expect((await refusal('lang.csv', csv(`Voornaam;Achternaam\n${'Zoë;Bos\n'.repeat(200_001)}`))).error).toContain('het bestand heeft meer dan 200.000 rijen')
  })
})

describe('in an import of several files', () => {
  let core: Core
  beforeEach(async () => {
    core = testCore()
    await setUpEmptySchool(core)
  })
  afterEach(() => core.close())

  it('the bombs get their message, the good file goes through, and only the good file is written', async () => {
    const cells = Buffer.from(sevenMillionCells()).toString('base64')
    const wide = Buffer.from(`Voornaam;Achternaam${';x'.repeat(1_000_000)}\n`).toString('base64')
    const files = [{ name: 'cellen.xlsx', data: cells }, fileInput('administratie-export.xlsx'), { name: 'breed.csv', data: wide }]
    const count = () => core.ctx.db.prepare(`SELECT count(*) FROM pupils`).pluck().get() as number
    const preview = await ok(core, 'imports.preview', { files, decisions: [] })
    expect(preview.files.map((f) => [f.file, f.ok])).toEqual([
      ['cellen.xlsx', false],
      ['administratie-export.xlsx', true],
      ['breed.csv', false],
    ])
    expect(preview.files[0]?.error).toMatch(TOO_BIG)
    expect(preview.files[2]?.error).toMatch(/^Dit bestand is te groot of te ingewikkeld/)
    expect(preview.summary.new).toBeGreaterThan(0)
    expect(preview.pupils.every((p) => p.file === 'administratie-export.xlsx')).toBe(true)
    expect(count()).toBe(0)
    const done = await ok(core, 'imports.commit', { files, decisions: [] })
    expect(done.batch?.counts.pupilsCreated).toBe(preview.summary.new)
    expect(count()).toBe(preview.summary.new)
  }, 60_000)
})

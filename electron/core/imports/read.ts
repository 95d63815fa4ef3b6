// Bytes + file name -> sheets of plain cell values. Pure: no database, no file system.
// xlsx through exceljs (after its parts are unpacked under the caps of limits.ts), .ods through
// ods.ts (the same caps), CSV through
// csv-parse. A file that cannot be read becomes one Dutch message; nothing here throws for bad input.
import type ExcelJS from 'exceljs'
import { excel } from '../libraries.ts'
import { strFromU8, strToU8, zipSync } from 'fflate'
import { parseCsv } from './csv.ts'
import { readOdsSheets } from './ods.ts'
import { LimitError, MAX_CELLS, MAX_COLUMNS, MAX_MERGED_CELLS, MAX_ROWS, REASONS, tooComplexMessage } from './limits.ts'
import { MESSAGES, sniff } from './sniff.ts'
import type { Cell, SheetData } from './types.ts'
import { readWorkbookParts } from './zip.ts'

export type { Cell, SheetData } from './types.ts'

export type ReadResult = { ok: true; kind: 'xlsx' | 'ods' | 'csv'; sheets: SheetData[] } | { ok: false; error: string }

interface RichText {
  richText: { text?: unknown }[]
}

/** exceljs's cell value -> Cell. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v === '' ? null : v
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'boolean') return v
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v
  if (typeof v !== 'object') return null
  const o = v as Record<string, unknown>
  if (Array.isArray((o as unknown as RichText).richText)) {
    const text = (o as unknown as RichText).richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('')
    return text === '' ? null : text
  }
  if ('formula' in o || 'sharedFormula' in o) return toCell(o.result)
  if ('hyperlink' in o || 'text' in o) {
    const text = toCell(o.text)
    const mailto = typeof o.hyperlink === 'string' && /^mailto:/i.test(o.hyperlink) ? o.hyperlink.replace(/^mailto:/i, '').split('?')[0] || null : null
    // 'Mail Marieke' linking to mailto:marieke@...: the address is what counts.
    if (mailto && !(typeof text === 'string' && text.includes('@'))) return mailto
    if (text !== null) return text
    return typeof o.hyperlink === 'string' ? o.hyperlink || null : null
  }
  if (typeof o.error === 'string') return o.error
  return null
}

interface MergeRange {
  top: number
  left: number
  bottom: number
  right: number
}

/** Cells the reader has laid out for the whole file (empty ones between values count too). */
interface Budget {
  cells: number
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean, budget: Budget): SheetData {
  const rows: Cell[][] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > 1_048_576) return // past Excel's last row: a damaged file, not data
    const values = row.values as unknown[]
    const cells: Cell[] = []
    let width = 0
    for (let c = 1; c < Math.min(values.length, 16_385); c++) {
      const cell = toCell(values[c])
      cells[c - 1] = cell
      if (cell !== null) width = c
    }
    cells.length = width // a formatted empty cell far to the right is no column of data
    if (width > MAX_COLUMNS) throw new LimitError(REASONS.columns(`het blad ${ws.name}`))
    for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null
    if ((budget.cells += width) > MAX_CELLS) throw new LimitError(REASONS.cells())
    rows[rowNumber - 1] = cells
  })
  if (rows.length > MAX_ROWS) throw new LimitError(REASONS.rows(`het blad ${ws.name}`))
  for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = []
  const merges: MergeRange[] = []
  // exceljs keeps its merged ranges in a field it does not type; its public `model` would rebuild every row.
  const MERGES = '_merges'
  const internal = ((ws as unknown as Record<string, unknown>)[MERGES] ?? {}) as Record<string, { model?: MergeRange } | undefined>
  for (const range of Object.values(internal)) {
    const m = range?.model
    if (!m) continue
    merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 })
    if (merges.length > 10_000) break
    // Clearing the covered cells is work per cell: it counts against the same budget.
    if ((budget.cells += Math.max(0, Math.min(m.bottom, rows.length) - m.top + 1) * Math.max(0, Math.min(m.right, MAX_COLUMNS) - m.left + 1)) > MAX_CELLS) {
      throw new LimitError(REASONS.cells())
    }
    for (let r = m.top - 1; r < m.bottom && r < rows.length; r++) {
      const cells = rows[r] as Cell[]
      for (let c = m.left - 1; c < m.right && c < cells.length; c++) if (r !== m.top - 1 || c !== m.left - 1) cells[c] = null
    }
  }
  const hiddenColumns: number[] = []
  const lastColumn = Math.min(ws.columnCount, MAX_COLUMNS)
  for (let c = 1; c <= lastColumn; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c - 1)
  return { name: ws.name, rows, hiddenColumns, merges, date1904 }
}

const HUGE_MERGE = 100_000

function columnNumber(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/**
 * Every <name> element taken out (self-closing or with its content), in one pass. (A lazy regex
 * from each opening to the next closing tag rescans the rest of the sheet for every opening that
 * is never closed: 80,000 of them, 2 MB of XML, took 40 s.)
 */
function withoutElements(xml: string, name: string): string {
  const opening = new RegExp(`<(\\w+:)?${name}[\\s>/]`, 'g')
  let out = ''
  let from = 0
  for (let m = opening.exec(xml); m; m = opening.exec(xml)) {
    const tagEnd = xml.indexOf('>', m.index)
    if (tagEnd === -1) break
    let end = tagEnd + 1 // self-closing: only the tag itself
    if (xml[tagEnd - 1] !== '/') {
      const closing = `</${m[1] ?? ''}${name}>`
      const at = xml.indexOf(closing, tagEnd)
      if (at === -1) break // never closed: the rest stays as it is, for exceljs to judge
      end = at + closing.length
    }
    out += xml.slice(from, m.index)
    from = end
    opening.lastIndex = end
  }
  return from === 0 ? xml : out + xml.slice(from)
}

/** A cell range 'A1:C3' (or one cell) as 1-based numbers; undefined when it is no range at all. */
function parseRange(ref: string): { left: number; top: number; right: number; bottom: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim())
  if (!m) return undefined
  const [a, b] = [columnNumber((m[1] as string).toUpperCase()), columnNumber((m[3] ?? (m[1] as string)).toUpperCase())]
  const [r1, r2] = [Number(m[2]), Number(m[4] ?? m[2])]
  return { left: Math.min(a, b), right: Math.max(a, b), top: Math.min(r1, r2), bottom: Math.max(r1, r2) }
}

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1]

/** Column definitions past Excel's last column: exceljs makes a Column object for every number up to max. */
function hasBadColumns(raw: Buffer): boolean {
  for (let at = raw.indexOf('col'); at !== -1; at = raw.indexOf('col', at + 3)) {
    const before = raw[at - 1]
    const after = raw[at + 3] ?? 0
    if ((before !== 0x3c && before !== 0x3a) || !(after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d)) continue // '<col ' or 'x:col '
    const tag = raw.subarray(at, Math.min(raw.length, at + 300)).toString('latin1')
    if (!/^col\s[^>]*>/.test(tag)) return true // a tag this long or unclosed is no column Excel writes
    const max = Number(attribute(tag, 'max') ?? 0)
    const min = Number(attribute(tag, 'min') ?? 0)
    if (!(max >= 1 && max <= 16_384 && min >= 1 && min <= max)) return true
  }
  return false
}

/**
 * exceljs turns every cell of a merged range, a data validation and a defined name into an object
 * of its own, and every column number up to a column definition's max: a whole-column dropdown, a
 * merge or a name over the whole sheet, or <col max="50000000">, makes it run out of memory. We need no validations, and
 * no columns past Excel's last, so they are taken out of the sheets before exceljs reads them;
 * merges over more than HUGE_MERGE cells too (small merges stay: forms and two-row headers use
 * them), and a sheet whose other merges cover more than MAX_MERGED_CELLS is refused.
 */
export function withoutHugeRanges(parts: Record<string, Uint8Array>): void {
  // Defined names (print areas, filter ranges) too: exceljs keeps a map entry per cell of each.
  const book = parts['xl/workbook.xml']
  if (book && Buffer.from(book.buffer, book.byteOffset, book.byteLength).includes('definedName')) parts['xl/workbook.xml'] = strToU8(withoutElements(strFromU8(book), 'definedNames'))
  for (const [name, data] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const badColumns = hasBadColumns(raw)
    if (!badColumns && !raw.includes('dataValidations') && !raw.includes('mergeCell')) continue
    const xml = strFromU8(data)
    let merged = 0
    let out = withoutElements(xml, 'dataValidations').replace(/<(?:\w+:)?mergeCell\b[^>]*>/g, (tag) => {
      const range = parseRange(attribute(tag, 'ref') ?? '')
      if (!range) return '' // no range exceljs could place
      const area = (range.right - range.left + 1) * (range.bottom - range.top + 1)
      if (area > HUGE_MERGE) return ''
      if ((merged += area) > MAX_MERGED_CELLS) throw new LimitError(REASONS.merged(`het blad ${name.replace(/^.*\//, '').replace(/\.xml$/i, '')}`))
      return tag
    })
    if (badColumns) {
      out = out.replace(/<(?:\w+:)?col\b[^>]*>(?:\s*<\/(?:\w+:)?col>)?/g, (tag) => {
        const max = Number(attribute(tag, 'max') ?? 0)
        const min = Number(attribute(tag, 'min') ?? 0)
        return max >= 1 && max <= 16_384 && min >= 1 && min <= max ? tag : ''
      })
    }
    if (out !== xml) parts[name] = strToU8(out)
  }
}

/** The workbook as exceljs gets it: the parts as we counted them, stored without compression (no second inflate). */
function countedWorkbook(original: Uint8Array): Uint8Array {
  const parts = readWorkbookParts(original)
  withoutHugeRanges(parts)
  return zipSync(parts, { level: 0 }) // (the parts are let go here, before exceljs builds its objects)
}

async function readXlsx(original: Uint8Array): Promise<ReadResult> {
  const wb = new (excel().Workbook)()
  try {
    const bytes = countedWorkbook(original)
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch (err) {
    return { ok: false, error: err instanceof LimitError ? tooComplexMessage(err.reason, 'xlsx') : MESSAGES.damaged }
  }
  const date1904 = (wb.properties as { date1904?: boolean } | undefined)?.date1904 === true
  const sheets: SheetData[] = []
  const budget: Budget = { cells: 0 }
  try {
    for (const ws of wb.worksheets) {
      if (ws.state === 'hidden' || ws.state === 'veryHidden') continue
      sheets.push(readSheet(ws, date1904, budget))
    }
  } catch (err) {
    if (err instanceof LimitError) return { ok: false, error: tooComplexMessage(err.reason, 'xlsx') }
    throw err
  }
  return { ok: true, kind: 'xlsx', sheets }
}

function readOds(bytes: Uint8Array): ReadResult {
  try {
    return { ok: true, kind: 'ods', sheets: readOdsSheets(bytes) }
  } catch (err) {
    return { ok: false, error: err instanceof LimitError ? tooComplexMessage(err.reason, 'xlsx') : MESSAGES.damaged }
  }
}

/** Reads a file the user chose. Never throws for bad input: a refusal is { ok: false, error }. */
export async function readWorkbook(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const sniffed = sniff(bytes)
  if (sniffed.kind === 'refused') return { ok: false, error: sniffed.message }
  if (sniffed.kind === 'xlsx') return readXlsx(bytes)
  if (sniffed.kind === 'ods') return readOds(bytes)
  try {
    const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'CSV'
    return { ok: true, kind: 'csv', sheets: [{ name: base, rows: parseCsv(bytes), hiddenColumns: [], merges: [], date1904: false }] }
  } catch (err) {
    if (err instanceof LimitError) return { ok: false, error: tooComplexMessage(err.reason, 'csv') }
    return { ok: false, error: 'Dit CSV-bestand kan niet worden gelezen: de aanhalingstekens of scheidingstekens kloppen niet. Open het in Excel en sla het op als Excel-werkmap (.xlsx).' }
  }
}

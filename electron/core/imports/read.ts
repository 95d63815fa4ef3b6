// Bytes + file name -> sheets of plain cell values. Pure: no database, no file system.
// xlsx through exceljs (after a look at the bytes), CSV through csv-parse. A file that cannot be
// read becomes one Dutch message; nothing here throws for bad input.
import type ExcelJS from 'exceljs'
import { excel } from '../libraries.ts'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { parseCsv } from './csv.ts'
import { MESSAGES, sniff } from './sniff.ts'
import type { Cell, SheetData } from './types.ts'

export type { Cell, SheetData } from './types.ts'

export type ReadResult = { ok: true; kind: 'xlsx' | 'csv'; sheets: SheetData[] } | { ok: false; error: string }

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

/** Excel's own limits. */
const MAX_ROWS = 1_048_576
const MAX_COLUMNS = 16_384

interface MergeRange {
  top: number
  left: number
  bottom: number
  right: number
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetData {
  const rows: Cell[][] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > MAX_ROWS) return // past Excel's last row: a damaged file, not data
    const values = row.values as unknown[]
    const cells: Cell[] = []
    for (let c = 1; c < Math.min(values.length, MAX_COLUMNS + 1); c++) cells[c - 1] = toCell(values[c])
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null
    rows[rowNumber - 1] = cells
  })
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
    for (let r = m.top - 1; r < m.bottom && r < rows.length; r++) {
      const cells = rows[r] as Cell[]
      for (let c = m.left - 1; c < m.right && c < cells.length; c++) if (r !== m.top - 1 || c !== m.left - 1) cells[c] = null
    }
  }
  const hiddenColumns: number[] = []
  const width = Math.min(ws.columnCount, MAX_COLUMNS)
  for (let c = 1; c <= width; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c - 1)
  return { name: ws.name, rows, hiddenColumns, merges, date1904 }
}

const HUGE_MERGE = 100_000

function columnNumber(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/**
 * exceljs turns every cell of a merged range and of a data validation into an object of its own:
 * a whole-column dropdown or a merge over the whole sheet makes it run out of memory. We need
 * neither, so they are taken out of the sheets before exceljs reads them (small merges stay: forms
 * and two-row headers use them).
 */
export function withoutHugeRanges(bytes: Uint8Array): Uint8Array {
  let sheets: Record<string, Uint8Array>
  try {
    sheets = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) })
  } catch {
    return bytes
  }
  const changed: Record<string, Uint8Array> = {}
  for (const [name, data] of Object.entries(sheets)) {
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    if (!raw.includes('dataValidations') && !raw.includes('mergeCell ')) continue
    const xml = strFromU8(data)
    const out = xml
      .replace(/<(\w+:)?dataValidations[\s\S]*?<\/(\w+:)?dataValidations>/g, '')
      .replace(/<(?:\w+:)?mergeCell ref="\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})"\s*\/>/g, (m, c1: string, r1: string, c2: string, r2: string) =>
        (Math.abs(columnNumber(c2) - columnNumber(c1)) + 1) * (Math.abs(Number(r2) - Number(r1)) + 1) > HUGE_MERGE ? '' : m,
      )
    if (out !== xml) changed[name] = strToU8(out)
  }
  if (Object.keys(changed).length === 0) return bytes
  try {
    return zipSync({ ...unzipSync(bytes), ...changed }, { level: 1 })
  } catch {
    return bytes
  }
}

async function readXlsx(original: Uint8Array): Promise<ReadResult> {
  const bytes = withoutHugeRanges(original)
  const wb = new (excel().Workbook)()
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    return { ok: false, error: MESSAGES.damaged }
  }
  const date1904 = (wb.properties as { date1904?: boolean } | undefined)?.date1904 === true
  const sheets: SheetData[] = []
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue
    sheets.push(readSheet(ws, date1904))
  }
  return { ok: true, kind: 'xlsx', sheets }
}

/** Reads a file the user chose. Never throws for bad input: a refusal is { ok: false, error }. */
export async function readWorkbook(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const sniffed = sniff(bytes)
  if (sniffed.kind === 'refused') return { ok: false, error: sniffed.message }
  if (sniffed.kind === 'xlsx') return readXlsx(bytes)
  try {
    const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'CSV'
    return { ok: true, kind: 'csv', sheets: [{ name: base, rows: parseCsv(bytes), hiddenColumns: [], merges: [], date1904: false }] }
  } catch {
    return { ok: false, error: 'Dit CSV-bestand kan niet worden gelezen: de aanhalingstekens of scheidingstekens kloppen niet. Open het in Excel en sla het op als Excel-werkmap (.xlsx).' }
  }
}

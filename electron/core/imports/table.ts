// The table layout: one pupil per row, the header row somewhere in the first 20 rows (title rows
// above it are normal), possibly with a merged super-header ('Ouder/verzorger 1' over Naam/E-mail).
import { createHash } from 'node:crypto'
import { classifyHeader, headerScore, normalizeHeader, type PurposeRef } from './headers.ts'
import { isLegendLine } from './legend.ts'
import type { Cell, SheetData } from './types.ts'
import { cellText } from './values.ts'

export interface LayoutColumn {
  key: string
  header: string
  at: string
  hidden: boolean
  /** Text the classifier reads instead of the header (a form: section + label). */
  classifyAs?: string
}

export interface SourceRecord {
  /** Excel row of the record (a form: of its first field). */
  row: number
  /** Aligned with the layout's columns. */
  cells: Cell[]
  /** A form: the Excel row of each cell. */
  rows?: number[]
}

export interface DetectedLayout {
  layout: 'table' | 'form'
  /** Excel row number of the header row (a form: of its first label). */
  headerRow: number
  columns: LayoutColumn[]
  records: SourceRecord[]
  signature: string
  /** How well it fits; the best of table and form wins. */
  score: number
  /** A table: how many header cells name a field we know; a form: how many labels do. */
  knownFields: number
}

export const HEADER_SEARCH_ROWS = 20

export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

export function signatureOf(layout: 'table' | 'form', keys: readonly string[]): string {
  return `${layout}-${createHash('sha256').update(keys.join('\u0001')).digest('hex').slice(0, 16)}`
}

/** Header texts of row r, with the text of a merged cell just above that spans several columns. */
function headerTexts(sheet: SheetData, r: number, width: number): string[] {
  const row = sheet.rows[r] ?? []
  const above = r > 0 ? (sheet.rows[r - 1] ?? []) : []
  const texts: string[] = []
  for (let c = 0; c < width; c++) {
    let text = cellText(row[c] ?? null)
    const merge = sheet.merges.find((m) => m.top <= r - 1 && m.bottom >= r - 1 && m.left <= c && m.right >= c)
    // A merged cell over (most of) the table is its title ('Groep 3 (meester Rob)'), not a super-header.
    const title = merge !== undefined && merge.bottom < r && merge.right - merge.left + 1 >= Math.max(4, width / 2)
    if (merge && r > 0 && !title) {
      const superText = cellText(above[merge.left] ?? null)
      if (merge.bottom >= r)
        text = text || superText // a header merged down over two rows
      else if (merge.right > merge.left && superText) text = text ? `${superText} ${text}` : superText
    }
    texts.push(text)
  }
  return texts
}

const rowWidth = (row: readonly Cell[] | undefined): number => {
  if (!row) return 0
  let w = row.length
  while (w > 0 && (row[w - 1] === null || row[w - 1] === undefined)) w--
  return w
}

/** The table in a sheet, if there is one: the best-scoring header row in the first 20 rows. */
export function detectTable(sheet: SheetData, purposes: readonly PurposeRef[]): DetectedLayout | null {
  let best = -1
  let bestScore = 0
  let bestTexts: string[] = []
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, sheet.rows.length); r++) {
    const width = rowWidth(sheet.rows[r])
    if (width === 0) continue
    const texts = headerTexts(sheet, r, width)
    const score = headerScore(texts, purposes)
    if (score > bestScore) {
      best = r
      bestScore = score
      bestTexts = texts
    }
  }
  if (best < 0 || bestScore < 3) return null
  let width = bestTexts.length
  const records: SourceRecord[] = []
  for (let r = best + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] as Cell[]
    const w = rowWidth(row)
    if (w === 0) continue
    if (row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue
    if (mayBeNoteLine(row) && (isTotalsRow(row) || isLegendLine(row))) continue
    width = Math.max(width, w)
    records.push({ row: r + 1, cells: row })
  }
  const hidden = new Set(sheet.hiddenColumns)
  const columns: LayoutColumn[] = []
  for (let c = 0; c < width; c++) {
    const header = bestTexts[c] ?? ''
    columns.push({ key: `c${c}`, header: header || `Kolom ${columnLetter(c)}`, at: columnLetter(c), hidden: hidden.has(c) })
  }
  const keys = bestTexts.map(normalizeHeader)
  const knownFields = bestTexts.filter((t) => t !== '' && classifyHeader(t, purposes).kind !== 'ignore').length
  return { layout: 'table', headerRow: best + 1, columns, records, signature: signatureOf('table', keys), score: bestScore, knownFields }
}

/** A cheap first look: only a row that starts with a text like 'Totaal', 'Aantal', 'Legenda' or a definition can be a note line. */
function mayBeNoteLine(row: readonly Cell[]): boolean {
  const first = row.find((c) => c !== null && c !== undefined && c !== '')
  return typeof first === 'string' && (/^\s*(tot|aan|cou|leg|\d)/i.test(first) || first.includes('='))
}

/**
 * A count or totals line under the data ('Aantal leerlingen: 21', 'Totaal', '21 leerlingen'): one or
 * two filled cells, the first a text that says so. Not a pupil, and no row error either.
 */
export function isTotalsRow(row: readonly Cell[]): boolean {
  const filled = row.filter((c) => c !== null && cellText(c) !== '')
  if (filled.length === 0) return false
  const first = normalizeHeader(cellText(filled[0] ?? null))
  // 'Totaal' with a count under each column ('Totaal | | | 12 | 9') is one too.
  // (or a formula's error where the count went wrong: '#VALUE!', '#DIV/0!')
  const counts = filled.slice(1).every((c) => typeof c === 'number' || /^(\d+%?|#[A-Z/0!?]+)$/.test(cellText(c).trim()))
  if (/^(totaal|totalen|aantal|total|count)\b/.test(first)) return filled.length <= 2 || counts
  return filled.length <= 2 && /^\d+ (leerlingen|leerling|rijen|records)$/.test(first)
}

/**
 * Evidence that a sheet is a table: its header row names three or more fields we know, and two or
 * more rows under it hold data in those columns (not more labels, as a form's next lines would).
 */
function isPupilLabel(text: string, purposes: readonly PurposeRef[]): boolean {
  const cls = classifyHeader(text, purposes)
  return cls.kind === 'pupil' && cls.rank < 40
}

export function isTableByEvidence(table: DetectedLayout | null, purposes: readonly PurposeRef[]): boolean {
  if (!table || table.layout !== 'table' || table.knownFields < 3) return false
  const known = table.columns.flatMap((c, i) => (classifyHeader(c.header, purposes).kind !== 'ignore' ? [i] : []))
  let dataRows = 0
  for (const record of table.records) {
    const cells = known.map((i) => record.cells[i] ?? null).filter((c) => c !== null && cellText(c) !== '')
    const labels = cells.some((c) => typeof c === 'string' && (/:\s*$/.test(c) || isPupilLabel(c, purposes)))
    if (cells.length >= 2 && !labels && ++dataRows >= 2) return true
  }
  return false
}

// CSV as schools have it: comma or semicolon (or tab), UTF-8 with or without BOM, or
// Windows-1252 (what Dutch Excel saves), detected without asking.
import { parse } from 'csv-parse/sync'
import { LimitError, MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, REASONS } from './limits.ts'
import type { Cell } from './types.ts'

/** Bytes -> text: UTF-16 with a BOM, UTF-8 (BOM or valid without), else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

const CANDIDATES = [';', ',', '\t', '|'] as const

/** Counts each candidate per line, outside quotes, over the first lines. */
function countsPerLine(text: string, maxLines = 60): Map<string, number[]> {
  const counts = new Map<string, number[]>(CANDIDATES.map((c) => [c, []]))
  let line = new Map<string, number>()
  let quoted = false
  let lines = 0
  let nonEmpty = false
  const endLine = (): void => {
    if (nonEmpty) for (const c of CANDIDATES) counts.get(c)?.push(line.get(c) ?? 0)
    line = new Map()
    nonEmpty = false
    lines++
  }
  for (let i = 0; i < text.length; i++) {
    if (lines >= maxLines) break
    const ch = text[i] as string
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endLine()
    } else if (!quoted && (CANDIDATES as readonly string[]).includes(ch)) line.set(ch, (line.get(ch) ?? 0) + 1)
    else if (ch.trim() !== '') nonEmpty = true
  }
  endLine()
  return counts
}

const SAMPLE_CHARS = 256 * 1024

/**
 * Fields of the widest line, counted outside quotes in one pass; stops once past `limit`. A quick
 * look before the parser, which would build every field of a line of a million columns first.
 */
export function widestLine(text: string, delimiter: string, limit: number): number {
  const d = delimiter.charCodeAt(0)
  let widest = 0
  let fields = 1
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 0x22) quoted = !quoted
    else if (quoted) continue
    else if (ch === d) {
      if (++fields > limit) return fields
    } else if (ch === 0x0a || ch === 0x0d) {
      if (fields > widest) widest = fields
      fields = 1
    }
  }
  return Math.max(widest, fields)
}

/** The delimiter that splits most lines into the same number of fields; ';' wins ties (Dutch Excel). */
export function detectDelimiter(text: string): string {
  let best: string = ';'
  let bestScore = -1
  // The first lines decide; a line of a million fields need not be read to the end for that.
  for (const [delimiter, perLine] of countsPerLine(text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text)) {
    const freq = new Map<number, number>()
    for (const n of perLine) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1)
    let score = 0
    for (const [n, lines] of freq) score = Math.max(score, lines * 1000 + n)
    if (score > bestScore) {
      best = delimiter
      bestScore = score
    }
  }
  return best
}

/** A CSV file as one sheet of text cells: row i is what Excel shows as row i+1. Throws LimitError past a cap. */
export function parseCsv(bytes: Uint8Array): Cell[][] {
  const text = decodeText(bytes)
  const delimiter = detectDelimiter(text)
  if (widestLine(text, delimiter, MAX_COLUMNS) > MAX_COLUMNS) throw new LimitError(REASONS.columns('het bestand'))
  let cells = 0
  let over: string | null = null
  const records: Cell[][] = []
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
      // Each record is checked as it comes, and kept as cells: the parser's own list stays empty.
      on_record: (record: string[]) => {
        if (over !== null) return null
        if (records.length >= MAX_ROWS) over = REASONS.rows('het bestand')
        else if (record.length > MAX_COLUMNS) over = REASONS.columns('het bestand')
        else if ((cells += record.length) > MAX_CELLS) over = REASONS.cells()
        else if (record.some((v) => v.length > MAX_CELL_CHARS)) over = REASONS.text()
        if (over !== null) throw new LimitError(over)
        records.push(record.map((v) => (v === '' ? null : v)))
        return null
      },
    })
  } catch (err) {
    if (over !== null) throw new LimitError(over)
    throw err
  }
  return records
}

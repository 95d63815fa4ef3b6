// CSV as schools have it: comma or semicolon (or tab), UTF-8 with or without BOM, or
// Windows-1252 (what Dutch Excel saves), detected without asking.
import { parse } from 'csv-parse/sync'
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

/** The delimiter that splits most lines into the same number of fields; ';' wins ties (Dutch Excel). */
export function detectDelimiter(text: string): string {
  let best: string = ';'
  let bestScore = -1
  for (const [delimiter, perLine] of countsPerLine(text)) {
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

/** A CSV file as one sheet of text cells: row i is what Excel shows as row i+1. */
export function parseCsv(bytes: Uint8Array): Cell[][] {
  const text = decodeText(bytes)
  const records = parse(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: false,
  }) as string[][]
  return records.map((r) => r.map((v) => (v === '' ? null : v)))
}

// A hand-kept sheet's legend: the line that says what its marks mean ('Legenda: ✓ = toestemming,
// - = geen toestemming, leeg = nog geen antwoord'). Its definitions win over the usual reading of
// a mark on that sheet: there '-' is a refusal, not 'no answer'. Pure.
import type { Decision } from '../../../shared/domain.ts'
import type { Cell, SheetData } from './types.ts'
import { cellText, parseConsent } from './values.ts'

/** 'X = ja', '- = geen toestemming', '✓: mag wel', 'leeg = nog niet ingeleverd'. */
const DEFINITION = /(?:^|[,;\n]|legenda:?)\s*(\S{1,3}|leeg)\s*(?:=|:|betekent)\s*([^,;\n=]{2,40})/giu

/** The mark definitions a text holds; only texts that define two or more marks, or say 'Legenda', are a legend. */
function definitions(text: string): Map<string, Decision> {
  const out = new Map<string, Decision>()
  for (const m of text.matchAll(DEFINITION)) {
    const mark = (m[1] as string).trim()
    const meaning = (m[2] as string).trim()
    const d = mark.toLowerCase() === 'leeg' ? null : parseConsent(meaning)
    if (d !== null && mark.toLowerCase() !== 'legenda') out.set(mark, d)
  }
  return out.size >= 2 || (/legenda/i.test(text) && out.size >= 1) ? out : new Map()
}

/** Is this row a legend line (no pupil, no row error)? */
export function isLegendLine(row: readonly Cell[]): boolean {
  const texts = row.filter((c): c is string => typeof c === 'string' && c.trim() !== '')
  const filled = row.filter((c) => c !== null && cellText(c) !== '').length
  return filled <= 2 && texts.some((t) => definitions(t).size > 0)
}

/** The marks a sheet defines in a legend line anywhere on it (first 2,000 rows). */
export function sheetLegend(sheet: SheetData): Map<string, Decision> {
  const marks = new Map<string, Decision>()
  for (const row of sheet.rows.slice(0, 2000)) {
    if (!isLegendLine(row)) continue
    for (const c of row) if (typeof c === 'string') for (const [mark, d] of definitions(c)) marks.set(mark, d)
  }
  return marks
}

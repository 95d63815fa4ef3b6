// The filled-in form layout: one pupil per workbook, labels with their values to the right
// ('Achternaam:' ... 'Berg'), section titles ('Ouder/verzorger 2'), merged cells, and consent as
// crosses under 'Ja' and 'Nee' columns. Any form of that kind, not only our template.
import { GUARDIAN_FIELD_WORDS } from './synonyms.ts'
import { classifyHeader, normalizeHeader, type PurposeRef } from './headers.ts'
import { columnLetter, signatureOf, type DetectedLayout, type LayoutColumn } from './table.ts'
import type { Cell, SheetData } from './types.ts'
import { cellText } from './values.ts'

const MAX_ROWS = 400
const MAX_COLS = 60
const YES = new Set(['ja', 'yes', 'wel'])
const NO = new Set(['nee', 'no', 'niet'])
/** What an empty checkbox looks like; anything else in a Ja/Nee cell is a cross. */
const EMPTY_MARK = /^[☐□_.\s-]*$/u

interface Span {
  left: number
  right: number
}

interface Item {
  key: string
  header: string
  at: string
  classifyAs: string
  value: Cell
  row: number
}

const isText = (c: Cell | undefined): c is string => typeof c === 'string' && c.trim() !== ''

/** A section title ('Gegevens leerling', 'Ouder/verzorger 2', 'Toestemming beeldmateriaal'), not a field. */
function isSectionTitle(text: string, purposes: readonly PurposeRef[]): boolean {
  if (/:\s*$/.test(text)) return false
  const cls = classifyHeader(text, purposes)
  if (cls.kind === 'ignore' || cls.kind === 'consentAny') return true
  if (cls.kind === 'pupil') return cls.field === 'fullName' && normalizeHeader(text) !== 'naam' && normalizeHeader(text) !== 'name'
  if (cls.kind === 'guardian') return !Object.values(GUARDIAN_FIELD_WORDS).some((words) => words.some((w) => ` ${normalizeHeader(text)} `.includes(` ${w} `)))
  return false
}

/** A cell that names a pupil field or a purpose is a label, not a value ('Roepnaam | Achternaam' in one row). */
function isFieldWord(text: string, purposes: readonly PurposeRef[]): boolean {
  const cls = classifyHeader(text, purposes)
  return (cls.kind === 'pupil' && cls.rank < 40) || cls.kind === 'consent'
}

function isLabel(text: string, section: string, purposes: readonly PurposeRef[]): boolean {
  if (/:\s*$/.test(text)) return true
  return classifyHeader(`${section} ${text}`, purposes).kind !== 'ignore' && classifyHeader(text, purposes).kind !== 'ignore'
}

/** The columns a cell covers (its merged range, or itself). */
function spanOf(sheet: SheetData, r: number, c: number): Span {
  const m = sheet.merges.find((x) => x.top === r && x.left === c)
  return m ? { left: m.left, right: m.right } : { left: c, right: c }
}

/** The form in a sheet, if it looks like one (or the user says it is): labelled fields and Ja/Nee crosses. */
export function detectForm(sheet: SheetData, purposes: readonly PurposeRef[], chosen = false): DetectedLayout | null {
  const items: Item[] = []
  let section = ''
  let yesNo: { yes: Span; no: Span } | null = null
  let blockItems = 0
  /** Per column, the section its values belong to (two guardians side by side). */
  let sideBySide: Map<number, string> | null = null
  const addItem = (key: string, header: string, at: string, classifyAs: string, value: Cell, row: number): void => {
    let unique = key
    for (let i = 2; items.some((x) => x.key === unique); i++) unique = `${key}#${i}`
    items.push({ key: unique, header, at, classifyAs, value, row })
  }
  const rows = Math.min(sheet.rows.length, MAX_ROWS)
  for (let r = 0; r < rows; r++) {
    const row = (sheet.rows[r] ?? []).slice(0, MAX_COLS)
    const filled = row.map((v, c) => ({ c, v })).filter(({ v }) => v !== null && v !== undefined && cellText(v) !== '')
    const words = filled.map(({ c, v }) => ({ c, n: normalizeHeader(cellText(v)) }))
    const yesCell = words.find((w) => YES.has(w.n))
    const noCell = words.find((w) => NO.has(w.n) && yesCell !== undefined && w.c > yesCell.c)
    // The 'Ja | Nee' heading of a block of crosses stands (nearly) alone: a table's row with ja and nee in it is data.
    if (yesCell && noCell && filled.length <= 4) {
      yesNo = { yes: spanOf(sheet, r, yesCell.c), no: spanOf(sheet, r, noCell.c) }
      blockItems = 0
      continue
    }
    if (yesNo) {
      const start = Math.min(yesNo.yes.left, yesNo.no.left)
      const label = filled.find(({ c, v }) => c < start && isText(v))
      const marked = (span: Span): boolean => filled.some(({ c, v }) => c >= span.left && c <= span.right && !EMPTY_MARK.test(cellText(v)))
      // The block runs to the first empty row; a label with a colon is a field again.
      if (label && !/:\s*$/.test(cellText(label.v))) {
        const text = cellText(label.v).replace(/:\s*$/, '')
        const yes = marked(yesNo.yes)
        const no = marked(yesNo.no)
        const value = yes && no ? 'Ja en Nee allebei aangekruist' : yes ? 'Ja' : no ? 'Nee' : null
        addItem(`janee|${normalizeHeader(text)}`, text, `${columnLetter(label.c)}${r + 1}`, `toestemming ${text}`, value, r + 1)
        blockItems++
        continue
      }
      if (filled.length === 0 && blockItems === 0) continue
      yesNo = null
    }
    if (filled.length === 0) continue
    const first = filled[0] as { c: number; v: Cell }
    if (filled.length === 1 && isText(first.v) && isSectionTitle(cellText(first.v), purposes)) {
      section = normalizeHeader(cellText(first.v))
      sideBySide = null
      continue
    }
    // Two guardians side by side: 'Ouder/verzorger 1 | Ouder/verzorger 2' over columns of values.
    if (filled.length >= 2 && filled.every(({ v }) => isText(v) && isSectionTitle(cellText(v), purposes))) {
      sideBySide = new Map(filled.map(({ c, v }) => [c, normalizeHeader(cellText(v))]))
      continue
    }
    const firstLabel = isText(first.v) && isLabel(cellText(first.v), section, purposes) ? cellText(first.v).replace(/[:*\s]+$/, '') : null
    if (sideBySide && firstLabel !== null && filled.slice(1).some(({ c }) => sideBySide?.has(c))) {
      for (const { c, v } of filled.slice(1)) {
        const column = sideBySide.get(c)
        if (column === undefined) continue
        addItem(`${column}|${normalizeHeader(firstLabel)}`, `${sectionTitle(sheet, column)} › ${firstLabel}`, `${columnLetter(c)}${r + 1}`, `${column} ${firstLabel}`, v, r + 1)
      }
      continue
    }
    for (let i = 0; i < filled.length; i++) {
      const cell = filled[i] as { c: number; v: Cell }
      if (!isText(cell.v) || !isLabel(cellText(cell.v), section, purposes)) continue
      const label = cellText(cell.v).replace(/[:*\s]+$/, '')
      const next = filled[i + 1]
      const nextIsLabel = next !== undefined && isText(next.v) && (/:\s*$/.test(next.v) || isFieldWord(cellText(next.v), purposes))
      const value = next !== undefined && !nextIsLabel ? next.v : null
      const key = `${section}|${normalizeHeader(label)}`
      // A document title above the fields ('Aanmeldformulier OBS De Linde') says nothing about them.
      const inSection = section && classifyHeader(`${section} ${label}`, purposes).kind === 'ignore' ? label : `${section} ${label}`
      addItem(key, section ? `${sectionTitle(sheet, section)} › ${label}` : label, `${columnLetter(cell.c)}${r + 1}`, inSection, value, r + 1)
      if (value !== null) i++
    }
  }
  const known = items.filter((it) => classifyHeader(it.classifyAs, purposes).kind !== 'ignore')
  const score = known.length
  // A form has labels one below the other in a column, with values beside them: three or more
  // known labels in one column on different rows, one of them the pupil's name. A single row of
  // them is a table's header.
  // (The user chose 'form' for this sheet: any three known labels will do.)
  if (score < 3 || (!chosen && (!labelsInAColumn(known) || !known.some((it) => namesAPupil(it.classifyAs, purposes))))) return null
  const columns: LayoutColumn[] = items.map((it) => ({ key: it.key, header: it.header, at: it.at, hidden: false, classifyAs: it.classifyAs }))
  const firstRow = items.reduce((min, it) => Math.min(min, it.row), Number.POSITIVE_INFINITY)
  return {
    layout: 'form',
    headerRow: firstRow,
    columns,
    records: [{ row: firstRow, cells: items.map((it) => it.value), rows: items.map((it) => it.row) }],
    signature: signatureOf(
      'form',
      items.map((it) => it.key),
    ),
    score,
    knownFields: score,
  }
}

/** A form is about one pupil: one of its labels asks the pupil's name (an overview per group has none). */
function namesAPupil(label: string, purposes: readonly PurposeRef[]): boolean {
  const cls = classifyHeader(label, purposes)
  return cls.kind === 'pupil' && (cls.field === 'firstName' || cls.field === 'lastName' || cls.field === 'fullName')
}

/** Three or more labels in the same column, on three or more rows. */
function labelsInAColumn(known: readonly Item[]): boolean {
  const rowsPerColumn = new Map<string, Set<number>>()
  for (const it of known) {
    const column = /^[A-Z]+/.exec(it.at)?.[0] ?? ''
    const rows = rowsPerColumn.get(column) ?? new Set<number>()
    rows.add(it.row)
    rowsPerColumn.set(column, rows)
  }
  return [...rowsPerColumn.values()].some((rows) => rows.size >= 3)
}

/** The section title as written, for display ('Ouder/verzorger 2'). */
function sectionTitle(sheet: SheetData, normalized: string): string {
  for (const row of sheet.rows.slice(0, MAX_ROWS)) for (const v of row ?? []) if (isText(v) && normalizeHeader(v) === normalized) return v.trim()
  return normalized
}

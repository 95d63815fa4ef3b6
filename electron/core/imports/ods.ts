// An OpenDocument spreadsheet (.ods, LibreOffice's own format) -> sheets of plain cell values.
// The zip is unpacked under the caps of zip.ts; content.xml is read by a streaming parser (saxes)
// that lays out cells as it goes and counts them against the caps of limits.ts. Repeated cells and
// rows (table:number-columns-repeated / number-rows-repeated) are expanded only when a value
// follows them, and never past the caps: LibreOffice writes the empty rest of a sheet as one
// repeated row, and a crafted file may repeat a filled cell a billion times.
import { SaxesParser, type SaxesTagNS } from 'saxes'
import { LimitError, MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_MERGED_CELLS, MAX_ROWS, REASONS } from './limits.ts'
import type { Cell, SheetData } from './types.ts'
import { readWorkbookParts } from './zip.ts'

const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0'
const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
const STYLE = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0'
const XLINK = 'http://www.w3.org/1999/xlink'

/** A file that is a zip but whose content.xml is no spreadsheet we can follow. */
export class DamagedOds extends Error {}

const attr = (tag: SaxesTagNS, ns: string, local: string): string | undefined => {
  for (const a of Object.values(tag.attributes)) if (a.uri === ns && a.local === local) return a.value
  return undefined
}

/** A repeat count as the file states it: at least 1; anything that is no whole number counts as 1. */
const repeatOf = (tag: SaxesTagNS, local: string, ns = TABLE): number => {
  const n = Number(attr(tag, ns, local) ?? 1)
  return Number.isSafeInteger(n) && n >= 1 ? n : 1
}

/** office:date-value '2018-03-14' or '2026-09-03T10:15:22' -> the same moment as exceljs gives a date cell (UTC). */
function dateOf(value: string): Date | null {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?/.exec(value)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)))
  return Number.isNaN(d.getTime()) ? null : d
}

interface OpenCell {
  type: string
  value: string | undefined
  columns: number
  covered: boolean
  lines: string[]
  line: string
  mailto: string | null
}

/** The cell's value as the reader's other formats give it. */
function valueOf(c: OpenCell): Cell {
  const text = c.lines.join('\n')
  switch (c.type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(c.value)
      return c.value !== undefined && Number.isFinite(n) ? n : text || null
    }
    case 'date':
      return (c.value !== undefined ? dateOf(c.value) : null) ?? (text || null)
    case 'boolean':
      return c.value === 'true' ? true : c.value === 'false' ? false : text || null
    default: {
      const s = c.value ?? text
      // 'Mail Marieke' linking to mailto:marieke@...: the address is what counts.
      if (c.mailto && !s.includes('@')) return c.mailto
      return s === '' ? null : s
    }
  }
}

interface Sheet {
  data: SheetData
  hidden: boolean
  row: Cell[]
  rowRepeat: number
  pendingRows: number
  column: number
}

/** Reads content.xml; throws LimitError at the first cap it passes, DamagedOds when it is no XML. */
export function readOdsContent(xml: string): SheetData[] {
  const parser = new SaxesParser({ xmlns: true })
  const sheets: SheetData[] = []
  const hiddenTableStyles = new Set<string>()
  const hiddenColumnStyles = new Set<string>()
  let styleName: string | null = null
  let sheet: Sheet | null = null
  let cell: OpenCell | null = null
  let cells = 0
  let merged = 0
  let depthInP = 0

  const where = (s: Sheet): string => `het blad ${s.data.name}`
  const addCells = (n: number): void => {
    if ((cells += n) > MAX_CELLS) throw new LimitError(REASONS.cells())
  }
  const grow = (s: Sheet, n: number): void => {
    s.column += n
    if (s.column > MAX_COLUMNS) throw new LimitError(REASONS.columns(where(s)))
  }
  const endCell = (s: Sheet, c: OpenCell): void => {
    const value = c.covered ? null : valueOf(c)
    if (value === null) {
      s.column += c.columns // empty cells lay nothing out unless a value follows them in the row
      return
    }
    const at = s.column
    grow(s, c.columns)
    addCells(s.column - s.row.length)
    while (s.row.length < at) s.row.push(null)
    for (let i = 0; i < c.columns; i++) s.row.push(value)
  }
  const endRow = (s: Sheet): void => {
    const row = s.row
    if (row.length === 0) {
      s.pendingRows += s.rowRepeat // the empty rest of a sheet is one repeated row: lay nothing out
    } else {
      const rows = s.data.rows
      if (rows.length + s.pendingRows + s.rowRepeat > MAX_ROWS) throw new LimitError(REASONS.rows(where(s)))
      for (let i = 0; i < s.pendingRows; i++) rows.push([])
      s.pendingRows = 0
      addCells(row.length * (s.rowRepeat - 1))
      rows.push(row)
      for (let i = 1; i < s.rowRepeat; i++) rows.push(row.slice())
    }
    s.row = []
    s.column = 0
  }

  parser.on('opentag', (tag) => {
    if (tag.uri === STYLE && tag.local === 'style') styleName = attr(tag, STYLE, 'name') ?? null
    else if (tag.uri === STYLE && tag.local === 'table-properties' && styleName && attr(tag, TABLE, 'display') === 'false') hiddenTableStyles.add(styleName)
    else if (tag.uri === STYLE && tag.local === 'table-column-properties' && styleName && attr(tag, TABLE, 'display') === 'false') hiddenColumnStyles.add(styleName)
    if (tag.uri === TABLE) {
      if (tag.local === 'table' && sheet === null) {
        const style = attr(tag, TABLE, 'style-name')
        const data: SheetData = { name: attr(tag, TABLE, 'name') ?? `Blad ${sheets.length + 1}`, rows: [], hiddenColumns: [], merges: [], date1904: false }
        sheet = { data, hidden: style !== undefined && hiddenTableStyles.has(style), row: [], rowRepeat: 1, pendingRows: 0, column: 0 }
      } else if (sheet && tag.local === 'table-column') {
        const n = repeatOf(tag, 'number-columns-repeated')
        const first = sheet.column
        const hidden = attr(tag, TABLE, 'visibility') === 'collapse' || hiddenColumnStyles.has(attr(tag, TABLE, 'style-name') ?? '')
        if (hidden) for (let c = first; c < Math.min(first + n, MAX_COLUMNS); c++) sheet.data.hiddenColumns.push(c)
        sheet.column = first + n
      } else if (sheet && tag.local === 'table-row') {
        sheet.column = 0
        sheet.row = []
        sheet.rowRepeat = repeatOf(tag, 'number-rows-repeated')
      } else if (sheet && (tag.local === 'table-cell' || tag.local === 'covered-table-cell')) {
        const value = attr(tag, OFFICE, 'value') ?? attr(tag, OFFICE, 'date-value') ?? attr(tag, OFFICE, 'boolean-value') ?? attr(tag, OFFICE, 'string-value')
        cell = { type: attr(tag, OFFICE, 'value-type') ?? '', value, columns: repeatOf(tag, 'number-columns-repeated'), covered: tag.local === 'covered-table-cell', lines: [], line: '', mailto: null }
        const across = repeatOf(tag, 'number-columns-spanned')
        const down = repeatOf(tag, 'number-rows-spanned')
        if (!cell.covered && (across > 1 || down > 1)) {
          if ((merged += across * down) > MAX_MERGED_CELLS) throw new LimitError(REASONS.merged(where(sheet)))
          const top = sheet.data.rows.length + sheet.pendingRows
          sheet.data.merges.push({ top, left: sheet.column, bottom: top + down - 1, right: sheet.column + across - 1 })
        }
      }
    } else if (cell && tag.uri === TEXT) {
      if (tag.local === 'p' || tag.local === 'h') depthInP++
      else if (tag.local === 's') cell.line += ' '.repeat(Math.min(repeatOf(tag, 'c', TEXT), MAX_CELL_CHARS + 1))
      else if (tag.local === 'tab') cell.line += '\t'
      else if (tag.local === 'line-break') cell.line += '\n'
      else if (tag.local === 'a') {
        const href = attr(tag, XLINK, 'href') ?? ''
        if (/^mailto:/i.test(href)) cell.mailto = href.replace(/^mailto:/i, '').split('?')[0] || null
      }
      if (cell.line.length > MAX_CELL_CHARS) throw new LimitError(REASONS.text())
    }
  })
  parser.on('text', (text) => {
    if (!cell || depthInP === 0) return
    cell.line += text
    if (cell.line.length > MAX_CELL_CHARS) throw new LimitError(REASONS.text())
  })
  parser.on('closetag', (tag) => {
    if (tag.uri === STYLE && tag.local === 'style') styleName = null
    if (cell && tag.uri === TEXT && (tag.local === 'p' || tag.local === 'h')) {
      depthInP--
      if (depthInP === 0) {
        cell.lines.push(cell.line)
        cell.line = ''
        if (cell.lines.reduce((n, l) => n + l.length + 1, 0) > MAX_CELL_CHARS + 1) throw new LimitError(REASONS.text())
      }
    }
    if (tag.uri !== TABLE || !sheet) return
    if ((tag.local === 'table-cell' || tag.local === 'covered-table-cell') && cell) {
      endCell(sheet, cell)
      cell = null
      depthInP = 0
    } else if (tag.local === 'table-row') endRow(sheet)
    else if (tag.local === 'table') {
      if (!sheet.hidden) sheets.push(sheet.data)
      sheet = null
    }
  })
  parser.on('error', (err) => {
    throw err instanceof LimitError ? err : new DamagedOds(err.message)
  })
  try {
    parser.write(xml).close()
  } catch (err) {
    if (err instanceof LimitError) throw err
    throw new DamagedOds(err instanceof Error ? err.message : String(err))
  }
  return sheets
}

/** The sheets of an .ods file; throws LimitError (a cap passed) or another error (a damaged file). */
export function readOdsSheets(bytes: Uint8Array): SheetData[] {
  const parts = readWorkbookParts(bytes)
  const content = parts['content.xml']
  if (!content) throw new DamagedOds('no content.xml')
  return readOdsContent(new TextDecoder('utf-8', { fatal: true }).decode(content))
}

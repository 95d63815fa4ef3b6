// Building blocks for lists: headings, paragraphs, status badges and tables that break across
// pages without splitting a row, repeating their header on every page.
import { COLOR, CONTENT_WIDTH, F, MARGIN, PAGE, type Doc } from './pdf-base.ts'
import { fitLine, measureFit, WRAP_SLACK, wrapAtSpaces } from './text-wrap.ts'

export type Status = 'refused' | 'unknown' | 'granted'

const BADGE: Record<Status, { label: string; fill: string; color: string }> = {
  refused: { label: 'NEE · geweigerd', fill: COLOR.refused, color: '#ffffff' },
  unknown: { label: '? · geen antwoord', fill: COLOR.unknownSoft, color: COLOR.unknown },
  granted: { label: 'JA · toestemming', fill: '#e6f2e7', color: COLOR.granted },
}

export interface Cell {
  text: string
  bold?: boolean
  italic?: boolean
  color?: string
  size?: number
  /** Drawn as a coloured label instead of plain text. */
  status?: Status
  /** Its own label for the status, e.g. 'NEE · geweigerd (opnieuw vragen)'. */
  statusLabel?: string
  /** A smaller grey line under the text, e.g. why a pupil is on a list. */
  sub?: string
}

export interface Column {
  header: string
  /** Points; the last column takes what is left when 0. */
  width: number
  align?: 'left' | 'right' | 'center'
}

const BOTTOM = (): number => PAGE.height - MARGIN.bottom

/** Starts a new page when less than `height` is left on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM()) doc.addPage()
}

export function title(doc: Doc, text: string, sub?: string): void {
  doc.font(F.bold).fontSize(19).fillColor(COLOR.accent)
  doc.text(wrapAtSpaces(doc, text, CONTENT_WIDTH), MARGIN.left, doc.y, { width: CONTENT_WIDTH + WRAP_SLACK })
  if (sub) {
    doc.moveDown(0.15).font(F.regular).fontSize(10.5).fillColor(COLOR.muted)
    doc.text(wrapAtSpaces(doc, sub, CONTENT_WIDTH), { width: CONTENT_WIDTH + WRAP_SLACK })
  }
  doc.moveDown(0.8)
}

/** A section heading, kept on the page with at least `keepWith` points of what follows. */
export function heading(doc: Doc, text: string, keepWith = 60, note?: string): void {
  ensureSpace(doc, 28 + keepWith)
  doc.moveDown(0.4)
  const y = doc.y
  doc
    .font(F.bold)
    .fontSize(12)
    .fillColor(COLOR.ink)
    .text(text, MARGIN.left, y, { width: CONTENT_WIDTH, continued: Boolean(note) })
  if (note) doc.font(F.regular).fontSize(9.5).fillColor(COLOR.muted).text(`   ${note}`)
  doc.moveDown(0.3)
}

export function paragraph(doc: Doc, text: string, options: { size?: number; color?: string; italic?: boolean; bold?: boolean; gap?: number } = {}): void {
  const font = options.bold ? F.bold : options.italic ? F.italic : F.regular
  doc
    .font(font)
    .fontSize(options.size ?? 9.5)
    .fillColor(options.color ?? COLOR.ink)
  const wrapped = wrapAtSpaces(doc, text, CONTENT_WIDTH)
  ensureSpace(doc, doc.heightOfString(wrapped, { width: CONTENT_WIDTH + WRAP_SLACK, lineGap: 1.5 }) + 4)
  doc.text(wrapped, MARGIN.left, doc.y, { width: CONTENT_WIDTH + WRAP_SLACK, lineGap: 1.5 })
  doc.moveDown(options.gap ?? 0.5)
}

/** A coloured label; returns its width. */
export function badge(doc: Doc, status: Status, x: number, y: number, size = 8, label = BADGE[status].label): number {
  const b = BADGE[status]
  doc.font(F.bold).fontSize(size)
  const width = doc.widthOfString(label) + 10
  doc.roundedRect(x, y - 1.5, width, size + 5, 3).fill(b.fill)
  if (status === 'unknown')
    doc
      .roundedRect(x, y - 1.5, width, size + 5, 3)
      .lineWidth(0.6)
      .strokeColor('#d9b44a')
      .stroke()
  doc.fillColor(b.color).text(label, x + 5, y + 0.5, { lineBreak: false })
  return width
}

/** The legend that explains the two kinds of 'no'. */
export function statusLegend(doc: Doc): void {
  ensureSpace(doc, 40)
  const y = doc.y
  let x = MARGIN.left
  const meanings: [Status, string][] = [
    ['refused', 'De ouders hebben nee gezegd.'],
    ['unknown', 'Nog geen antwoord: geldt als nee.'],
  ]
  for (const [status, meaning] of meanings) {
    x += badge(doc, status, x, y) + 6
    doc
      .font(F.regular)
      .fontSize(8.5)
      .fillColor(COLOR.ink)
      .text(meaning, x, y + 0.5, { lineBreak: false })
    x += doc.widthOfString(meaning) + 18
  }
  doc.x = MARGIN.left
  doc.y = y + 20
}

const toCell = (c: string | Cell): Cell => (typeof c === 'string' ? { text: c } : c)
const PAD_X = 5
const PAD_Y = 4

function cellFont(doc: Doc, cell: Cell, size: number): void {
  doc.font(cell.bold ? F.bold : cell.italic ? F.italic : F.regular).fontSize(cell.size ?? size)
}

function widths(columns: Column[]): number[] {
  const fixed = columns.reduce((sum, c) => sum + c.width, 0)
  return columns.map((c) => (c.width === 0 ? CONTENT_WIDTH - fixed : c.width))
}

export interface TableOptions {
  size?: number
  zebra?: boolean
  /** The section's name: on a page the table runs onto, it comes back as '<name> (vervolg)'. */
  continued?: string
  /** A line above the column heads on every page, e.g. the key to numbered columns. */
  key?: string
}

const SUB_SIZE = 7.5

function drawHeader(doc: Doc, columns: Column[], w: number[], size: number, key?: string): void {
  if (key) {
    doc.font(F.regular).fontSize(7.5).fillColor(COLOR.muted)
    const wrapped = wrapAtSpaces(doc, key, CONTENT_WIDTH)
    const y = doc.y
    doc.text(wrapped, MARGIN.left, y, { width: CONTENT_WIDTH + WRAP_SLACK })
    doc.y = y + doc.heightOfString(wrapped, { width: CONTENT_WIDTH + WRAP_SLACK }) + 3
  }
  const y = doc.y
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, size + 2 * PAD_Y + 2).fill(COLOR.accentSoft)
  let x = MARGIN.left
  doc
    .font(F.bold)
    .fontSize(size - 0.5)
    .fillColor(COLOR.accent)
  columns.forEach((c, i) => {
    fitLine(doc, c.header, x + PAD_X, y + PAD_Y + 1, (w[i] ?? 0) - 2 * PAD_X, c.align)
    x += w[i] ?? 0
  })
  doc.y = y + size + 2 * PAD_Y + 2
}

function badgeWidth(doc: Doc, cell: Cell, size: number): number {
  doc.font(F.bold).fontSize(size)
  return doc.widthOfString(cell.statusLabel ?? BADGE[cell.status ?? 'unknown'].label) + 10
}

function cellHeight(doc: Doc, cell: Cell, width: number, size: number): number {
  if (cell.status) return size + 5
  cellFont(doc, cell, size)
  let h = doc.heightOfString(wrapAtSpaces(doc, cell.text || ' ', width), { width: width + WRAP_SLACK })
  if (cell.sub) {
    doc.font(F.regular).fontSize(SUB_SIZE)
    h += doc.heightOfString(wrapAtSpaces(doc, cell.sub, width), { width: width + WRAP_SLACK }) + 1
  }
  return h
}

function drawCell(doc: Doc, cell: Cell, column: Column | undefined, x: number, y: number, width: number, size: number): void {
  if (cell.status) {
    const bw = badgeWidth(doc, cell, size - 1)
    const bx = column?.align === 'center' ? x + (width - bw) / 2 : x
    badge(doc, cell.status, bx, y + 1, size - 1, cell.statusLabel)
    return
  }
  cellFont(doc, cell, size)
  const text = wrapAtSpaces(doc, cell.text, width)
  doc.fillColor(cell.color ?? COLOR.ink).text(text, x, y, { width: width + (column?.align && column.align !== 'left' ? 0 : WRAP_SLACK), align: column?.align ?? 'left' })
  if (cell.sub) {
    const below = y + doc.heightOfString(text || ' ', { width: width + WRAP_SLACK }) + 1
    doc
      .font(F.regular)
      .fontSize(SUB_SIZE)
      .fillColor(COLOR.muted)
      .text(wrapAtSpaces(doc, cell.sub, width), x, below, { width: width + WRAP_SLACK })
  }
}

/** One row of a list: its height, measured before it is placed, and how to draw it from its top. */
export interface RowBlock {
  height: number
  draw: (top: number) => void
}

/**
 * Rows one under the other, each with a rule below it and every second one shaded (unless `zebra`
 * is false). A row never splits across pages: when it does not fit, a new page starts and
 * `newPage` draws what comes back at its top (the section's name, the column heads).
 */
export function rowsAcrossPages<T>(doc: Doc, items: readonly T[], block: (item: T, index: number) => RowBlock, options: { newPage: () => void; zebra?: boolean }): void {
  items.forEach((item, index) => {
    const row = block(item, index)
    if (doc.y + row.height > BOTTOM()) {
      doc.addPage()
      options.newPage()
    }
    const top = doc.y
    if (options.zebra !== false && index % 2 === 1) doc.rect(MARGIN.left, top, CONTENT_WIDTH, row.height).fill(COLOR.zebra)
    row.draw(top)
    doc
      .moveTo(MARGIN.left, top + row.height)
      .lineTo(MARGIN.left + CONTENT_WIDTH, top + row.height)
      .lineWidth(0.4)
      .strokeColor(COLOR.rule)
      .stroke()
    doc.x = MARGIN.left
    doc.y = top + row.height
  })
}

/**
 * A table; rows never split across pages, and on each new page the header comes back, under the
 * section's name with '(vervolg)' when one is given.
 */
export function table(doc: Doc, columns: Column[], rows: (string | Cell)[][], options: TableOptions = {}): void {
  const size = options.size ?? 9
  const w = widths(columns)
  ensureSpace(doc, size * 2 + 4 * PAD_Y + 20 + (options.key ? 12 : 0))
  drawHeader(doc, columns, w, size, options.key)
  const newPage = (): void => {
    if (options.continued) {
      doc
        .font(F.bold)
        .fontSize(12)
        .fillColor(COLOR.ink)
        .text(wrapAtSpaces(doc, `${options.continued} (vervolg)`, CONTENT_WIDTH), MARGIN.left, doc.y, { width: CONTENT_WIDTH + WRAP_SLACK })
      doc.moveDown(0.3)
    }
    drawHeader(doc, columns, w, size, options.key)
  }
  const block = (raw: (string | Cell)[]): RowBlock => {
    const cells = raw.map(toCell)
    const height = Math.max(...cells.map((cell, i) => cellHeight(doc, cell, (w[i] ?? 0) - 2 * PAD_X, size))) + 2 * PAD_Y
    const draw = (y: number): void => {
      let x = MARGIN.left
      cells.forEach((cell, i) => {
        drawCell(doc, cell, columns[i], x + PAD_X, y + PAD_Y, (w[i] ?? 0) - 2 * PAD_X, size)
        x += w[i] ?? 0
      })
    }
    return { height, draw }
  }
  rowsAcrossPages(doc, rows, block, { newPage, zebra: options.zebra })
  doc.moveDown(0.6)
}

/** Label and value pairs in two columns, for a record's data. */
export function facts(doc: Doc, pairs: [string, string][], labelWidth = 130): void {
  for (const [label, value] of pairs) {
    doc.font(F.regular).fontSize(9.5)
    const shown = wrapAtSpaces(doc, value || '–', CONTENT_WIDTH - labelWidth)
    const h = Math.max(doc.heightOfString(shown, { width: CONTENT_WIDTH - labelWidth + WRAP_SLACK }), measureFit(doc, label, labelWidth - 8).height)
    ensureSpace(doc, h + 4)
    const y = doc.y
    doc.fillColor(COLOR.muted)
    fitLine(doc, label, MARGIN.left, y, labelWidth - 8)
    doc.fillColor(COLOR.ink).text(shown, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth + WRAP_SLACK })
    doc.y = Math.max(doc.y, y + h) + 3
  }
  doc.x = MARGIN.left
  doc.moveDown(0.4)
}

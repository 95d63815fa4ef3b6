// The frame every printed document shares: A4, embedded DejaVu fonts (so Zoë, Ömer Yılmaz,
// Łukasz and Nguyễn print as typed), the school's name and logo at the top, and at the bottom
// when it was made, 'Vertrouwelijk' on lists with personal data, and 'pagina X van Y'.
// Pure: plain data in, PDF bytes out. No database, no Electron.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pdfKit } from '../libraries.ts'
import { formatPrintedMoment } from '../../../shared/dates.ts'
import { documentLine, documentText } from '../../../shared/safe-text.ts'
import { fitLine } from './text-wrap.ts'

export type Doc = PDFKit.PDFDocument

export interface Fonts {
  regular: Buffer
  bold: Buffer
  italic: Buffer
}

const FONT_FILES = { regular: 'DejaVuSansCondensed.ttf', bold: 'DejaVuSansCondensed-Bold.ttf', italic: 'DejaVuSansCondensed-Oblique.ttf' } as const
const fontCache = new Map<string, Fonts>()

/** The TTFs from `<resourcesDir>/fonts`, read once per folder. */
export function loadFonts(resourcesDir: string): Fonts {
  let fonts = fontCache.get(resourcesDir)
  if (!fonts) {
    const read = (file: string): Buffer => readFileSync(join(resourcesDir, 'fonts', file))
    fonts = { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold), italic: read(FONT_FILES.italic) }
    fontCache.set(resourcesDir, fonts)
  }
  return fonts
}

/** What is printed at the top of every page. */
export interface Letterhead {
  schoolName: string
  /** PNG or JPG bytes, checked at upload. */
  logo?: Buffer | null
}

export interface FrameOptions {
  fonts: Fonts
  letterhead: Letterhead
  /** The document's name, at the top right of every page and in the PDF's properties. */
  title: string
  generatedAt: Date
  /** Lists with personal data say so in the footer. */
  confidential: boolean
  /** The footer's own words for that, e.g. on a parent's copy that is theirs to keep. */
  confidentialText?: string
  /** The staff member who made it: 'Gemaakt op ... door Ans de Wit'. */
  madeBy?: string
  /** Extra text at the left of the footer, e.g. a form code. */
  footerNote?: (pageIndex: number) => string
  /** Draw no letterhead: the document draws its own (the consent form). */
  ownHeader?: boolean
}

export const PAGE = { width: 595.28, height: 841.89 } as const
export const MARGIN = { left: 48, right: 48, top: 92, bottom: 62 } as const
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right

export const COLOR = {
  ink: '#1d2733',
  muted: '#5b6673',
  faint: '#8a94a0',
  rule: '#c9d1da',
  accent: '#1f5f7a',
  accentSoft: '#e8f1f5',
  refused: '#b3261e',
  refusedSoft: '#fbe9e7',
  unknown: '#8a5a00',
  unknownSoft: '#fff4d6',
  granted: '#2e7d32',
  zebra: '#f5f7f9',
} as const

/** Font names registered in every document. */
export const F = { regular: 'regular', bold: 'bold', italic: 'italic' } as const

/** An A4 document with the fonts registered and pages buffered, so the footer can count them. */
export function createDocument(options: FrameOptions): Doc {
  const doc = new (pdfKit())({
    size: 'A4',
    margins: { ...MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    // No default font: pdfkit then never loads its Helvetica metrics. (Passing our regular TTF here
    // would make every later font('regular') parse the TTF again: pdfkit finds the font by its
    // PostScript name first and never caches it under the registered name.)
    font: null as unknown as string,
    info: { Title: documentLine(options.title), Author: documentLine(options.letterhead.schoolName) || 'Toestemmingsregister', Creator: 'Toestemmingsregister', CreationDate: options.generatedAt },
    lang: 'nl-NL',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions)
  cleanText(doc)
  doc.registerFont(F.regular, options.fonts.regular)
  doc.registerFont(F.bold, options.fonts.bold)
  doc.registerFont(F.italic, options.fonts.italic)
  doc.font(F.regular)
  if (!options.ownHeader) {
    const logo = openLogo(doc, options.letterhead.logo)
    doc.on('pageAdded', () => {
      drawLetterhead(doc, options.letterhead.schoolName, options.title, logo)
      doc.x = MARGIN.left
      doc.y = MARGIN.top
    })
  }
  return doc
}

/**
 * Every string drawn or measured loses its control and bidi characters first (names stored before
 * input refused them, or from a restored file): no reversed names, no line that jumps a row.
 */
function cleanText(doc: Doc): void {
  const text = doc.text.bind(doc) as (...args: unknown[]) => Doc
  const widthOf = doc.widthOfString.bind(doc)
  const heightOf = doc.heightOfString.bind(doc)
  const clean = (t: unknown): unknown => (typeof t === 'string' ? documentText(t) : t)
  doc.text = ((t: unknown, ...rest: unknown[]) => text(clean(t), ...rest)) as Doc['text']
  doc.widthOfString = ((t: string, o?: PDFKit.Mixins.TextOptions) => widthOf(documentText(t), o)) as Doc['widthOfString']
  doc.heightOfString = ((t: string, o?: PDFKit.Mixins.TextOptions) => heightOf(documentText(t), o)) as Doc['heightOfString']
}

type PdfImage = unknown

/** The logo opened once per document, so every page refers to the same embedded image. */
export function openLogo(doc: Doc, logo: Buffer | null | undefined): PdfImage | undefined {
  if (!logo) return undefined
  try {
    return (doc as unknown as { openImage(src: Buffer): PdfImage }).openImage(logo)
  } catch {
    return undefined // checked at upload; a logo that still fails is left off rather than failing the list
  }
}

/** Draws the logo (if any) inside the box, keeping its proportions; returns the width used. */
export function drawLogo(doc: Doc, logo: PdfImage | undefined, x: number, y: number, maxWidth: number, maxHeight: number): number {
  if (!logo) return 0
  const img = logo as { width: number; height: number }
  const scale = Math.min(maxWidth / img.width, maxHeight / img.height)
  const width = img.width * scale
  doc.image(logo as Buffer, x, y + (maxHeight - img.height * scale) / 2, { width, height: img.height * scale })
  return width
}

function drawLetterhead(doc: Doc, schoolName: string, title: string, logo: PdfImage | undefined): void {
  const top = 34
  const logoWidth = drawLogo(doc, logo, MARGIN.left, top, 110, 38)
  const textX = MARGIN.left + (logoWidth > 0 ? logoWidth + 12 : 0)
  const right = PAGE.width - MARGIN.right
  doc.font(F.regular).fontSize(9).fillColor(COLOR.muted)
  const titleWidth = Math.min(doc.widthOfString(documentLine(title)), 200)
  fitLine(doc, title, right - titleWidth, top + 8, titleWidth, 'right')
  // The school's name gets all the room the title leaves, and a second line when it needs one.
  doc.font(F.bold).fontSize(13).fillColor(COLOR.ink)
  const nameWidth = right - titleWidth - 16 - textX
  const nameHeight = doc.heightOfString(documentLine(schoolName || 'Naam van de school'), { width: nameWidth })
  fitLine(doc, schoolName || 'Naam van de school', textX, nameHeight > 20 ? top - 2 : top + 4, nameWidth, 'left', 0.8)
  doc
    .moveTo(MARGIN.left, top + 46)
    .lineTo(right, top + 46)
    .lineWidth(1.2)
    .strokeColor(COLOR.accent)
    .stroke()
}

/** Writes the footer on every page (now that the number of pages is known) and returns the bytes. */
export function finish(doc: Doc, options: FrameOptions): Promise<{ pdf: Buffer; pages: number }> {
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const { start, count } = doc.bufferedPageRange()
  const made = `Gemaakt op ${formatPrintedMoment(options.generatedAt)}${options.madeBy ? ` door ${options.madeBy}` : ''}`
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    drawFooter(doc, i - start, count, made, options)
  }
  doc.end()
  return done.then((pdf) => ({ pdf, pages: count }))
}

function drawFooter(doc: Doc, index: number, count: number, made: string, options: FrameOptions): void {
  const y = PAGE.height - 44
  // Text below the bottom margin would start a new page: lift the margin while writing here.
  const bottom = doc.page.margins.bottom
  doc.page.margins.bottom = 0
  doc
    .moveTo(MARGIN.left, y - 6)
    .lineTo(PAGE.width - MARGIN.right, y - 6)
    .lineWidth(0.5)
    .strokeColor(COLOR.rule)
    .stroke()
  const left = [options.confidential ? (options.confidentialText ?? 'Vertrouwelijk: bevat persoonsgegevens. Vernietigen na gebruik.') : '', options.footerNote?.(index) ?? ''].filter(Boolean).join('  ·  ')
  doc.font(F.regular).fontSize(7.5).fillColor(COLOR.muted)
  const right = `${made}  ·  pagina ${index + 1} van ${count}`
  const rightWidth = Math.min(doc.widthOfString(right), CONTENT_WIDTH / 2)
  fitLine(doc, right, PAGE.width - MARGIN.right - rightWidth, y, rightWidth, 'right')
  if (left) {
    doc
      .font(options.confidential ? F.bold : F.regular)
      .fontSize(7.5)
      .fillColor(options.confidential ? COLOR.refused : COLOR.muted)
    fitLine(doc, left, MARGIN.left, y, CONTENT_WIDTH - rightWidth - 12, 'left', 0.85)
  }
  doc.page.margins.bottom = bottom
}

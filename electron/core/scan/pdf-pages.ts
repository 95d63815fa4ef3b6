// A PDF's pages drawn by pdf.js, in whichever thread reads them: the pages that are not one plain
// picture (a JBIG2 picture, an image mask, several pictures, text and lines of a born-digital PDF).
// The page readers (page-worker.ts) draw them side by side, so the core's thread stays free. The
// file's bytes lie in memory the threads share (input.ts readShared); each thread opens the file in
// its own pdf.js once, from its own copy of them (pdf.js takes over what it is given, and cannot take
// shared memory), and keeps it until the core says the file's pages are done (forgetPdf). Opening a file (its page count, a password) is
// done in a reader too, so the core's thread need not load pdf.js at all (about 160 ms of its own).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../attachments/image-size.ts'
import { canvas, pdfJs } from '../libraries.ts'

/** Rendered PDF pages: 150 dpi. */
const RENDER_SCALE = 150 / 72

/** A page of a PDF for pdf.js to draw: `file` names the open file, `bytes` is the whole file in shared memory. */
export interface PdfPage {
  kind: 'pdfPage'
  file: string
  bytes: Uint8Array
  /** 0-based. */
  page: number
}

type PdfJs = Awaited<ReturnType<typeof pdfJs>>
type LoadingTask = ReturnType<PdfJs['getDocument']>
export type PdfDocument = Awaited<LoadingTask['promise']>

/** Drawn pixels, four channels. */
export interface Rgba {
  raw: Uint8ClampedArray
  width: number
  height: number
}

const pdfjsDir = (): string => dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))

/** Opens a PDF with the reader's settings (no fonts from the system, no picture over the caps); `data` is taken over by pdf.js. */
export async function loadPdf(data: Uint8Array): Promise<LoadingTask> {
  const pdfjs = await pdfJs()
  return pdfjs.getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    wasmUrl: join(pdfjsDir(), 'wasm') + '/',
    standardFontDataUrl: join(pdfjsDir(), 'standard_fonts') + '/',
    verbosity: 0,
  })
}

/** Page i (0-based) of an open document drawn at 150 dpi on white. */
export async function drawPage(doc: PdfDocument, i: number): Promise<Rgba> {
  const page = await doc.getPage(i + 1)
  try {
    const viewport = page.getViewport({ scale: RENDER_SCALE })
    const width = Math.min(MAX_IMAGE_SIDE, Math.ceil(viewport.width))
    const height = Math.min(MAX_IMAGE_SIDE, Math.ceil(viewport.height))
    const c = canvas().createCanvas(width, height)
    const context = c.getContext('2d')
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, width, height)
    await page.render({ canvas: c as never, canvasContext: context as never, viewport }).promise
    return { raw: context.getImageData(0, 0, width, height).data, width, height }
  } finally {
    page.cleanup()
  }
}

interface Open {
  doc: Promise<PdfDocument>
  /** Pages being drawn now. */
  drawing: number
  close: () => Promise<void>
}

const open = new Map<string, Open>()

/** Closes the file in this thread, if it is open here. */
export async function forgetPdf(file: string): Promise<void> {
  const entry = open.get(file)
  open.delete(file)
  await entry?.close().catch(() => undefined)
}

function opened(source: PdfPage): Open {
  const known = open.get(source.file)
  if (known) return known
  const task = loadPdf(new Uint8Array(source.bytes))
  const entry: Open = {
    doc: task.then((t) => t.promise),
    drawing: 0,
    close: () => task.then((t) => t.destroy()),
  }
  open.set(source.file, entry)
  return entry
}

/** What opening a PDF found: its page count, or why it cannot be read. */
export type PdfOpening = { pages: number } | { problem: 'password' | 'broken' }

/** Opens the file in this thread's pdf.js (kept for its pages to come) and counts its pages. */
export async function openPdf(file: string, bytes: Uint8Array): Promise<PdfOpening> {
  try {
    return { pages: (await opened({ kind: 'pdfPage', file, bytes, page: 0 }).doc).numPages }
  } catch (e) {
    await forgetPdf(file)
    return { problem: (e as Error).name === 'PasswordException' ? 'password' : 'broken' }
  }
}

/** The page drawn by this thread's pdf.js; undefined when pdf.js cannot draw it. */
export async function drawPdfPage(source: PdfPage): Promise<Rgba | undefined> {
  const entry = opened(source)
  entry.drawing++
  try {
    return await drawPage(await entry.doc, source.page)
  } catch {
    return undefined
  } finally {
    entry.drawing--
  }
}

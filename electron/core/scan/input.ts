// The pages of a scan as offices have them: a multi-page PDF from the copier, a folder's JPEG, PNG
// or TIFF pages, or a phone photo. Each page comes out as grey pixels at about 150 dpi (enough for
// the boxes, small enough to be quick). Every file is hostile: its size is checked before it is
// read, an image's pixel count before it is decoded, and a PDF with a password is not opened.
// A file is read once into shared memory: a page's bytes (a copier's JPEG, a picture file) go to
// the page readers' threads (pool.ts) without a copy, and are decoded there (decodePage); a PDF page
// that needs pdf.js is drawn there too, by the reader's own pdf.js (pdf-pages.ts).
import { randomUUID } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../attachments/image-size.ts'
import { sharpImages } from '../libraries.ts'
import { faxTiff } from './fax-image.ts'
import { flatePixels } from './flate-image.ts'
import { drawPdfPage, forgetPdf, openPdf, type PdfOpening, type PdfPage } from './pdf-pages.ts'
import { singlePicturePages, type FaxPicture, type FlatePicture } from './pdf-images.ts'
import type { Gray } from './pixels.ts'

/** A copier's 500-page colour scan at 300 dpi stays under this; a bigger file is refused unread. */
export const MAX_SCAN_BYTES = 200 * 1024 * 1024
/** The long side of a page as the reader works on it: A4 at about 150 dpi. */
const WORK_SIDE = 1760
/**
 * A page as it is handed to a reader: its encoded bytes or a PDF's Flate or CCITT picture, a PDF
 * page for the reader's pdf.js to draw, or pixels (all turned into grey pixels by decodePage).
 */
export type PageSource = { kind: 'encoded'; bytes: Uint8Array; page: number; fromPdf: boolean } | { kind: 'flate'; picture: FlatePicture } | { kind: 'fax'; picture: FaxPicture } | PdfPage | { kind: 'pixels'; gray: Gray }

export interface ScanFile {
  name: string
  pages: number
  /** Page i (0-based) as a reader takes it; a PDF page that is not one plain picture goes to the reader's pdf.js. */
  source(i: number): Promise<PageSource>
  /** A PDF's name in pdf.js's threads (pdf-pages.ts): once its pages are read, the readers are told to let it go. */
  pdfFile?: string
  /** Page i for pdf.js to draw: for a PDF's picture that could not be decoded as it is; undefined for a picture file. */
  drawn?(i: number): PdfPage
  /** Page i as grey pixels, decoded in this thread (the page given to a pupil by hand). */
  page(i: number): Promise<Gray>
  close(): Promise<void>
}

export class ScanInputProblem extends Error {}

const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`

/**
 * Grey pixels, the long side at most WORK_SIDE, turned upright by the photo's own orientation tag.
 * Shrunk first, in colour, and made grey after: sharp makes a picture grey before it shrinks it,
 * and then cannot shrink a JPEG while decoding it (a 300 dpi page took three times as long).
 */
async function toGray(input: Buffer | { raw: Buffer | Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 1 | 2 | 3 | 4 }, page?: number): Promise<Gray> {
  const sharp = sharpImages()
  const img = Buffer.isBuffer(input)
    ? sharp(input, { page: page ?? 0, limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated' }).rotate()
    : sharp(Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength), { raw: { width: input.width, height: input.height, channels: input.channels } })
  const small = await img.flatten({ background: '#ffffff' }).resize({ width: WORK_SIDE, height: WORK_SIDE, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true })
  const { data, info } =
    small.info.channels === 1
      ? small
      : await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
          .flatten({ background: '#ffffff' })
          .greyscale()
          .raw()
          .toBuffer({ resolveWithObject: true })
  if (info.channels !== 1) throw new ScanInputProblem('channels')
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height }
}

/**
 * A page's pixels from its bytes; undefined when they cannot be decoded. A PDF's JPEG too large
 * for the caps is left undecoded too: pdf.js draws that page at 150 dpi instead.
 */
export async function decodePage(source: PageSource): Promise<Gray | undefined> {
  if (source.kind === 'pixels') return source.gray
  if (source.kind === 'pdfPage') {
    const drawn = await drawPdfPage(source)
    return drawn ? toGray({ raw: drawn.raw, width: drawn.width, height: drawn.height, channels: 4 }).catch(() => undefined) : undefined
  }
  if (source.kind === 'fax') {
    const tiff = faxTiff(source.picture)
    return tiff ? toGray(tiff).catch(() => undefined) : undefined
  }
  if (source.kind === 'flate') {
    const raw = flatePixels(source.picture)
    return raw ? toGray({ raw: raw.data, width: raw.width, height: raw.height, channels: raw.channels }).catch(() => undefined) : undefined
  }
  const bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)
  if (source.fromPdf) {
    const size = await sharpImages()(bytes)
      .metadata()
      .catch(() => undefined)
    if (!size?.width || !size.height || size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE || size.width * size.height > MAX_IMAGE_PIXELS) return undefined
  }
  return toGray(bytes, source.page).catch(() => undefined)
}

async function decoded(file: ScanFile, i: number): Promise<Gray> {
  const source = await file.source(i)
  const gray = (await decodePage(source)) ?? (file.drawn && source.kind !== 'pdfPage' ? await decodePage(file.drawn(i)) : undefined)
  if (!gray) throw new ScanInputProblem(`${file.name}: pagina ${i + 1} is niet te lezen.`)
  return gray
}

async function imageFile(name: string, bytes: Buffer): Promise<ScanFile> {
  const meta = await sharpImages()(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined)
  if (!meta?.width || !meta.height)
    throw new ScanInputProblem(`${name} is geen afbeelding die het programma kan lezen (JPEG, PNG of TIFF) of is beschadigd. Er is niets gelezen of opgeslagen. Scan de pagina opnieuw, of sla haar op als JPEG of PDF.`)
  const height = meta.pageHeight ?? meta.height
  if (meta.width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || meta.width * height > MAX_IMAGE_PIXELS) {
    throw new ScanInputProblem(`${name} is te groot om te lezen (${meta.width} x ${height} pixels; de grens is 40 megapixel). Er is niets gelezen of opgeslagen. Scan op 300 dpi of minder.`)
  }
  const file: ScanFile = {
    name,
    pages: meta.pages ?? 1,
    source: async (i) => ({ kind: 'encoded', bytes, page: i, fromPdf: false }),
    page: (i) => decoded(file, i),
    close: async () => undefined,
  }
  return file
}

/** Opens a PDF and counts its pages: in this thread's pdf.js, or in a page reader's (pool.ts). */
export type PdfOpener = (file: string, bytes: Uint8Array) => Promise<PdfOpening>

async function pdfFile(name: string, bytes: Buffer, opener: PdfOpener): Promise<ScanFile> {
  // The name pdf.js's pages of this file go by in every thread that opens it.
  const key = randomUUID()
  const opening = await opener(key, bytes)
  if ('problem' in opening) {
    if (opening.problem === 'password') {
      throw new ScanInputProblem(
        `${name} is beveiligd met een wachtwoord; het programma opent zo'n PDF niet. Er is niets gelezen of opgeslagen. Scan de formulieren opnieuw zonder beveiliging, of sla de PDF op zonder wachtwoord.`,
      )
    }
    throw new ScanInputProblem(`${name} is geen PDF die het programma kan lezen, of is beschadigd. Er is niets gelezen of opgeslagen. Scan de formulieren opnieuw.`)
  }
  // A page that is one picture and nothing else goes to sharp as it is (see pdf-images.ts).
  const pictures = singlePicturePages(bytes)
  const direct = pictures?.length === opening.pages ? pictures : []
  const drawn = (i: number): PdfPage => ({ kind: 'pdfPage', file: key, bytes, page: i })
  const file: ScanFile = {
    name,
    pages: opening.pages,
    source: async (i) => {
      const picture = direct[i]
      if (picture?.kind === 'jpeg') return { kind: 'encoded', bytes: picture.bytes, page: 0, fromPdf: true }
      if (picture?.kind === 'flate') return { kind: 'flate', picture }
      if (picture?.kind === 'fax') return { kind: 'fax', picture }
      return drawn(i)
    },
    drawn,
    pdfFile: key,
    page: (i) => decoded(file, i),
    // What this thread opened of it (a reader's copy goes when the reader ends or another file comes).
    close: () => forgetPdf(key),
  }
  return file
}

/** The file's bytes (up to `size`, its size when it was checked) in memory the page readers' threads share. */
function readShared(path: string, size: number): Buffer {
  const bytes = Buffer.from(new SharedArrayBuffer(size))
  const fd = openSync(path, 'r')
  try {
    let at = 0
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at)
      if (n === 0) break
      at += n
    }
    return bytes.subarray(0, at)
  } finally {
    closeSync(fd)
  }
}

/**
 * Opens one file of the input; a file that cannot be read throws a ScanInputProblem with the Dutch
 * reason. A PDF is opened by `opener`: by default in this thread's pdf.js.
 */
export async function openScanFile(name: string, path: string, opener: PdfOpener = openPdf): Promise<ScanFile> {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new ScanInputProblem(`${name} is niet (meer) te openen. Er is niets gelezen of opgeslagen. Kies het bestand opnieuw.`)
  }
  if (size > MAX_SCAN_BYTES) {
    throw new ScanInputProblem(`${name} is te groot om te lezen (${MB(size)}; de grens is ${MB(MAX_SCAN_BYTES)}). Er is niets gelezen of opgeslagen. Scan de formulieren in delen, bijvoorbeeld per groep, of op 200 dpi.`)
  }
  if (size === 0) throw new ScanInputProblem(`${name} is leeg. Er is niets gelezen of opgeslagen. Scan de formulieren opnieuw.`)
  const bytes = readShared(path, size)
  if (bytes.subarray(0, 1024).includes('%PDF-')) return pdfFile(name, bytes, opener)
  return imageFile(name, bytes)
}

// Scans whose pages only pdf.js can draw, as the reader meets them: a black-and-white copier's
// JBIG2 pages ('high compression' on Xerox, Ricoh, Canon, Konica Minolta), pages written as an image
// mask, and a born-digital PDF (the printed forms themselves: text and lines, no picture).
// Debian packages no JBIG2 encoder (only jbig2dec, a decoder), so the JBIG2 pages are made this way:
// libtiff (through sharp) codes the page as CCITT Group 4, which is the MMR coding JBIG2's generic
// region uses (ITU T.88 6.2.6), and the coded page goes into a JBIG2 embedded stream of two
// segments: page information and an immediate lossless generic region with MMR on. pdf.js's
// jbig2.wasm draws these pages cleanly; poppler's own decoder (22.12) draws stray bars on them (so the
// tests read them with pdf.js only). Copiers' JBIG2 more often uses symbol dictionaries.
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { parseFormQr } from '../../electron/core/documents/consent-form-layout.ts'
import { layoutOf, markSheet, prng, rasterise, readPgm, type ExpectedPage, type Round } from './corpus.ts'

export type DrawnKind = 'jbig2' | 'mask'

const A4 = { width: 595.28, height: 841.89 }

/** One picture filling an A4 page: its image dictionary (without /Length) and its coded bytes. */
export interface PagePicture {
  dict: string
  data: Buffer
  /** Content operators before the picture is drawn (a mask's colour). */
  before?: string
}

/** A JBIG2 segment header: number, type, no referred segments, on page 1, then its data. */
function segment(n: number, type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(11)
  head.writeUInt32BE(n, 0)
  head[4] = type
  head[5] = 0
  head[6] = 1
  head.writeUInt32BE(data.length, 7)
  return Buffer.concat([head, data])
}

/** The one strip of a TIFF that libtiff wrote with one strip for the whole page. */
function onlyStrip(tiff: Buffer): Buffer {
  const ifd = tiff.readUInt32LE(4)
  const value = (tag: number): number => {
    for (let i = 0; i < tiff.readUInt16LE(ifd); i++) if (tiff.readUInt16LE(ifd + 2 + i * 12) === tag) return tiff.readUInt32LE(ifd + 2 + i * 12 + 8)
    throw new Error(`no TIFF tag ${tag}`)
  }
  if (value(259) !== 4) throw new Error('not Group 4')
  return tiff.subarray(value(273), value(273) + value(279))
}

/** A black-and-white page (grey pixels, ink below 160) as a JBIG2 picture. */
export async function jbig2Picture(grey: Uint8Array, width: number, height: number): Promise<PagePicture> {
  // libtiff codes a pixel of 255 as a black run; in JBIG2 a 1 is ink: ink goes in as 255.
  const ink = Buffer.alloc(width * height)
  for (let i = 0; i < ink.length; i++) ink[i] = (grey[i] as number) < 160 ? 255 : 0
  const tiff = await sharp(ink, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: Math.ceil(height / 16) * 16 })
    .toBuffer()
  const mmr = onlyStrip(tiff)
  const pageInfo = Buffer.alloc(19)
  pageInfo.writeUInt32BE(width, 0)
  pageInfo.writeUInt32BE(height, 4)
  const region = Buffer.alloc(18)
  region.writeUInt32BE(width, 0)
  region.writeUInt32BE(height, 4)
  region[17] = 1 // MMR
  // No end-of-page segment: PDF leaves it out of an embedded stream (ISO 32000-1, 7.4.7).
  const data = Buffer.concat([segment(0, 48, pageInfo), segment(1, 39, Buffer.concat([region, mmr]))])
  return { dict: `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode`, data }
}

/** A black-and-white page as an image mask painted in black (a 0 bit is ink). */
export function maskPicture(grey: Uint8Array, width: number, height: number): PagePicture {
  const rowBytes = Math.ceil(width / 8)
  const bits = Buffer.alloc(rowBytes * height, 0xff)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((grey[y * width + x] as number) < 160) bits[y * rowBytes + (x >> 3)] = (bits[y * rowBytes + (x >> 3)] as number) & ~(0x80 >> (x & 7))
  return { dict: `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ImageMask true /BitsPerComponent 1 /Filter /FlateDecode`, data: deflateSync(bits), before: '0 g ' }
}

/** A PDF of A4 pages, each its one picture, written plainly (as a copier does). */
export function picturePdf(pictures: PagePicture[]): Buffer {
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>', '']
  const kids: number[] = []
  for (const p of pictures) {
    const image = objects.push(Buffer.concat([Buffer.from(`<< ${p.dict} /Length ${p.data.length} >>\nstream\n`, 'latin1'), p.data, Buffer.from('\nendstream', 'latin1')]))
    const content = `${p.before ?? ''}q ${A4.width} 0 0 ${A4.height} 0 0 cm /Im1 Do Q\n`
    const contents = objects.push(`<< /Length ${content.length} >>\nstream\n${content}endstream`)
    kids.push(objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /XObject << /Im1 ${image} 0 R >> >> /Contents ${contents} 0 R >>`))
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let at = (parts[0] as Buffer).length
  for (const [i, o] of objects.entries()) {
    offsets.push(at)
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')])
    parts.push(b)
    at += b.length
  }
  const xref = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

export interface DrawnScan {
  pdf: Buffer
  expected: ExpectedPage[]
}

/**
 * `count` marked pages of the round (its forms in turn, from the start again when there are more
 * pages than forms) at `dpi`, made black and white, each page of the kind `kinds` gives it in turn.
 */
export async function drawnScan(round: Round, dir: string, count: number, kinds: DrawnKind[], seed: number, dpi = 200): Promise<DrawnScan> {
  const r = prng(seed)
  const forms = round.pupilByCode.size
  const rendered: { png: string; qr: string }[] = []
  while (rendered.length < count) {
    const start = (rendered.length % forms) + 1
    const last = Math.min(forms, start + (count - rendered.length) - 1)
    rendered.push(...rasterise(round.pdf, join(dir, `r${start}`), dpi, start, last))
  }
  const pictures: PagePicture[] = []
  const expected: ExpectedPage[] = []
  for (const [i, p] of rendered.entries()) {
    const marking = markSheet(r, layoutOf(round.core, p.qr), dpi / 72)
    const pgm = readPgm(p.png)
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${pgm.width}" height="${pgm.height}">${marking.svg}</svg>`)
    const marked = await sharp(pgm.data, { raw: { width: pgm.width, height: pgm.height, channels: 1 } })
      .composite([{ input: svg, blend: 'multiply' }])
      .extractChannel(0)
      .raw()
      .toBuffer()
    const kind = kinds[i % kinds.length] as DrawnKind
    pictures.push(kind === 'jbig2' ? await jbig2Picture(marked, pgm.width, pgm.height) : maskPicture(marked, pgm.width, pgm.height))
    const code = parseFormQr(p.qr)?.code ?? ''
    expected.push({ code, pupilId: round.pupilByCode.get(code) ?? 0, upsideDown: false, ...marking.expected })
  }
  return { pdf: picturePdf(pictures), expected }
}

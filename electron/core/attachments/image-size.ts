// The pixel size of a PNG or JPEG, read from its header bytes before anything decodes the picture,
// and the caps a logo or a scan must stay under. A 1.5 MB PNG can claim 20,000 x 20,000 pixels:
// decoded, that is 1.6 GB. A header that is cut off or that lies about what follows is damaged.
import { Unzlib } from 'fflate'

/** A scan of an A4 page at 600 dpi is 4,960 x 7,016 (35 million pixels). */
export const MAX_IMAGE_SIDE = 10_000
export const MAX_IMAGE_PIXELS = 40_000_000

export interface ImageSize {
  width: number
  height: number
}

export type ImageCheck = { ok: true; size: ImageSize } | { ok: false; problem: 'damaged' } | { ok: false; problem: 'too_big'; size: ImageSize }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

interface PngHeader extends ImageSize {
  bitDepth: number
  colorType: number
  interlaced: boolean
  data: Uint8Array[]
}

const u32 = (b: Uint8Array, at: number): number => (((b[at] as number) << 24) >>> 0) + ((b[at + 1] as number) << 16) + ((b[at + 2] as number) << 8) + (b[at + 3] as number)
const u16 = (b: Uint8Array, at: number): number => ((b[at] as number) << 8) + (b[at + 1] as number)
const chunkType = (b: Uint8Array, at: number): string => String.fromCharCode(b[at] as number, b[at + 1] as number, b[at + 2] as number, b[at + 3] as number)

/** IHDR first, then every chunk whole up to IEND; undefined when the file is cut off or malformed. */
function readPng(b: Uint8Array): PngHeader | undefined {
  if (b.length < 33 || !PNG_SIGNATURE.every((x, i) => b[i] === x)) return undefined
  if (u32(b, 8) !== 13 || chunkType(b, 12) !== 'IHDR') return undefined
  const header: PngHeader = { width: u32(b, 16), height: u32(b, 20), bitDepth: b[24] as number, colorType: b[25] as number, interlaced: b[28] === 1, data: [] }
  if (header.width === 0 || header.height === 0 || header.width > 0x7fffffff || header.height > 0x7fffffff) return undefined
  for (let at = 33; ;) {
    if (at + 12 > b.length) return undefined // no IEND: cut off
    const length = u32(b, at)
    const type = chunkType(b, at + 4)
    if (at + 12 + length > b.length) return undefined
    if (type === 'IDAT') header.data.push(b.subarray(at + 8, at + 8 + length))
    if (type === 'IEND') return header
    at += 12 + length
  }
}

/** The frame header (SOF) of a JPEG, walking its segments; undefined when there is none before the data. */
function readJpeg(b: Uint8Array): ImageSize | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined
  let at = 2
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined
    const marker = b[at + 1] as number
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2 // markers without a length
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return undefined // end, or image data before any frame header
    const length = u16(b, at + 2)
    if (length < 2 || at + 2 + length > b.length) return undefined
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) {
      if (length < 8) return undefined
      const size = { height: u16(b, at + 5), width: u16(b, at + 7) }
      return size.width === 0 || size.height === 0 ? undefined : size
    }
    at += 2 + length
  }
  return undefined
}

const tooBig = (s: ImageSize): boolean => s.width > MAX_IMAGE_SIDE || s.height > MAX_IMAGE_SIDE || s.width * s.height > MAX_IMAGE_PIXELS

/** Bytes the pixel data of a PNG of this size can unpack to (Adam7 passes add at most a little). */
function pngDataLimit(h: PngHeader): number {
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[h.colorType] ?? 4
  const row = 1 + Math.ceil((h.width * channels * h.bitDepth) / 8)
  return (h.interlaced ? 2 : 1) * row * h.height + 1024
}

/** Unpacks the pixel data only to count it (nothing is kept): more than the header allows is a lie. */
function pngDataFits(h: PngHeader): boolean {
  const limit = pngDataLimit(h)
  let out = 0
  let over = false
  const unzlib = new Unzlib((chunk) => {
    out += chunk.length
    if (out > limit) over = true
  })
  try {
    for (const part of h.data) {
      for (let at = 0; at < part.length; at += 16 * 1024) {
        unzlib.push(part.subarray(at, at + 16 * 1024))
        if (over) return false
      }
    }
    unzlib.push(new Uint8Array(0), true)
  } catch {
    return false
  }
  return !over && out > 0
}

/**
 * Checks a PNG or JPEG (its type already known from its first bytes) by its header. With `pixels`,
 * a PNG's pixel data is also unpacked and counted: for a picture this program decodes itself (the
 * logo, drawn by pdfkit); a scan is only stored and shown.
 */
export function checkImage(bytes: Uint8Array, type: 'image/png' | 'image/jpeg', options: { pixels?: boolean } = {}): ImageCheck {
  if (type === 'image/jpeg') {
    const size = readJpeg(bytes)
    if (!size) return { ok: false, problem: 'damaged' }
    return tooBig(size) ? { ok: false, problem: 'too_big', size } : { ok: true, size }
  }
  const png = readPng(bytes)
  if (!png) return { ok: false, problem: 'damaged' }
  const size = { width: png.width, height: png.height }
  if (tooBig(size)) return { ok: false, problem: 'too_big', size }
  if (options.pixels && !pngDataFits(png)) return { ok: false, problem: 'damaged' }
  return { ok: true, size }
}

/** '20.000 x 20.000 pixels' */
export const describeSize = (s: ImageSize): string => `${s.width.toLocaleString('nl-NL')} x ${s.height.toLocaleString('nl-NL')} pixels`

// A copier's Flate picture (pdf-images.ts) unpacked to pixels without pdf.js: inflated with a cap
// of exactly the size its description gives, its rows undone from the PNG predictor they were
// written with, and a black-and-white page spread from 1 bit to 8 bits a pixel. Undefined when the
// bytes do not make the picture they claim to be (pdf.js then draws the page).
import { inflateSync } from 'node:zlib'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../attachments/image-size.ts'
import type { FlatePicture } from './pdf-images.ts'

export interface RawPixels {
  data: Uint8Array
  width: number
  height: number
  channels: 1 | 3
}

/** Undoes the PNG predictor row by row; each row is one filter byte and `rowBytes` bytes. */
function unpredict(src: Uint8Array, rowBytes: number, height: number, bpp: number): Uint8Array | undefined {
  const out = new Uint8Array(rowBytes * height)
  for (let y = 0; y < height; y++) {
    const filter = src[y * (rowBytes + 1)] as number
    const from = y * (rowBytes + 1) + 1
    const at = y * rowBytes
    const up = at - rowBytes
    for (let x = 0; x < rowBytes; x++) {
      const raw = src[from + x] as number
      const left = x >= bpp ? (out[at + x - bpp] as number) : 0
      const above = y > 0 ? (out[up + x] as number) : 0
      const corner = y > 0 && x >= bpp ? (out[up + x - bpp] as number) : 0
      let v: number
      if (filter === 0) v = raw
      else if (filter === 1) v = raw + left
      else if (filter === 2) v = raw + above
      else if (filter === 3) v = raw + ((left + above) >> 1)
      else if (filter === 4) {
        const p = left + above - corner
        const pa = Math.abs(p - left)
        const pb = Math.abs(p - above)
        const pc = Math.abs(p - corner)
        v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? above : corner)
      } else return undefined
      out[at + x] = v & 0xff
    }
  }
  return out
}

/** The picture's pixels, 8 bits per channel, dark as dark; undefined when the bytes do not fit the description. */
export function flatePixels(picture: FlatePicture): RawPixels | undefined {
  const { width, height, bits, channels, predictor, inverted } = picture
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) return undefined
  const rowBytes = bits === 1 ? Math.ceil(width / 8) : width * channels
  const predicted = predictor >= 10
  const size = (rowBytes + (predicted ? 1 : 0)) * height
  let inflated: Uint8Array
  try {
    inflated = inflateSync(picture.bytes, { maxOutputLength: size })
  } catch {
    return undefined
  }
  if (inflated.length < size) return undefined
  const rows = predicted ? unpredict(inflated, rowBytes, height, bits === 1 ? 1 : channels) : inflated
  if (!rows) return undefined
  if (bits === 8) {
    if (inverted) for (let i = 0; i < rows.length; i++) rows[i] = 255 - (rows[i] as number)
    return { data: rows, width, height, channels }
  }
  // 1 bit a pixel, the first pixel in the high bit: 1 is white (0 with /Decode [1 0]).
  const data = new Uint8Array(width * height)
  const one = inverted ? 0 : 255
  const zero = 255 - one
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes
    const at = y * width
    for (let x = 0; x < width; x++) data[at + x] = ((rows[row + (x >> 3)] as number) >> (7 - (x & 7))) & 1 ? one : zero
  }
  return { data, width, height, channels: 1 }
}

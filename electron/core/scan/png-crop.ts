// Cuts rectangles out of a straightened page (a PNG the reader wrote) for the review screen: a
// purpose's row or a signature line, as a small PNG of its own. Decodes 8-bit PNGs (grey, grey
// with alpha, RGB, RGBA, palette), non-interlaced, with node:zlib; anything else gets no picture.
import { crc32, deflateSync, inflateSync } from 'node:zlib'
import type { FormRect } from '../../../shared/scan.ts'

export interface Pixels {
  width: number
  height: number
  /** Bytes per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4
  data: Uint8Array
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const CHANNELS: Record<number, 1 | 2 | 3 | 4> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** The pixels of an 8-bit, non-interlaced PNG; undefined for any other kind (or a damaged file). */
export function decodePng(bytes: Uint8Array): Pixels | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE)) return undefined
  const width = b.readUInt32BE(16)
  const height = b.readUInt32BE(20)
  const [bitDepth, colorType, , , interlace] = [b[24], b[25], b[26], b[27], b[28]]
  const inChannels = CHANNELS[colorType ?? -1]
  if (bitDepth !== 8 || interlace !== 0 || !inChannels || width * height > 60_000_000) return undefined
  const idat: Buffer[] = []
  let palette: Buffer | undefined
  for (let at = 8; at + 8 <= b.length; ) {
    const length = b.readUInt32BE(at)
    const type = b.toString('latin1', at + 4, at + 8)
    const body = b.subarray(at + 8, at + 8 + length)
    if (type === 'IDAT') idat.push(body)
    if (type === 'PLTE') palette = body
    if (type === 'IEND') break
    at += 12 + length
  }
  let raw: Buffer
  try {
    raw = inflateSync(Buffer.concat(idat))
  } catch {
    return undefined
  }
  const stride = width * inChannels
  if (raw.length < (stride + 1) * height) return undefined
  const out = new Uint8Array(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const src = y * (stride + 1) + 1
    const row = y * stride
    for (let x = 0; x < stride; x++) {
      const a = x >= inChannels ? (out[row + x - inChannels] as number) : 0
      const up = y > 0 ? (out[row - stride + x] as number) : 0
      const c = x >= inChannels && y > 0 ? (out[row - stride + x - inChannels] as number) : 0
      const v = raw[src + x] as number
      out[row + x] = (filter === 1 ? v + a : filter === 2 ? v + up : filter === 3 ? v + ((a + up) >> 1) : filter === 4 ? v + paeth(a, up, c) : v) & 0xff
    }
  }
  if (colorType !== 3) return { width, height, channels: inChannels, data: out }
  if (!palette) return undefined
  const rgb = new Uint8Array(width * height * 3)
  for (let i = 0; i < width * height; i++) rgb.set(palette.subarray((out[i] as number) * 3, (out[i] as number) * 3 + 3), i * 3)
  return { width, height, channels: 3, data: rgb }
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  out.set(data, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

export function encodePng(p: Pixels): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(p.width, 0)
  header.writeUInt32BE(p.height, 4)
  header.set([8, { 1: 0, 2: 4, 3: 2, 4: 6 }[p.channels], 0, 0, 0], 8)
  const stride = p.width * p.channels
  const raw = Buffer.alloc((stride + 1) * p.height)
  for (let y = 0; y < p.height; y++) raw.set(p.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))])
}

/** The part of the page under `rect` (PDF points × scale pixels per point), with a margin, kept inside the page. */
export function cropPixels(page: Pixels, rect: FormRect, scale: number, marginPoints = 3): Pixels | undefined {
  const left = Math.max(0, Math.floor((rect.x - marginPoints) * scale))
  const top = Math.max(0, Math.floor((rect.y - marginPoints) * scale))
  const right = Math.min(page.width, Math.ceil((rect.x + rect.width + marginPoints) * scale))
  const bottom = Math.min(page.height, Math.ceil((rect.y + rect.height + marginPoints) * scale))
  if (right <= left || bottom <= top) return undefined
  const width = right - left
  const height = bottom - top
  const data = new Uint8Array(width * height * page.channels)
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * page.width + left) * page.channels
    data.set(page.data.subarray(from, from + width * page.channels), y * width * page.channels)
  }
  return { width, height, channels: page.channels, data }
}

export const pngDataUrl = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`

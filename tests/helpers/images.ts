// Pictures that claim to be enormous, made cheaply: a real PNG of 20,000 x 20,000 black pixels
// (its pixel data deflated one block of rows at a time and the blocks joined, so the test never
// holds the 1.2 GB it unpacks to), a PNG whose data unpacks to far more than its header says, and
// a JPEG header naming a frame size.
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

function ihdr(width: number, height: number, colorType: number): Buffer {
  const h = Buffer.alloc(13)
  h.writeUInt32BE(width, 0)
  h.writeUInt32BE(height, 4)
  h.set([8, colorType, 0, 0, 0], 8)
  return chunk('IHDR', h)
}

/** A zlib stream of `total` zero bytes, built from one deflated block repeated. */
function zeros(total: number, block = 4 * 1024 * 1024): Buffer {
  const piece = deflateRawSync(Buffer.alloc(block), { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  const whole = Math.floor(total / block)
  const rest = deflateRawSync(Buffer.alloc(total - whole * block), { level: 9 })
  const adler = Buffer.alloc(4)
  adler.writeUInt32BE((((total % 65521) << 16) >>> 0) + 1) // all zeros: a stays 1, b is the count
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: whole }, () => piece), rest, adler])
}

/** A valid PNG of width x height black pixels (colour type 2 RGB, 6 RGBA). */
export function hugePng(width: number, height: number, colorType: 2 | 6 = 2): Buffer {
  const total = height * (1 + width * (colorType === 6 ? 4 : 3))
  return Buffer.concat([SIGNATURE, ihdr(width, height, colorType), chunk('IDAT', zeros(total)), chunk('IEND', Buffer.alloc(0))])
}

/** A PNG whose header says width x height but whose pixel data unpacks to `unpacked` bytes. */
export function lyingPng(width: number, height: number, unpacked: number): Buffer {
  return Buffer.concat([SIGNATURE, ihdr(width, height, 2), chunk('IDAT', unpacked > 64 * 1024 * 1024 ? zeros(unpacked) : deflateSync(Buffer.alloc(unpacked))), chunk('IEND', Buffer.alloc(0))])
}

/** The start of a JPEG: SOI, an APP0 segment, and a baseline frame header (SOF0) of this size. */
export function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])])
}

// The parts of a workbook, unpacked under the caps of limits.ts before exceljs sees any of them.
// The zip's central directory says where each part is; the sizes it declares are not trusted:
// zlib inflates each part with the cap as its output limit, so it stops there, whatever the zip
// claims, and the XML is then counted (cells, rows, text) before anything parses it.
import { inflateRawSync } from 'node:zlib'
import { LimitError, MAX_CELLS, MAX_PART_BYTES, MAX_PARTS, MAX_ROWS, MAX_UNPACKED_BYTES, REASONS, XmlCounter } from './limits.ts'

/** A zip we cannot follow (broken, encrypted, an unknown compression): the file is damaged. */
export class DamagedZip extends Error {}

interface Entry {
  name: string
  method: number
  compressedSize: number
  localOffset: number
}

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const FULL32 = 0xffffffff

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function u64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true)
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new DamagedZip('zip64 value out of range')
  return Number(n)
}

/** Where the central directory is and how many entries it has. */
function findDirectory(bytes: Uint8Array, v: DataView): { offset: number; count: number } {
  const lowest = Math.max(0, bytes.length - 22 - 65_535)
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (v.getUint32(at, true) !== EOCD) continue
    let count = v.getUint16(at + 10, true)
    let offset = v.getUint32(at + 16, true)
    if ((count === 0xffff || offset === FULL32) && at >= 20 && v.getUint32(at - 20, true) === ZIP64_LOCATOR) {
      const z = u64(v, at - 12)
      if (z + 56 > bytes.length || v.getUint32(z, true) !== ZIP64_EOCD) throw new DamagedZip('zip64 end record missing')
      count = u64(v, z + 32)
      offset = u64(v, z + 48)
    }
    return { offset, count }
  }
  throw new DamagedZip('no end of central directory')
}

/** The zip64 extra field replaces the 32-bit fields that read 0xFFFFFFFF, in this order. */
function zip64Values(v: DataView, extraStart: number, extraEnd: number, wanted: boolean[]): number[] {
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = v.getUint16(at, true)
    const size = v.getUint16(at + 2, true)
    if (id === 0x0001) {
      const out: number[] = []
      let p = at + 4
      for (const w of wanted) {
        if (!w) continue
        if (p + 8 > at + 4 + size) throw new DamagedZip('short zip64 field')
        out.push(u64(v, p))
        p += 8
      }
      return out
    }
    at += 4 + size
  }
  throw new DamagedZip('zip64 field missing')
}

function readDirectory(bytes: Uint8Array): Entry[] {
  const v = view(bytes)
  if (bytes.length < 22) throw new DamagedZip('too short')
  const { offset, count } = findDirectory(bytes, v)
  if (count > MAX_PARTS) throw new LimitError(REASONS.parts())
  const entries: Entry[] = []
  let at = offset
  const names = new TextDecoder()
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== CENTRAL) throw new DamagedZip('central directory entry')
    const flags = v.getUint16(at + 8, true)
    const method = v.getUint16(at + 10, true)
    let compressedSize = v.getUint32(at + 20, true)
    const declaredSize = v.getUint32(at + 24, true)
    const nameLength = v.getUint16(at + 28, true)
    const extraLength = v.getUint16(at + 30, true)
    const commentLength = v.getUint16(at + 32, true)
    let localOffset = v.getUint32(at + 42, true)
    const nameEnd = at + 46 + nameLength
    if (nameEnd + extraLength > bytes.length) throw new DamagedZip('central directory entry')
    if ((flags & 1) !== 0) throw new DamagedZip('encrypted part')
    if (compressedSize === FULL32 || localOffset === FULL32 || declaredSize === FULL32) {
      const wanted = [declaredSize === FULL32, compressedSize === FULL32, localOffset === FULL32]
      const values = zip64Values(v, nameEnd, nameEnd + extraLength, wanted)
      if (wanted[0]) values.shift()
      if (wanted[1]) compressedSize = values.shift() as number
      if (wanted[2]) localOffset = values.shift() as number
    }
    entries.push({ name: names.decode(bytes.subarray(at + 46, nameEnd)), method, compressedSize, localOffset })
    at = nameEnd + extraLength + commentLength
  }
  return entries
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Uint8Array, e: Entry): Uint8Array {
  const v = view(bytes)
  const at = e.localOffset
  if (at + 30 > bytes.length || v.getUint32(at, true) !== LOCAL) throw new DamagedZip('local header')
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true)
  if (start + e.compressedSize > bytes.length) throw new DamagedZip('part runs past the end')
  return bytes.subarray(start, start + e.compressedSize)
}

/** XML that exceljs parses (customXml is someone else's metadata: it never reads it). */
const isXml = (name: string): boolean => /\.(xml|rels|vml)$/i.test(name) && !/^customXml\//i.test(name)
const sheetName = (name: string): string => `het blad ${name.replace(/^.*\//, '').replace(/\.xml$/i, '')}`

/** Every part of the workbook, unpacked and counted; throws LimitError at the first cap it passes. */
export function readWorkbookParts(bytes: Uint8Array): Record<string, Uint8Array> {
  const entries = readDirectory(bytes)
  const parts: Record<string, Uint8Array> = {}
  let unpacked = 0
  let cells = 0
  for (const e of entries) {
    if (e.name.endsWith('/')) continue
    if (e.method !== 0 && e.method !== 8) throw new DamagedZip(`compression ${e.method}`)
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)
    const counter = isXml(e.name)
      ? new XmlCounter(
          () => {
            if (isSheet && ++cells > MAX_CELLS) throw new LimitError(REASONS.cells())
          },
          (rows) => {
            if (isSheet && rows > MAX_ROWS) throw new LimitError(REASONS.rows(sheetName(e.name)))
          },
        )
      : null
    const data = entryData(bytes, e)
    const room = Math.min(MAX_PART_BYTES, MAX_UNPACKED_BYTES - unpacked)
    const tooMuch = (): LimitError => new LimitError(room === MAX_PART_BYTES ? REASONS.partBytes(e.name) : REASONS.unpacked())
    let part: Uint8Array
    if (e.method === 0) {
      if (data.length > room) throw tooMuch()
      part = data
    } else {
      try {
        part = inflateRawSync(data, { maxOutputLength: Math.max(1, room) })
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooMuch()
        throw new DamagedZip('inflate failed')
      }
    }
    unpacked += part.length
    counter?.push(part)
    parts[e.name] = part
  }
  return parts
}

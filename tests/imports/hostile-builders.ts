// Workbooks written by hand for the hostile-file tests: the xlsx XML spelled out, a zip written
// field by field (so its declared sizes can lie, and zip64 records can be tried), and deflate
// streams joined from blocks that each end with a full flush, so a part that unpacks to hundreds
// of MB costs the test a few KB and milliseconds.
import { constants, crc32, deflateRawSync } from 'node:zlib'

export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
export const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** A part's deflated bytes; `size` is what it unpacks to. */
export interface Deflated {
  bytes: Uint8Array
  size: number
  crc: number
}

export const plain = (text: string): Deflated => {
  const raw = Buffer.from(text)
  return { bytes: deflateRawSync(raw), size: raw.length, crc: crc32(raw) }
}

const piece = (s: string, last: boolean, level = 1) => deflateRawSync(Buffer.from(s), { level, finishFlush: last ? constants.Z_FINISH : constants.Z_FULL_FLUSH })

/** head + block x times + tail as one deflate stream: each piece ends with a full flush, so they join. */
export function repeated(head: string, block: string, times: number, tail: string): Deflated {
  const b = piece(block, false, 9)
  const bytes = Buffer.concat([piece(head, false), ...Array.from({ length: times }, () => b), piece(tail, true)])
  let crc = crc32(head)
  for (let i = 0; i < times; i++) crc = crc32(block, crc)
  return { bytes, size: Buffer.byteLength(head) + Buffer.byteLength(block) * times + Buffer.byteLength(tail), crc: crc32(tail, crc) }
}

/** The same with a block that differs each time (row numbers), deflated one block at a time. */
export function blocks(head: string, block: (i: number) => string, times: number, tail: string): Deflated {
  const out = [piece(head, false)]
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail)
  let crc = crc32(head)
  for (let i = 0; i < times; i++) {
    const text = block(i)
    size += Buffer.byteLength(text)
    crc = crc32(text, crc)
    out.push(piece(text, false))
  }
  out.push(piece(tail, true))
  return { bytes: Buffer.concat(out), size, crc: crc32(tail, crc) }
}

export const COLUMNS = Array.from({ length: 100 }, (_, i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26)))
/** Rows of 100 number cells below the normal rows (1,000 rows a block), each cell with its reference, as Excel writes them. */
export function numberCells(blockCount: number): Uint8Array {
  return workbook(
    blocks(
      SHEET_HEAD + NORMAL_ROWS,
      (b) =>
        Array.from({ length: 1_000 }, (_, k) => {
          const r = 3 + b * 1_000 + k
          return `<row r="${r}">${COLUMNS.map((c) => `<c r="${c}${r}"><v>1</v></c>`).join('')}</row>`
        }).join(''),
      blockCount,
      SHEET_TAIL,
    ),
  )
}
let millions: Uint8Array | undefined
export const sevenMillionCells = (): Uint8Array => (millions ??= numberCells(70))

/**
 * A zip written field by field; `declared` overrides the unpacked size the zip claims. With zip64,
 * the central directory puts sizes and offsets in zip64 fields, as some exporters always do.
 */
export function zip(parts: Record<string, Deflated & { declared?: number }>, zip64 = false): Uint8Array {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, p] of Object.entries(parts)) {
    const n = Buffer.from(name)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(8, 8)
    h.writeUInt32LE(p.crc, 14)
    h.writeUInt32LE(p.bytes.length, 18)
    h.writeUInt32LE(p.declared ?? p.size, 22)
    h.writeUInt16LE(n.length, 26)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(45, 4)
    c.writeUInt16LE(zip64 ? 45 : 20, 6)
    c.writeUInt16LE(8, 10)
    c.writeUInt32LE(p.crc, 16)
    c.writeUInt32LE(zip64 ? 0xffffffff : p.bytes.length, 20)
    c.writeUInt32LE(zip64 ? 0xffffffff : (p.declared ?? p.size), 24)
    c.writeUInt16LE(n.length, 28)
    c.writeUInt32LE(zip64 ? 0xffffffff : offset, 42)
    const extra = Buffer.alloc(zip64 ? 28 : 0)
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0)
      extra.writeUInt16LE(24, 2)
      extra.writeBigUInt64LE(BigInt(p.declared ?? p.size), 4)
      extra.writeBigUInt64LE(BigInt(p.bytes.length), 12)
      extra.writeBigUInt64LE(BigInt(offset), 20)
      c.writeUInt16LE(28, 30)
    }
    local.push(h, n, Buffer.from(p.bytes))
    central.push(Buffer.concat([c, n, extra]))
    offset += 30 + n.length + p.bytes.length
  }
  const dir = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(zip64 ? 0xffff : central.length, 8)
  end.writeUInt16LE(zip64 ? 0xffff : central.length, 10)
  end.writeUInt32LE(zip64 ? 0xffffffff : dir.length, 12)
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16)
  if (!zip64) return new Uint8Array(Buffer.concat([...local, dir, end]))
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeUInt16LE(45, 12)
  record.writeUInt16LE(45, 14)
  record.writeBigUInt64LE(BigInt(central.length), 24)
  record.writeBigUInt64LE(BigInt(central.length), 32)
  record.writeBigUInt64LE(BigInt(dir.length), 40)
  record.writeBigUInt64LE(BigInt(offset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(offset + dir.length), 8)
  locator.writeUInt32LE(1, 16)
  return new Uint8Array(Buffer.concat([...local, dir, record, locator, end]))
}

/** A one-sheet workbook around the given sheet and shared strings. */
export function workbook(sheet: Deflated & { declared?: number }, sharedStrings: Deflated & { declared?: number } = plain(`<sst xmlns="${NS}"/>`), zip64 = false, inWorkbook = ''): Uint8Array {
  return zip(
    {
      '[Content_Types].xml': plain(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      ),
      '_rels/.rels': plain(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': plain(`<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Leerlingen" sheetId="1" r:id="rId1"/></sheets>${inWorkbook}</workbook>`),
      'xl/_rels/workbook.xml.rels': plain(
        `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': sheet,
      'xl/sharedStrings.xml': sharedStrings,
    },
    zip64,
  )
}

export const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`
export const SHEET_HEAD = `<worksheet xmlns="${NS}"><sheetData>`
export const SHEET_TAIL = `</sheetData></worksheet>`
export const NORMAL_ROWS = `<row r="1">${inline('A1', 'Voornaam')}${inline('B1', 'Achternaam')}${inline('C1', 'Groep')}</row><row r="2">${inline('A2', 'Zoë')}${inline('B2', 'Bos')}${inline('C2', '3')}</row>`

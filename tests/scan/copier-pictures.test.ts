// A copier's grey or black-and-white scan: each page one Flate picture (8-bit grey, 1-bit, or
// colour) rather than a JPEG, here written by pdfkit from PNG pages with its PNG predictor, or one
// CCITT Group 4 picture (libtiff's, through sharp, put in a PDF here). The reader unpacks such
// pictures itself (pdf-images.ts, flate-image.ts, fax-image.ts), exactly as the PNG's own decoder
// or pdf.js would, instead of having pdf.js draw every page, and reads the forms on them.
import { crc32, deflateSync } from 'node:zlib'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flatePixels } from '../../electron/core/scan/flate-image.ts'
import { decodePage, openScanFile } from '../../electron/core/scan/input.ts'
import { singlePicturePages } from '../../electron/core/scan/pdf-images.ts'
import { readScan } from '../../electron/core/scan/read.ts'
import { copierPdf, demoRound, layoutOf, markSheet, prng, rasterise, readPgm, type Marking, type Round } from './corpus.ts'

/** A PNG of 1 bit per pixel, grey (white at 128 and up): what sharp does not write. */
function oneBitPng(data: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 8)
  const rows = Buffer.alloc((rowBytes + 1) * height)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if ((data[y * width + x] as number) >= 128) rows[y * (rowBytes + 1) + 1 + (x >> 3)] = (rows[y * (rowBytes + 1) + 1 + (x >> 3)] as number) | (0x80 >> (x & 7))
  const chunk = (type: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(body.length)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])))
    return Buffer.concat([head, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width)
  header.writeUInt32BE(height, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // grey
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

/** A one-page PDF whose page is the CCITT picture `strip` and nothing else, as a copier writes it. */
function faxPdf(strip: Buffer, width: number, height: number, parms: string, decode = ''): Buffer {
  const content = 'q 595.28 0 0 841.89 0 0 cm /Im1 Do Q\n'
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 1 ${decode}/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${width} /Rows ${height} ${parms}>> /Length ${strip.length} >>\nstream\n`,
        'latin1',
      ),
      strip,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')]
  const offsets: number[] = []
  let at = parts[0]!.length
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

/** The one strip of a TIFF that libtiff wrote (sharp with one strip for the whole page). */
function onlyStrip(tiff: Buffer): Buffer {
  const ifd = tiff.readUInt32LE(4)
  const value = (tag: number): number => {
    for (let i = 0; i < tiff.readUInt16LE(ifd); i++) if (tiff.readUInt16LE(ifd + 2 + i * 12) === tag) return tiff.readUInt32LE(ifd + 2 + i * 12 + 8)
    throw new Error(`no tag ${tag}`)
  }
  expect(value(259)).toBe(4) // Group 4
  return tiff.subarray(value(273), value(273) + value(279))
}

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-flate-'))
let round: Round
let pdfPath: string
const pngs: Buffer[] = []
let blackWhite: { data: Buffer; width: number; height: number }
const markings: { qr: string; marking: Marking }[] = []
afterAll(() => {
  round?.core.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeAll(async () => {
  round = await demoRound()
  const r = prng(4418)
  for (const [i, p] of rasterise(round.pdf, join(dir, 'raster'), 200, 1, 3).entries()) {
    const pgm = readPgm(p.png)
    const marking = markSheet(r, layoutOf(round.core, p.qr), 200 / 72)
    markings.push({ qr: p.qr, marking })
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${pgm.width}" height="${pgm.height}">${marking.svg}</svg>`)
    const marked = await sharp(pgm.data, { raw: { width: pgm.width, height: pgm.height, channels: 1 } })
      .composite([{ input: svg, blend: 'multiply' }])
      .extractChannel(0)
      .raw()
      .toBuffer()
    const page = sharp(marked, { raw: { width: pgm.width, height: pgm.height, channels: 1 } })
    // Grey, black and white (thresholded, as a copier's b/w mode), colour.
    if (i === 0) pngs.push(await page.toColourspace('b-w').png().toBuffer())
    if (i === 1) {
      blackWhite = { data: await page.clone().threshold(150).extractChannel(0).raw().toBuffer(), width: pgm.width, height: pgm.height }
      pngs.push(oneBitPng(blackWhite.data, pgm.width, pgm.height))
    }
    if (i === 2) pngs.push(await page.toColourspace('srgb').png().toBuffer())
  }
  pdfPath = join(dir, 'zwart-wit.pdf')
  writeFileSync(pdfPath, await copierPdf(pngs))
}, 120_000)

describe('a scan of Flate pictures', () => {
  it('each page is its picture, unpacked to exactly the pixels the PNG decoder gives', async () => {
    const pictures = singlePicturePages(readFileSync(pdfPath))
    expect(pictures?.map((p) => p && [p.kind, p.kind === 'flate' ? [p.bits, p.channels] : []])).toEqual([
      ['flate', [8, 1]],
      ['flate', [1, 1]],
      ['flate', [8, 3]],
    ])
    for (const [i, p] of (pictures ?? []).entries()) {
      if (p?.kind !== 'flate') throw new Error('not a Flate picture')
      const pixels = flatePixels(p)
      const own = await sharp(pngs[i] as Buffer)
        .raw()
        .toBuffer({ resolveWithObject: true })
      const ownPixels =
        p.channels === 1
          ? await sharp(pngs[i] as Buffer)
              .extractChannel(0)
              .raw()
              .toBuffer()
          : own.data
      expect([pixels?.width, pixels?.height]).toEqual([own.info.width, own.info.height])
      expect(Buffer.from(pixels?.data ?? []).equals(ownPixels), `page ${i + 1}`).toBe(true)
    }
    // Handed to the readers as the picture, not drawn by pdf.js.
    const file = await openScanFile('zwart-wit.pdf', pdfPath)
    expect(await Promise.all([0, 1, 2].map(async (i) => (await file.source(i)).kind))).toEqual(['flate', 'flate', 'flate'])
    await file.close()
  })

  it('reads the pupil, the answers and the signatures on every page', async () => {
    const pages = await readScan(round.core.ctx, [{ name: 'zwart-wit.pdf', path: pdfPath }], { outDir: join(dir, 'out') })
    expect(pages).toHaveLength(3)
    for (const [i, page] of pages.entries()) {
      const { qr, marking } = markings[i] as (typeof markings)[number]
      const code = qr.split(' ')[0] as string
      expect(page.status, page.message).toBe('read')
      expect(page.form?.pupilId).toBe(round.pupilByCode.get(code))
      expect(page.answers.map((a) => [a.purposeId, a.reading])).toEqual(marking.expected.answers.map((a) => [a.purposeId, a.expected]))
      expect(page.signatures.map((s) => s.signed)).toEqual(marking.expected.signatures.map((s) => s.signed))
    }
  }, 60_000)

  it('a CCITT Group 4 page is read as pdf.js draws it, whichever way the PDF says its bits are black', async () => {
    const { data, width, height } = blackWhite
    const tiff = await sharp(data, { raw: { width, height, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: Math.ceil(height / 16) * 16 })
      .toBuffer()
    const strip = onlyStrip(tiff)
    // libtiff's bits of a black-is-zero picture: a coded black run is paper. Said two ways.
    for (const [name, parms, decode] of [
      ['BlackIs1', '/BlackIs1 true ', ''],
      ['Decode', '', '/Decode [1 0] '],
    ] as const) {
      const path = join(dir, `fax-${name}.pdf`)
      writeFileSync(path, faxPdf(strip, width, height, parms, decode))
      const file = await openScanFile('fax.pdf', path)
      const source = await file.source(0)
      expect(source.kind, name).toBe('fax')
      const ours = await decodePage(source)
      const drawn = file.drawn ? await decodePage(file.drawn(0)) : undefined
      await file.close()
      if (!ours || !drawn) throw new Error('no pixels')
      // pdf.js draws at 150 dpi, the reader shrinks the 200 dpi picture to its own size: compared at the reader's.
      const same = await sharp(drawn.data, { raw: { width: drawn.width, height: drawn.height, channels: 1 } })
        .resize(ours.width, ours.height, { fit: 'fill' })
        .extractChannel(0)
        .raw()
        .toBuffer()
      let differ = 0
      for (let i = 0; i < ours.data.length; i++) if ((ours.data[i] as number) < 128 !== (same[i] as number) < 128) differ++
      // Swapped black and white would differ on nine pixels in ten; the edges of strokes, drawn at another size, differ a little.
      expect(differ / ours.data.length, name).toBeLessThan(0.05)
      const [page] = await readScan(round.core.ctx, [{ name: 'fax.pdf', path }], { outDir: join(dir, `out-${name}`) })
      const { marking } = markings[1] as (typeof markings)[number]
      expect(page?.status, page?.message).toBe('read')
      expect(page?.answers.map((a) => [a.purposeId, a.reading])).toEqual(marking.expected.answers.map((a) => [a.purposeId, a.expected]))
    }
  }, 60_000)
})

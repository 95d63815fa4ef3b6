// A copier's grey or black-and-white scan: each page one Flate picture (8-bit grey, 1-bit, or
// colour) rather than a JPEG, here written by pdfkit from PNG pages with its PNG predictor. The
// reader unpacks such pictures itself (pdf-images.ts, flate-image.ts), exactly as the PNG's own
// decoder does, instead of having pdf.js draw every page, and reads the forms on them.
import { crc32, deflateSync } from 'node:zlib'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flatePixels } from '../../electron/core/scan/flate-image.ts'
import { openScanFile } from '../../electron/core/scan/input.ts'
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

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-flate-'))
let round: Round
let pdfPath: string
const pngs: Buffer[] = []
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
    if (i === 1) pngs.push(oneBitPng(await page.threshold(150).extractChannel(0).raw().toBuffer(), pgm.width, pgm.height))
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
})

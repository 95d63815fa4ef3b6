// The reader's own geometry, small and checked on its own: the transforms, the box decisions, the
// QR text, the quick path through copier PDFs, and that the layout the renderer returns is where
// the form really prints its boxes, marks and signature lines.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import PdfKit from 'pdfkit'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { formQrText, layoutDigest, parseFormQr } from '../../electron/core/documents/consent-form-layout.ts'
import { decide } from '../../electron/core/scan/boxes.ts'
import { affineFit, apply, homography, similarity } from '../../electron/core/scan/homography.ts'
import { singleJpegPages } from '../../electron/core/scan/pdf-images.ts'
import { demoRound, layoutOf, readPgm, rasterise } from './corpus.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-geo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const apart = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y)

describe('transforms', () => {
  const form = [
    { x: 26, y: 26 },
    { x: 569.28, y: 26 },
    { x: 569.28, y: 815.89 },
    { x: 26, y: 815.89 },
  ]
  // A page turned 4 degrees, scaled to 2.1 px/pt, shifted, with a little perspective.
  const t = (p: { x: number; y: number }) => {
    const c = Math.cos(0.07)
    const s = Math.sin(0.07)
    const w = 1 + p.y * 0.00002
    return { x: (2.1 * (c * p.x - s * p.y) + 40) / w, y: (2.1 * (s * p.x + c * p.y) - 15) / w }
  }
  it('a homography from the four marks maps every point of the page', () => {
    const h = homography(form, form.map(t))
    if (!h) throw new Error('no transform')
    for (const p of [
      { x: 300, y: 400 },
      { x: 500, y: 700 },
      { x: 60, y: 120 },
    ])
      expect(apart(apply(h, p.x, p.y), t(p))).toBeLessThan(1e-6)
  })
  it('two marks give turn, scale and shift; three or more an affine fit', () => {
    const flat = (p: { x: number; y: number }) => ({ x: 2 * Math.cos(0.05) * p.x - 2 * Math.sin(0.05) * p.y + 7, y: 2 * Math.sin(0.05) * p.x + 2 * Math.cos(0.05) * p.y - 3 })
    const s = similarity([form[1], form[3]] as never, [flat(form[1] as never), flat(form[3] as never)] as never)
    const a = affineFit(form.slice(0, 3), form.slice(0, 3).map(flat))
    if (!s || !a) throw new Error('no transform')
    expect(apart(apply(s, 100, 200), flat({ x: 100, y: 200 }))).toBeLessThan(1e-6)
    expect(apart(apply(a, 100, 200), flat({ x: 100, y: 200 }))).toBeLessThan(1e-6)
  })
})

describe('box decisions', () => {
  const box = (inside: number, ring = 0, outline = 0.9) => ({ inside, ring, outline })
  it.each([
    ['a tick in Ja', box(0.3), box(0), 'ja'],
    ['a cross in Nee', box(0), box(0.55), 'nee'],
    ['nothing', box(0.002), box(0.004), 'geen'],
    ['both ticked', box(0.3), box(0.35), 'beide'],
    ['one filled in, the other ticked: a correction', box(0.97), box(0.3), 'onduidelijk'],
    ['a faint trace only', box(0.03), box(0), 'onduidelijk'],
    ['a tick across the edge, mostly outside', box(0.02, 0.2), box(0), 'ja'],
    ['the box not found where the layout says', box(0.3, 0, 0.2), box(0), 'onduidelijk'],
  ] as const)('%s', (_, ja, nee, reading) => {
    expect(decide(ja, nee).reading).toBe(reading)
  })
})

describe('the QR text', () => {
  it('carries code, sheet and layout, and an older bare code still parses', () => {
    const text = formQrText({ code: 'TR-7K3M9Q', sheet: 2, sheets: 2, version: 1, layout: 'K3M9Q' })
    expect(text).toBe('TR-7K3M9Q 2/2 1K3M9Q')
    expect(parseFormQr(text)).toEqual({ code: 'TR-7K3M9Q', sheet: 2, sheets: 2, version: 1, layout: 'K3M9Q' })
    expect(parseFormQr('tr-7k3m9q')).toEqual({ code: 'TR-7K3M9Q', sheet: 1, sheets: 1, version: 0 })
    expect(parseFormQr('https://example.org/TR-7K3M9Q')).toBeUndefined()
    expect(parseFormQr('TR-7K3M9Q 3/2 1K3M9Q')).toBeUndefined()
  })
})

async function pdfOf(pages: ((doc: PDFKit.PDFDocument) => void)[]): Promise<Buffer> {
  const doc = new PdfKit({ size: 'A4', margin: 0, autoFirstPage: false })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  for (const page of pages) page(doc.addPage())
  doc.end()
  return done
}

describe('the quick path through a copier PDF', () => {
  it('hands over the JPEG of a page that is only that picture, and leaves other pages to pdf.js', async () => {
    const jpeg = await sharp({ create: { width: 120, height: 170, channels: 3, background: '#f0f0f0' } })
      .jpeg()
      .toBuffer()
    const pdf = await pdfOf([(d) => d.image(jpeg, 0, 0, { width: 595.28, height: 841.89 }), (d) => d.image(jpeg, 0, 0, { width: 595.28 }).text('een briefje', 50, 50), (d) => d.text('alleen tekst')])
    const pages = singleJpegPages(pdf)
    expect(pages).toHaveLength(3)
    expect(pages?.[0]?.equals(jpeg)).toBe(true)
    expect(pages?.[1]).toBeUndefined()
    expect(pages?.[2]).toBeUndefined()
    expect(singleJpegPages(Buffer.from('%PDF-1.7 not really'))).toBeUndefined()
  })
})

describe('the layout is where the form prints', () => {
  it('every box outline, corner mark and signature line lies under the layout the printer stored', async () => {
    const round = await demoRound()
    const [page] = rasterise(round.pdf, join(dir, 'r'), 144, 1, 1)
    if (!page) throw new Error('no page')
    const layout = layoutOf(round.core, page.qr)
    expect(layoutDigest(layout)).toBe(parseFormQr(page.qr)?.layout)
    const img = readPgm(page.png)
    const s = 2
    const px = (x: number, y: number): number => img.data[Math.round(y * s) * img.width + Math.round(x * s)] as number
    // Ink within half a point (a 0.9 pt line falls between pixels).
    const dark = (x: number, y: number): boolean => Math.min(...[-0.5, 0, 0.5].flatMap((dx) => [-0.5, 0, 0.5].map((dy) => px(x + dx, y + dy)))) < 128
    const paper = (x: number, y: number): boolean => px(x, y) > 200
    for (const row of layout.rows) {
      for (const b of [row.ja, row.nee]) {
        // The outline's four sides are ink; the middle is paper.
        expect([dark(b.x + b.width / 2, b.y), dark(b.x + b.width / 2, b.y + b.height), dark(b.x, b.y + b.height / 2), dark(b.x + b.width, b.y + b.height / 2)]).toEqual([true, true, true, true])
        expect(paper(b.x + b.width / 2, b.y + b.height / 2)).toBe(true)
      }
    }
    for (const m of layout.marks) expect(dark(m.x + m.width / 2, m.y + m.height / 2)).toBe(true)
    expect(layout.signatures.length).toBeGreaterThanOrEqual(2)
    for (const line of layout.signatures) {
      // The signature field is empty paper on a printed form; its line runs just below it.
      const cells = Array.from({ length: 20 }, (_, i) => paper(line.sign.x + (line.sign.width * (i + 0.5)) / 20, line.sign.y + line.sign.height / 2))
      expect(cells.every(Boolean)).toBe(true)
      expect(Array.from({ length: 10 }, (_, i) => Math.min(...[1, 1.5, 2].map((d) => px(line.sign.x + 10 + i * 10, line.sign.y + line.sign.height + d))) < 220).some(Boolean)).toBe(true)
    }
  }, 120_000)
})

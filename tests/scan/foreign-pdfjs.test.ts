// Another copy of pdf.js in the same process (here the tests' own PDF reader, unpdf; in a school's app it could be any
// library's) puts its worker in globalThis.pdfjsWorker, where pdf.js looks for one. The app's pdf.js must read with its
// own and leave the other copy working: before, it took the other's and read no page of a scan. Runs in a fresh
// process (pdf.js chooses its worker once per process), the other copy loaded first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pdfKit } from '../../electron/core/libraries.ts'
import { openScanFile } from '../../electron/core/scan/input.ts'
import { pdfPages } from '../documents/helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-foreign-pdfjs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A drawn page (no picture in it, so pdf.js must draw it): a black square in the top left quarter and a line of text. */
function drawnPdf(): Promise<Buffer> {
  const PDFDocument = pdfKit()
  const doc = new PDFDocument({ size: 'A4', margin: 0 })
  const parts: Buffer[] = []
  doc.on('data', (b: Buffer) => parts.push(b))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(parts))))
  doc.rect(50, 50, 200, 200).fill('#000000')
  doc.fillColor('#000000').fontSize(24).text('Toestemmingsformulier', 50, 400)
  doc.end()
  return done
}

describe("the app's pdf.js beside another copy of pdf.js", () => {
  it('draws the pages of a PDF with its own worker, and the other copy still reads afterwards', async () => {
    const pdf = await drawnPdf()
    // The other copy first: it has put its worker in the global before the app's pdf.js loads.
    expect(await pdfPages(pdf)).toEqual([expect.stringContaining('Toestemmingsformulier')])
    const other = (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker
    expect(other).toBeDefined()

    const path = join(dir, 'getekend.pdf')
    writeFileSync(path, pdf)
    const file = await openScanFile('getekend.pdf', path)
    try {
      expect(file.pages).toBe(1)
      const page = await file.page(0)
      // The square is black, the paper beside it white.
      const px = (fx: number, fy: number) => page.data[Math.round(fy * page.height) * page.width + Math.round(fx * page.width)]
      expect(px(150 / 595, 150 / 842)).toBeLessThan(60)
      expect(px(450 / 595, 150 / 842)).toBeGreaterThan(200)
    } finally {
      await file.close()
    }

    // What the other copy put in the global is its own again, and it reads as before.
    expect((globalThis as { pdfjsWorker?: unknown }).pdfjsWorker).toBe(other)
    expect(await pdfPages(pdf)).toEqual([expect.stringContaining('Toestemmingsformulier')])
  })
})

// What an office may feed the reader besides good scans: a PDF with no forms, a PDF with a
// password, a file far too big, a picture too big to decode, a page upside down; and the terminal's
// `scan read --json`. Each gets a Dutch message or is read correctly, and nothing is written.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import PdfKit from 'pdfkit'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { readScan } from '../../electron/core/scan/read.ts'
import type { ScannedPage } from '../../shared/scan.ts'
import { copierPdf, copy, demoRound, layoutOf, markSheet, prng, rasterise, type Round } from './corpus.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-bad-'))
let round: Round
let upsideDown: { file: string; code: string; expected: ReturnType<typeof markSheet>['expected'] }
beforeAll(async () => {
  round = await demoRound()
  const [page] = rasterise(round.pdf, join(dir, 'raster'), 200, 1, 1)
  if (!page) throw new Error('no page')
  const r = prng(7)
  const marking = markSheet(r, layoutOf(round.core, page.qr), 200 / 72)
  const jpeg = await copy(r, page.png, marking.svg, { rotate: 1.5, shiftX: 0.005, shiftY: -0.004, scale: 0.99, blur: 0.5, speckles: 40, blackWhite: false, fold: false, upsideDown: true, quality: 60 })
  upsideDown = { file: join(dir, 'ondersteboven.pdf'), code: page.qr.split(' ')[0] as string, expected: marking.expected }
  writeFileSync(upsideDown.file, await copierPdf([jpeg]))
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const written = (): unknown =>
  round.core.ctx.db.prepare(`SELECT (SELECT count(*) FROM consent_records) || '/' || (SELECT count(*) FROM campaign_forms WHERE returned_at IS NOT NULL) || '/' || (SELECT count(*) FROM attachments)`).pluck().get()
const read = (files: { name: string; path: string }[]): Promise<ScannedPage[]> => readScan(round.core.ctx, files, { outDir: join(dir, 'out') })

function pdf(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PdfKit({ size: 'A4', ...options })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  build(doc)
  doc.end()
  return done
}

describe('bad input for the scan reader', () => {
  it('a PDF without forms: every page no_code, with a Dutch message, nothing written', async () => {
    const before = written()
    const file = join(dir, 'brieven.pdf')
    writeFileSync(
      file,
      await pdf((doc) => {
        doc.fontSize(14).text('Beste juf, wij geven toestemming voor alles behalve de krant. Groet, de ouders van Fleur.')
        doc.addPage().rect(100, 100, 300, 200).fill('#333333')
        doc.addPage()
      }),
    )
    const pages = await read([{ name: 'brieven.pdf', path: file }])
    expect(pages.map((p) => [p.source, p.status])).toEqual([
      ['brieven.pdf, pagina 1', 'no_code'],
      ['brieven.pdf, pagina 2', 'no_code'],
      ['brieven.pdf, pagina 3', 'no_code'],
    ])
    expect(pages[0]?.message).toMatch(/geen formuliercode.*niets vastgelegd/)
    expect(written()).toBe(before)
  }, 60_000)

  it('a PDF with a password: refused with a Dutch message, the next file still read', async () => {
    const file = join(dir, 'beveiligd.pdf')
    writeFileSync(file, await pdf((doc) => doc.text('geheim'), { userPassword: 'school', ownerPassword: 'school' } as PDFKit.PDFDocumentOptions))
    const pages = await read([
      { name: 'beveiligd.pdf', path: file },
      { name: 'ondersteboven.pdf', path: upsideDown.file },
    ])
    expect(pages[0]).toMatchObject({ source: 'beveiligd.pdf', status: 'unreadable' })
    expect(pages[0]?.message).toMatch(/wachtwoord.*niets gelezen of opgeslagen/)
    expect(pages[1]).toMatchObject({ status: 'read', index: 1 })
  }, 60_000)

  it('a 300 MB scan: refused before it is read, with a Dutch message', async () => {
    const file = join(dir, 'enorm.pdf')
    writeFileSync(file, '%PDF-1.4\n')
    truncateSync(file, 300 * 1024 * 1024) // sparse: no 300 MB written
    const started = Date.now()
    const pages = await read([{ name: 'enorm.pdf', path: file }])
    expect(Date.now() - started).toBeLessThan(2000)
    expect(pages).toEqual([expect.objectContaining({ source: 'enorm.pdf', status: 'unreadable', message: expect.stringMatching(/te groot.*300 MB.*grens is 200 MB.*in delen/) })])
  })

  it('a picture of more than 40 megapixels: refused before it is decoded', async () => {
    const file = join(dir, 'groot.png')
    await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toFile(file)
    const pages = await read([{ name: 'groot.png', path: file }])
    expect(pages[0]).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/8000 x 6000 pixels.*40 megapixel/) })
  }, 60_000)

  it('a page upside down: read correctly, and said so', async () => {
    const before = written()
    const [page] = await read([{ name: 'ondersteboven.pdf', path: upsideDown.file }])
    expect(page?.status).toBe('read')
    expect(page?.form?.code).toBe(upsideDown.code)
    expect(page?.form?.pupilId).toBe(round.pupilByCode.get(upsideDown.code))
    expect(page?.message).toContain('ondersteboven')
    expect(page?.answers.map((a) => a.reading)).toEqual(upsideDown.expected.answers.map((a) => a.expected))
    expect(page?.signatures.map((s) => s.signed)).toEqual(upsideDown.expected.signatures.map((s) => s.signed))
    expect(written()).toBe(before)
  }, 60_000)

  it('scan read --json on the terminal prints the pages, and the register is untouched', async () => {
    const db = join(dir, 'school.sqlite')
    writeFileSync(db, round.core.ctx.db.serialize())
    let stdout = ''
    let stderr = ''
    const code = await main(['scan', 'read', '--json', '--db', db, upsideDown.file], { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
    expect(code, stderr).toBe(0)
    const pages = JSON.parse(stdout) as ScannedPage[]
    expect(pages).toHaveLength(1)
    expect(pages[0]).toMatchObject({ source: 'ondersteboven.pdf, pagina 1', status: 'read', form: { code: upsideDown.code, pupilId: round.pupilByCode.get(upsideDown.code) } })
    const usage = await main(['scan', 'read', '--db', db], { write: () => undefined }, { write: (s: string) => (stderr = s) })
    expect(usage).toBe(2)
    expect(stderr).toContain('Noem een of meer gescande bestanden')
  }, 60_000)
})

// The reader on forms as the app prints them, rasterised and marked but not through a copier: every
// page finds its pupil and round, every box and signature reads as marked, and nothing is written.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { readScan } from '../../electron/core/scan/read.ts'
import { copierPdf, demoRound, layoutOf, markSheet, prng, rasterise, readPgm } from './corpus.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-clean-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('reading clean app-rendered forms', () => {
  it('finds pupil, round, answers and signatures on each page of a PDF of marked forms', async () => {
    const round = await demoRound()
    const pages = rasterise(round.pdf, join(dir, 'raster'), 150, 1, 6)
    const r = prng(18)
    const expected = []
    const jpegs = []
    for (const [i, p] of pages.entries()) {
      const layout = layoutOf(round.core, p.qr)
      const marking = markSheet(r, layout, 150 / 72)
      const pgm = readPgm(p.png)
      const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${pgm.width}" height="${pgm.height}">${marking.svg}</svg>`)
      jpegs.push(
        await sharp(pgm.data, { raw: { width: pgm.width, height: pgm.height, channels: 1 } })
          .composite([{ input: svg, blend: 'multiply' }])
          .jpeg({ quality: 85 })
          .toBuffer(),
      )
      expected.push({ qr: p.qr, ...marking.expected, i })
    }
    const file = join(dir, 'scan.pdf')
    writeFileSync(file, await copierPdf(jpegs))
    const before = round.core.ctx.db.prepare(`SELECT (SELECT count(*) FROM consent_records) + (SELECT count(*) FROM campaign_forms WHERE returned_at IS NOT NULL)`).pluck().get()
    const progress: number[] = []
    const read = await readScan(round.core.ctx, [{ name: 'scan.pdf', path: file }], { outDir: join(dir, 'out'), onProgress: (done) => progress.push(done) })
    expect(read).toHaveLength(6)
    expect(progress.at(-1)).toBe(6)
    for (const [i, page] of read.entries()) {
      const e = expected[i]
      if (!e) throw new Error('missing')
      const code = e.qr.split(' ')[0] as string
      expect(page.status, page.message).toBe('read')
      expect(page.source).toBe(`scan.pdf, pagina ${i + 1}`)
      expect(page.form?.code).toBe(code)
      expect(page.form?.pupilId).toBe(round.pupilByCode.get(code))
      expect(page.form?.campaignId).toBe(round.campaignId)
      expect(page.answers.map((a) => [a.purposeId, a.reading])).toEqual(e.answers.map((a) => [a.purposeId, a.expected]))
      expect(page.signatures.map((s) => s.signed)).toEqual(e.signatures.map((s) => s.signed))
      expect(page.imagePath && existsSync(page.imagePath)).toBe(true)
    }
    const after = round.core.ctx.db.prepare(`SELECT (SELECT count(*) FROM consent_records) + (SELECT count(*) FROM campaign_forms WHERE returned_at IS NOT NULL)`).pluck().get()
    expect(after).toBe(before)
  }, 120_000)
})

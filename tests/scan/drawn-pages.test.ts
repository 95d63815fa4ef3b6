// Pages only pdf.js can draw (JBIG2 pictures, image masks, a born-digital PDF) are drawn by the page
// readers, each with its own pdf.js, not in the core's thread: the core stays free for the front
// desk's look-ups while such a scan is read. Read by the readers they must give what reading in one
// thread gives, in order, with progress per page, read right; a stop ends the readers.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScannedPage } from '../../shared/scan.ts'
import { singlePicturePages } from '../../electron/core/scan/pdf-images.ts'
import { liveReaders } from '../../electron/core/scan/pool.ts'
import { readScan } from '../../electron/core/scan/read.ts'
import { stallAndTurn } from '../helpers/stall.ts'
import { demoRound, score, type ExpectedPage, type Round } from './corpus.ts'
import { drawnScan } from './drawn-pages.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-drawn-'))
let round: Round
let scan: string
let expected: ExpectedPage[]
let printed: string
afterAll(() => {
  round?.core.close()
  rmSync(dir, { recursive: true, force: true })
})

const PAGES = 8

beforeAll(async () => {
  round = await demoRound()
  const made = await drawnScan(round, join(dir, 'make'), PAGES, ['jbig2', 'mask'], 1818)
  scan = join(dir, 'zwart-wit.pdf')
  writeFileSync(scan, made.pdf)
  expected = made.expected
  // The printed forms themselves, born digital: text and lines, no picture.
  writeFileSync(join(dir, 'round.pdf'), round.pdf)
  execFileSync('pdfseparate', ['-f', '1', '-l', '4', join(dir, 'round.pdf'), join(dir, 'form-%d.pdf')])
  printed = join(dir, 'geprint.pdf')
  execFileSync('pdfunite', [1, 2, 3, 4].map((n) => join(dir, `form-${n}.pdf`)).concat(printed))
}, 120_000)

const withoutPicture = (pages: ScannedPage[]): ScannedPage[] => pages.map(({ imagePath: _path, ...page }) => page)

describe('pages drawn by pdf.js in the page readers', () => {
  it('JBIG2, image-mask and born-digital pages: read as in one thread, in order, with progress per page, and right', async () => {
    // None of these pages is a picture the quick path hands over: pdf.js must draw every one.
    expect(singlePicturePages(readFileSync(scan))?.every((p) => p === undefined) ?? true).toBe(true)
    const files = [
      { name: 'zwart-wit.pdf', path: scan },
      { name: 'geprint.pdf', path: printed },
    ]
    const here = await readScan(round.core.ctx, files, { outDir: join(dir, 'here'), readers: 0 })
    const progress: number[] = []
    const pooled = await readScan(round.core.ctx, files, { outDir: join(dir, 'pool'), readers: 2, onProgress: (done) => progress.push(done) })
    expect(pooled.map((p) => [p.index, p.source, p.status])).toEqual([
      ...Array.from({ length: PAGES }, (_, i) => [i, `zwart-wit.pdf, pagina ${i + 1}`, 'read']),
      ...[1, 2, 3, 4].map((n) => [PAGES + n - 1, `geprint.pdf, pagina ${n}`, 'read']),
    ])
    expect(withoutPicture(pooled)).toEqual(withoutPicture(here))
    for (const [i, page] of pooled.entries()) expect(readFileSync(page.imagePath as string).equals(readFileSync(here[i]?.imagePath as string)), page.source).toBe(true)
    expect(progress).toEqual(Array.from({ length: PAGES + 5 }, (_, i) => i))
    expect(liveReaders()).toBe(0)

    // What the parents marked, read right: no wrong pupil, no silent error, every signature.
    const s = score(pooled.slice(0, PAGES), expected)
    expect(s).toMatchObject({ read: PAGES, wrongPupil: 0, falseSigned: 0 })
    expect(s.wrong.filter((w) => w.got !== 'onduidelijk')).toEqual([])
    expect(s.signedFound).toBe(s.signedBlocks)
    // The printed forms: every box empty, no line signed.
    for (const page of pooled.slice(PAGES)) {
      expect(page.answers.every((a) => a.reading === 'geen')).toBe(true)
      expect(page.signatures.some((x) => x.signed)).toBe(false)
    }
  }, 180_000)

  it("the core's thread stays free while the readers draw the pages: its busiest turn is far below a page's drawing", async () => {
    await readScan(round.core.ctx, [{ name: 'zwart-wit.pdf', path: scan }], { outDir: join(dir, 'warm'), readers: 2 })
    // Drawn in this thread, one page keeps it busy for as long as pdf.js needs for it. Measured as this thread's own CPU
    // time in its busiest 5 ms (the stall itself also holds the time a shared machine keeps the thread waiting).
    const inThisThread = await stallAndTurn(() => readScan(round.core.ctx, [{ name: 'zwart-wit.pdf', path: scan }], { outDir: join(dir, 'one'), readers: 0 }))
    const withReaders = await stallAndTurn(() => readScan(round.core.ctx, [{ name: 'zwart-wit.pdf', path: scan }], { outDir: join(dir, 'two'), readers: 2 }))
    expect(inThisThread.turn).toBeGreaterThan(40)
    // A generous margin (measured: 76 ms in this thread, 8.5 ms with the readers).
    expect(withReaders.turn).toBeLessThan(inThisThread.turn / 3)
  }, 180_000)

  it('a stop: the read throws that it stopped, the readers end, and no picture is written after', async () => {
    const stop = new AbortController()
    const outDir = join(dir, 'stopped')
    const reading = readScan(round.core.ctx, [{ name: 'zwart-wit.pdf', path: scan }], {
      outDir,
      readers: 2,
      signal: stop.signal,
      onProgress: (done) => {
        if (done === 2) stop.abort()
      },
    })
    await expect(reading).rejects.toMatchObject({ code: 'cancelled', message: expect.stringContaining('Er is niets vastgelegd') })
    expect(liveReaders()).toBe(0)
    const written = existsSync(outDir) ? readdirSync(outDir) : []
    expect(written.length).toBeLessThan(PAGES)
    await new Promise((ok) => setTimeout(ok, 500))
    expect(readdirSync(outDir)).toEqual(written)
  }, 60_000)
})

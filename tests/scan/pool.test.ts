// The page readers (core/scan/pool.ts): threads that read a scan's pages side by side. They must
// give exactly what reading in the core's own thread gives, in the input's order, with progress per
// page; a stop ends them, and nothing is written after the read has thrown.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScannedPage } from '../../shared/scan.ts'
import { liveReaders } from '../../electron/core/scan/pool.ts'
import { readScan } from '../../electron/core/scan/read.ts'
import { copierPdf, demoRound, layoutOf, markSheet, prng, rasterise, readPgm, type Round } from './corpus.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-pool-'))
let round: Round
let scan: string
afterAll(() => {
  round?.core.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeAll(async () => {
  round = await demoRound()
  const r = prng(1818)
  const jpegs: Buffer[] = []
  for (const p of rasterise(round.pdf, join(dir, 'raster'), 150, 1, 6)) {
    const pgm = readPgm(p.png)
    const marking = markSheet(r, layoutOf(round.core, p.qr), 150 / 72)
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${pgm.width}" height="${pgm.height}">${marking.svg}</svg>`)
    jpegs.push(
      await sharp(pgm.data, { raw: { width: pgm.width, height: pgm.height, channels: 1 } })
        .composite([{ input: svg, blend: 'multiply' }])
        .jpeg({ quality: 80 })
        .toBuffer(),
    )
  }
  scan = join(dir, 'scan.pdf')
  writeFileSync(scan, await copierPdf(jpegs))
  writeFileSync(join(dir, 'kapot.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
}, 120_000)

const withoutPicture = (pages: ScannedPage[]): ScannedPage[] => pages.map(({ imagePath: _path, ...page }) => page)

describe('the page readers', () => {
  it('read every page as the core thread does, in order, with progress per page, and end when done', async () => {
    const files = [
      { name: 'scan.pdf', path: scan },
      { name: 'kapot.jpg', path: join(dir, 'kapot.jpg') },
      { name: 'scan-2.pdf', path: scan },
    ]
    const here = await readScan(round.core.ctx, files, { outDir: join(dir, 'here'), readers: 0 })
    const progress: number[] = []
    const threadsWhileReading: number[] = []
    const pooled = await readScan(round.core.ctx, files, {
      outDir: join(dir, 'pool'),
      readers: 2,
      onProgress: (done) => {
        progress.push(done)
        threadsWhileReading.push(liveReaders())
      },
    })
    expect(pooled.map((p) => [p.index, p.source, p.status])).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => [n - 1, `scan.pdf, pagina ${n}`, 'read']),
      [6, 'kapot.jpg', 'unreadable'],
      ...[1, 2, 3, 4, 5, 6].map((n) => [n + 6, `scan-2.pdf, pagina ${n}`, 'read']),
    ])
    expect(withoutPicture(pooled)).toEqual(withoutPicture(here))
    // The same straightened pictures, written by the readers.
    for (const [i, page] of pooled.entries()) {
      if (page.status !== 'read') continue
      expect(readFileSync(page.imagePath as string).equals(readFileSync(here[i]?.imagePath as string)), page.source).toBe(true)
    }
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    expect(Math.max(...threadsWhileReading)).toBe(2)
    expect(liveReaders()).toBe(0)
  }, 120_000)

  it('a stop: the read throws that it stopped, the readers end, and no picture is written after', async () => {
    const stop = new AbortController()
    const outDir = join(dir, 'stopped')
    const reading = readScan(round.core.ctx, [{ name: 'scan.pdf', path: scan }], {
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
    expect(written.length).toBeLessThan(6)
    await new Promise((ok) => setTimeout(ok, 500))
    expect(readdirSync(outDir)).toEqual(written)
  }, 60_000)
})

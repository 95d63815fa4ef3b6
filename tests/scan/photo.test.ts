// A phone photo of one returned form, taken roughly straight on: the page on a table, a little
// keystoned (the phone tilted), unevenly lit, bigger than a scan and with the table around it.
// The reader finds the marks, undoes the perspective and reads the form as from a scanner.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { apply, homography } from '../../electron/core/scan/homography.ts'
import { readScan } from '../../electron/core/scan/read.ts'
import { demoRound, layoutOf, markSheet, prng, rasterise, readPgm } from './corpus.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-photo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a phone photo of a form', () => {
  it('is read like a scan: pupil, answers and signatures', async () => {
    const round = await demoRound()
    const [page] = rasterise(round.pdf, join(dir, 'r'), 200, 3, 3)
    if (!page) throw new Error('no page')
    const r = prng(31)
    const marking = markSheet(r, layoutOf(round.core, page.qr), 200 / 72)
    const src = readPgm(page.png)
    const marked = await sharp(src.data, { raw: { width: src.width, height: src.height, channels: 1 } })
      .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${src.width}" height="${src.height}">${marking.svg}</svg>`), blend: 'multiply' }])
      .extractChannel(0)
      .raw()
      .toBuffer()
    // The photo: 3000 x 4000, the page's corners keystoned (top narrower), on a darker table.
    const W = 3000
    const H = 4000
    const corners = [
      { x: 420, y: 380 },
      { x: 2600, y: 430 },
      { x: 2700, y: 3560 },
      { x: 300, y: 3500 },
    ]
    const toPage = homography(corners, [
      { x: 0, y: 0 },
      { x: src.width, y: 0 },
      { x: src.width, y: src.height },
      { x: 0, y: src.height },
    ])
    if (!toPage) throw new Error('no transform')
    const photo = Buffer.alloc(W * H)
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = apply(toPage, x, y)
        const light = 0.85 + 0.15 * (x / W)
        const inside = p.x >= 0 && p.y >= 0 && p.x < src.width - 1 && p.y < src.height - 1
        photo[y * W + x] = inside ? (marked[Math.floor(p.y) * src.width + Math.floor(p.x)] as number) * light : 110
      }
    }
    const file = join(dir, 'IMG_2041.jpg')
    writeFileSync(
      file,
      await sharp(photo, { raw: { width: W, height: H, channels: 1 } })
        .blur(0.8)
        .jpeg({ quality: 82 })
        .toBuffer(),
    )
    const [read] = await readScan(round.core.ctx, [{ name: 'IMG_2041.jpg', path: file }], { outDir: join(dir, 'out') })
    const code = page.qr.split(' ')[0] as string
    expect(read?.status, read?.message).toBe('read')
    expect(read?.source).toBe('IMG_2041.jpg')
    expect(read?.form?.pupilId).toBe(round.pupilByCode.get(code))
    expect(read?.answers.map((a) => a.reading)).toEqual(marking.expected.answers.map((a) => a.expected))
    expect(read?.signatures.map((s) => s.signed)).toEqual(marking.expected.signatures.map((s) => s.signed))
  }, 120_000)
})

// Sheets turned so far on the copier's glass that corner marks fall off the picture (cases of the
// 500-page bench corpus): a bold letter of the heading must not be taken for the lost mark (that
// put every box a row off, and read the table's black header as two ticked boxes), and a page with
// one whole mark left, or one whole and two cut by the picture's edge, is still read with its QR
// code, not set aside.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoRound, type Round } from './corpus.ts'
import { readCases } from './cases.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-corners-'))
let round: Round
beforeAll(async () => {
  round = await demoRound()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('corner marks off the glass', () => {
  it('reads every row where it is printed, not on a blob of the heading', async () => {
    // Page 113 of the corpus: turned -4.6 degrees, black and white; its top-left mark is cut off.
    const { read, score } = await readCases(round, join(dir, 'heading'), [
      { formPage: 3, dpi: 150, seed: 112, copier: { rotate: -4.583, shiftX: -0.00969, shiftY: -0.00846, scale: 0.9857, blur: 0.927, speckles: 37, blackWhite: true, fold: false, upsideDown: false, quality: 78 } },
      { formPage: 4, dpi: 300, seed: 370, copier: { rotate: -3.584, shiftX: -0.0136, shiftY: 0.0121, scale: 1.0048, blur: 0, speckles: 15, blackWhite: true, fold: false, upsideDown: false, quality: 60 } },
    ])
    expect(read.map((p) => p.status)).toEqual(['read', 'read'])
    expect(score.wrong).toEqual([])
    expect(score.falseSigned).toBe(0)
  }, 120_000)

  it('reads a page with one mark left from that mark and the QR code', async () => {
    // Page 206 of the corpus: turned 4.3 degrees and enlarged; only its top-left mark is whole.
    const { read, score } = await readCases(round, join(dir, 'one'), [
      { formPage: 46, dpi: 150, seed: 205, copier: { rotate: 4.2533, shiftX: -0.0034, shiftY: 0.00765, scale: 1.0165, blur: 0, speckles: 0, blackWhite: false, fold: false, upsideDown: false, quality: 70 } },
    ])
    expect(read[0]?.status, read[0]?.message).toBe('read')
    expect(read[0]?.form?.pupilId).toBe(round.pupilByCode.get(read[0]?.form?.code ?? ''))
    expect(score.wrong).toEqual([])
    expect(score.signedFound).toBe(score.signedBlocks)
  }, 120_000)

  it('reads a page whose only whole mark sits by the QR code, from the marks the edge cut', async () => {
    // Page 108 of a corpus with seed 7: turned -4.7 degrees, enlarged 2 %, at 300 dpi; the top-left
    // and bottom-left marks are cut by the picture's edge, the bottom-right one is gone.
    const { read, score } = await readCases(round, join(dir, 'cut'), [
      { formPage: 8, dpi: 300, seed: 107, copier: { rotate: -4.7007, shiftX: 0.01026, shiftY: 0.00851, scale: 1.0196, blur: 0.556, speckles: 0, blackWhite: false, fold: false, upsideDown: false, quality: 64 } },
    ])
    expect(read[0]?.status, read[0]?.message).toBe('read')
    expect(score.wrong).toEqual([])
    expect(score.signedFound).toBe(score.signedBlocks)
    expect(score.falseSigned).toBe(0)
  }, 120_000)
})

// The reader's box decisions on the kinds of ink that made it wrong on the 500-page bench corpus:
// a speck of dust or toner in a box, a light pencil tick on a soft (blurred) scan, and a fold's
// crease that a black-and-white copy turns into a thin line straight through a box. A person
// reads each of these at a glance; the reader must too, or say onduidelijk, never guess.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FormRect } from '../../shared/scan.ts'
import { demoRound, type Round } from './corpus.ts'
import { readCases } from './cases.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-marks-'))
let round: Round
beforeAll(async () => {
  round = await demoRound()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const line = (points: [number, number][], width: number, grey: number): string =>
  `<path d="${points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" stroke="rgb(${grey},${grey},${grey})" stroke-width="${width.toFixed(2)}" stroke-linecap="round"/>`
/** A dot in a box, off its middle: `radius` in pixels (the corpus's specks are 0.5-1.7). */
const speck = (b: FormRect, s: number, radius: number): string => `<circle cx="${((b.x + b.width * 0.4) * s).toFixed(1)}" cy="${((b.y + b.height * 0.6) * s).toFixed(1)}" r="${radius}" fill="#333"/>`
/** A light pencil tick: thin, mid grey. */
const pencil = (b: FormRect, s: number): string =>
  line(
    [
      [(b.x + b.width * 0.2) * s, (b.y + b.height * 0.55) * s],
      [(b.x + b.width * 0.45) * s, (b.y + b.height * 0.85) * s],
      [(b.x + b.width * 0.9) * s, (b.y + b.height * 0.15) * s],
    ],
    1.2 * s,
    130,
  )

describe('box decisions on the corpus’s hard cases', () => {
  it('a speck of dust in a box is not a mark: the other box’s tick stands, an empty row stays empty', async () => {
    // Copier options of bench page 288 (150 dpi, a little soft, JPEG 86).
    const copier = { rotate: 2.312, shiftX: 0.004, shiftY: -0.006, scale: 0.99, blur: 0.596, speckles: 0, blackWhite: false, fold: false, upsideDown: false, quality: 86 }
    const { read, score } = await readCases(round, join(dir, 'speck'), [
      {
        formPage: 5,
        dpi: 150,
        seed: 287,
        copier,
        rows: [{ box: 'ja', style: 'tick' }, { box: 'nee', style: 'filled' }, undefined, { box: 'ja', style: 'cross' }],
        extra: (layout, s) => ({ svg: [speck(layout.rows[0]!.nee, s, 1.7), speck(layout.rows[1]!.ja, s, 1.7), speck(layout.rows[2]!.ja, s, 1.7), speck(layout.rows[3]!.nee, s, 1.2)].join('') }),
      },
    ])
    expect(read[0]?.answers.slice(0, 4).map((a) => a.reading)).toEqual(['ja', 'nee', 'geen', 'ja'])
    expect(score.wrong).toEqual([])
  }, 120_000)

  it('a light pencil tick on a soft scan is read as the mark it is', async () => {
    // Copier options of bench page 59 (150 dpi, blurred, JPEG 69).
    const copier = { rotate: 2.959, shiftX: -0.003, shiftY: 0.005, scale: 1.01, blur: 0.972, speckles: 0, blackWhite: false, fold: false, upsideDown: false, quality: 69 }
    const { read, score } = await readCases(round, join(dir, 'pencil'), [
      {
        formPage: 6,
        dpi: 150,
        seed: 58,
        copier,
        rows: [undefined, undefined, { box: 'ja', style: 'tick' }],
        extra: (layout, s) => ({ svg: pencil(layout.rows[0]!.nee, s) + pencil(layout.rows[1]!.ja, s), answers: { 0: 'nee', 1: 'ja' } }),
      },
    ])
    expect(read[0]?.answers.slice(0, 3).map((a) => a.reading)).toEqual(['nee', 'ja', 'ja'])
    expect(score.wrong).toEqual([])
  }, 120_000)

  it('a fold’s crease through a box in black and white is not a second mark', async () => {
    // Copier options of bench page 325 (200 dpi, black and white, JPEG 68); the crease drawn as the
    // threshold leaves it: a thin black line across the page, nearly level.
    const copier = { rotate: 3.53, shiftX: 0.006, shiftY: -0.004, scale: 0.995, blur: 0, speckles: 0, blackWhite: true, fold: false, upsideDown: false, quality: 68 }
    const { read, score } = await readCases(round, join(dir, 'crease'), [
      {
        formPage: 7,
        dpi: 200,
        seed: 324,
        copier,
        rows: [{ box: 'nee', style: 'cross' }, { box: 'ja', style: 'cross' }, { box: 'ja', style: 'tick' }, undefined],
        extra: (layout, s) => {
          // Rising 12 points across the page, through (x, y).
          const through = (x: number, y: number): string =>
            line(
              [
                [30 * s, (y + ((x - 30) * 12) / 535) * s],
                [565 * s, (y - ((565 - x) * 12) / 535) * s],
              ],
              1.1 * s,
              0,
            )
          const [a, b, , d] = layout.rows
          if (!a || !b || !d) throw new Error('four rows expected')
          // Through the middle of row 0's Ja box; along the bottom of row 1's Nee box; through both
          // empty boxes of row 3, as if the row were struck out: that is for a person to decide.
          return {
            svg: through(a.ja.x + a.ja.width / 2, a.ja.y + a.ja.height / 2) + through(b.nee.x + b.nee.width / 2, b.nee.y + b.nee.height - 1.5) + through((d.ja.x + d.nee.x + d.nee.width) / 2, d.ja.y + d.ja.height / 2),
            answers: { 3: 'onduidelijk' },
          }
        },
      },
    ])
    expect(read[0]?.answers.slice(0, 4).map((a) => a.reading)).toEqual(['nee', 'ja', 'ja', 'onduidelijk'])
    expect(score.wrong).toEqual([])
  }, 120_000)
})

describe('signatures on a soft scan', () => {
  it('a thin, light signature and date on a blurred JPEG 30 scan count as signed; a blank line does not', async () => {
    // Copier options of bench page 186 (150 dpi, blurred, JPEG 30, specks).
    const copier = { rotate: -0.839, shiftX: -0.011, shiftY: 0.014, scale: 0.9856, blur: 0.993, speckles: 177, blackWhite: false, fold: false, upsideDown: false, quality: 30 }
    const { read, score } = await readCases(round, join(dir, 'signature'), [
      {
        formPage: 9,
        dpi: 150,
        seed: 185,
        copier,
        rows: [{ box: 'ja', style: 'tick' }],
        extra: (layout, s) => {
          const first = layout.signatures[0]
          if (!first) throw new Error('no signature line')
          // A gentle wave over most of each field, thin and grey, as a light ballpoint leaves it.
          const wave = (f: FormRect, part: number): string =>
            line(
              Array.from({ length: 9 }, (_, i) => [(f.x + f.width * (0.05 + (part * i) / 8)) * s, (f.y + f.height * (i % 2 ? 0.45 : 0.7)) * s] as [number, number]),
              0.8 * s,
              80,
            )
          return { svg: wave(first.sign, 0.85) + wave(first.date, 0.6), signed: [first.slot] }
        },
      },
    ])
    expect(read[0]?.signatures.map((l) => [l.slot, l.signed, l.dated])).toEqual([
      [0, true, true],
      [1, false, false],
    ])
    expect(score.falseSigned).toBe(0)
    expect(score.wrong).toEqual([])
  }, 120_000)
})

// Reading the marks on a straightened form: per purpose the ink inside its Ja and Nee boxes (the
// printed outline left out) and just around them (a tick across the edge), at a threshold set by
// the paper and the ink of that part of the page (a fold's shadow, light pencil); then ja, nee,
// beide, geen or onduidelijk with a confidence. Per signature line: ink in the signature and date
// fields beyond what dust and noise leave.
import type { BoxReading, FormRect } from '../../../shared/scan.ts'
import { apply, type Homography } from './homography.ts'
import { at, type Gray } from './pixels.ts'

/** Grey values sampled over a rectangle of the form (points), every `step` points. */
function samples(img: Gray, h: Homography, r: FormRect, step: number): number[] {
  const out: number[] = []
  for (let y = r.y + step / 2; y < r.y + r.height; y += step) {
    for (let x = r.x + step / 2; x < r.x + r.width; x += step) {
      const p = apply(h, x, y)
      out.push(at(img, p.x, p.y))
    }
  }
  return out
}

const grow = (r: FormRect, by: number): FormRect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by })

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 255
}

export interface Levels {
  /** Grey of the printed black (the corner marks). */
  ink: number
}

/** The grey of the corner marks' middles: the page's own black. */
export function pageLevels(img: Gray, h: Homography, marks: FormRect[]): Levels {
  const inner = marks.flatMap((m) => samples(img, h, grow(m, -3), 1))
  return { ink: percentile(inner, 0.5) }
}

/** Dark enough to be a mark: a little below the local paper, towards the page's black. */
function threshold(img: Gray, h: Homography, around: FormRect, levels: Levels): number {
  const paper = percentile(samples(img, h, around, 1.5), 0.85)
  return paper - 0.4 * Math.max(40, paper - levels.ink)
}

const share = (values: number[], limit: number): number => (values.length === 0 ? 0 : values.filter((v) => v < limit).length / values.length)

const shift = (r: FormRect, dx: number, dy: number): FormRect => ({ ...r, x: r.x + dx, y: r.y + dy })

/** Share of dark along the middle of a box's printed outline. */
function outlineInk(img: Gray, h: Homography, box: FormRect, limit: number): number {
  const values: number[] = []
  for (let t = 0; t <= box.width; t += 0.75) {
    for (const [x, y] of [
      [box.x + t, box.y],
      [box.x + t, box.y + box.height],
      [box.x, box.y + t],
      [box.x + box.width, box.y + t],
    ] as const) {
      const p = apply(h, x, y)
      values.push(at(img, p.x, p.y))
    }
  }
  return share(values, limit)
}

/**
 * The box where it is printed on this scan: the page's transform is right to a point or two (a
 * warped sheet, a transform from three marks); the outline is looked for within 2.5 points.
 */
function alignBox(img: Gray, h: Homography, box: FormRect, limit: number): { box: FormRect; outline: number } {
  let best = { box, outline: outlineInk(img, h, box, limit) }
  for (let dy = -2.5; dy <= 2.5; dy += 0.5) {
    for (let dx = -2.5; dx <= 2.5; dx += 0.5) {
      if (dx === 0 && dy === 0) continue
      const moved = shift(box, dx, dy)
      const outline = outlineInk(img, h, moved, limit)
      if (outline > best.outline + 0.02) best = { box: moved, outline }
    }
  }
  return best
}

/** Ink inside a box (inset past its outline), and in a ring just outside it; `outline` low means the box was not found. */
export function boxInk(img: Gray, h: Homography, printed: FormRect, levels: Levels): { inside: number; ring: number; outline: number } {
  const limit = threshold(img, h, grow(printed, 9), levels)
  const { box, outline } = alignBox(img, h, printed, limit)
  const inside = share(samples(img, h, grow(box, -2), 0.45), limit)
  const ringValues = [
    ...samples(img, h, { x: box.x - 3.6, y: box.y - 3.6, width: box.width + 7.2, height: 2 }, 0.6),
    ...samples(img, h, { x: box.x - 3.6, y: box.y + box.height + 1.6, width: box.width + 7.2, height: 2 }, 0.6),
    ...samples(img, h, { x: box.x - 3.6, y: box.y - 1.6, width: 2, height: box.height + 3.2 }, 0.6),
    ...samples(img, h, { x: box.x + box.width + 1.6, y: box.y - 1.6, width: 2, height: box.height + 3.2 }, 0.6),
  ]
  return { inside, ring: share(ringValues, limit), outline }
}

/** Below this share of its outline, a box was not found where the layout puts it: a person must look. */
const OUTLINE_FOUND = 0.55

/**
 * Below EMPTY a box is empty (an empty box reads under 0.01 even at JPEG quality 30 with specks);
 * from MARKED up it is ticked (a tick covers about 0.2-0.4 of the inside, a cross 0.4-0.7); from
 * SOLID up it is filled in. Between EMPTY and MARKED a person must look.
 */
const EMPTY = 0.01
const MARKED = 0.05
const SOLID = 0.8

/** One number per box: its inside, helped by the ring when a tick lies mostly across the edge. */
const strength = (b: { inside: number; ring: number }): number => Math.max(b.inside, b.ring >= 0.08 ? Math.min(b.ring, 0.3) * 0.8 : 0)

export function decide(ja: { inside: number; ring: number; outline?: number }, nee: { inside: number; ring: number; outline?: number }): { reading: BoxReading; confidence: number } {
  if ((ja.outline ?? 1) < OUTLINE_FOUND || (nee.outline ?? 1) < OUTLINE_FOUND) return { reading: 'onduidelijk', confidence: 0.1 }
  const j = strength(ja)
  const n = strength(nee)
  const hi = Math.max(j, n)
  const lo = Math.min(j, n)
  const clamp = (c: number): number => Math.round(Math.max(0, Math.min(1, c)) * 100) / 100
  if (hi < EMPTY) return { reading: 'geen', confidence: clamp(1 - hi / EMPTY / 2) }
  if (hi >= MARKED && lo < EMPTY) return { reading: j > n ? 'ja' : 'nee', confidence: clamp(0.75 + 0.25 * Math.min(1, (hi - MARKED) / 0.1) - lo / EMPTY / 4) }
  if (lo >= MARKED) {
    // Both marked. One filled in solid and the other not: most likely a correction, but which way
    // round is the parent's to say; the same kind of mark in both is both ticked.
    if (hi >= SOLID && lo < hi - 0.2) return { reading: 'onduidelijk', confidence: 0.4 }
    return { reading: 'beide', confidence: clamp(0.6 + Math.min(0.35, lo)) }
  }
  return { reading: 'onduidelijk', confidence: clamp(0.3 + (0.2 * Math.abs(j - n)) / Math.max(hi, 0.01)) }
}

/** Ink over a signature or date field: present when clearly more than a speck. */
export function fieldInk(img: Gray, h: Homography, field: FormRect, levels: Levels): { present: boolean; ink: number; confidence: number } {
  const limit = threshold(img, h, grow(field, 4), levels)
  const ink = share(samples(img, h, field, 0.6), limit)
  const present = ink >= 0.012
  const confidence = present ? Math.min(1, 0.6 + ink * 8) : Math.min(1, 1 - ink / 0.012 / 2)
  return { present, ink, confidence: Math.round(confidence * 100) / 100 }
}

// Reading the marks on a straightened form: per purpose the strokes inside its Ja and Nee boxes
// (the printed outline left out, specks and a line running through left out) and the ink just
// around them (a tick across the edge), at thresholds set by the paper and the ink of that part of
// the page (a fold's shadow, light pencil); then ja, nee, beide, geen or onduidelijk with a confidence.
import type { BoxReading, FormRect } from '../../../shared/scan.ts'
import { apply, type Homography } from './homography.ts'
import { darkLimit, faintLimits, grid, grow, samples, share, strokes, type Levels } from './ink.ts'
import { at, type Gray } from './pixels.ts'

export { fieldInk, pageLevels } from './ink.ts'

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

export interface BoxInk {
  /** Share of the inside (inset past the outline) darker than the box's threshold. */
  inside: number
  /** The same in a ring just outside the box (a tick across the edge). */
  ring: number
  /** Share of the printed outline found dark: low means the box was not found. */
  outline: number
  /** Share of the inside in strokes: ink in pieces at least STROKE long, not specks, not a line running through. */
  stroke: number
  /** The same at a lighter threshold (light pencil). */
  faint: number
  /** The longest piece of ink inside, in points. */
  extent: number
  /** A thin straight line ran through the box and on beyond both sides (a fold's crease in black and white, a ruler's line): left out. */
  line: boolean
}

/** Ink shorter than this (points) inside a box is a speck of dust or toner, not a mark. */
const STROKE = 3.5
const INSET = 2
const STEP = 0.45

/** Ink inside a box (inset past its outline), and in a ring just outside it; `outline` low means the box was not found. */
export function boxInk(img: Gray, h: Homography, printed: FormRect, levels: Levels): BoxInk {
  const { range, limit } = darkLimit(img, h, grow(printed, 9), levels)
  const { box, outline } = alignBox(img, h, printed, limit)
  const inner = grow(box, -INSET)
  const g = grid(img, h, inner, STEP)
  // Light pencil: darker than the paper of its own row of the box and just beside it.
  const beside = (r: number): number[] => {
    const y = inner.y + (r + 0.5) * STEP - 0.25
    return [...samples(img, h, { x: box.x - 4.5, y, width: 2, height: 0.5 }, 0.5), ...samples(img, h, { x: box.x + box.width + 2.2, y, width: 2, height: 0.5 }, 0.5)]
  }
  const light = faintLimits(g, limit, range, beside)
  // Nothing at all inside (most boxes): no strokes to count, and a line that misses the inside does not matter.
  const any = g.values.some((v, i) => v < (light[Math.floor(i / g.cols)] as number))
  const crease = any ? lineThrough(img, h, box, limit) : undefined
  const onCrease = (i: number): boolean => {
    if (!crease) return false
    const c = i % g.cols
    const x = inner.x + (c + 0.5) * STEP
    const y = inner.y + ((i - c) / g.cols + 0.5) * STEP
    const t = (x - crease.x0) / (crease.x1 - crease.x0)
    return Math.abs(y - (crease.y0 + t * (crease.y1 - crease.y0))) <= crease.half
  }
  const { stroke, faint, extent } = any ? strokes(g, limit, light, STROKE, onCrease) : { stroke: 0, faint: 0, extent: 0 }
  const ringValues = [
    ...samples(img, h, { x: box.x - 3.6, y: box.y - 3.6, width: box.width + 7.2, height: 2 }, 0.6),
    ...samples(img, h, { x: box.x - 3.6, y: box.y + box.height + 1.6, width: box.width + 7.2, height: 2 }, 0.6),
    ...samples(img, h, { x: box.x - 3.6, y: box.y - 1.6, width: 2, height: box.height + 3.2 }, 0.6),
    ...samples(img, h, { x: box.x + box.width + 1.6, y: box.y - 1.6, width: 2, height: box.height + 3.2 }, 0.6),
  ]
  return { inside: share(g.values, limit), ring: share(ringValues, limit), outline, stroke, faint, extent, line: crease !== undefined }
}

/**
 * A thin straight line running past the box on both sides, nearly level (a fold's crease that the
 * copier's black and white made a line, a ruler's line through the row): where it crosses the box,
 * from the dark bands found just left and right of it. Undefined when there is none.
 */
function lineThrough(img: Gray, h: Homography, box: FormRect, limit: number): { x0: number; y0: number; x1: number; y1: number; half: number } | undefined {
  const bands = (x: number): { y: number; tall: number }[] => {
    const out: { y: number; tall: number }[] = []
    let start: number | undefined
    for (let y = box.y - 3; y <= box.y + box.height + 3.01; y += 0.5) {
      const dark = share(samples(img, h, { x, y: y - 0.25, width: 2, height: 0.5 }, 0.5), limit) >= 0.5
      if (dark && start === undefined) start = y
      if (!dark && start !== undefined) {
        out.push({ y: (start + y - 0.5) / 2, tall: y - start })
        start = undefined
      }
    }
    return out.filter((b) => b.tall <= 2.5)
  }
  const x0 = box.x - 3.5
  const x1 = box.x + box.width + 3.2
  for (const l of bands(x0 - 1)) {
    for (const r of bands(x1 - 1)) {
      if (Math.abs(l.y - r.y) <= 0.11 * (x1 - x0)) return { x0, y0: l.y, x1, y1: r.y, half: Math.max(l.tall, r.tall) / 2 + 0.6 }
    }
  }
  return undefined
}

/** Below this share of its outline, a box was not found where the layout puts it: a person must look. */
const OUTLINE_FOUND = 0.55

/**
 * Ink in strokes, at the light threshold (so light pencil counts): below EMPTY a box is empty (specks
 * are not strokes, and an empty box reads 0 even at JPEG quality 30, folded, in black and white);
 * from MARKED up it is marked (light pencil reads 0.24 or more, a tick 0.16-0.64, a cross 0.45-0.9);
 * in between a person must look. From SOLID up (dark ink only) a box is filled in.
 */
const EMPTY = 0.03
const MARKED = 0.1
const SOLID = 0.8

type Measured = { inside: number; ring: number; outline?: number; stroke?: number; faint?: number; line?: boolean }

/** One number per box: its strokes inside, helped by the ring when a tick lies mostly across the edge. */
const strength = (b: Measured): number => Math.max(b.faint ?? b.inside, b.ring >= 0.08 ? Math.min(b.ring, 0.3) * 0.8 : 0)

export function decide(ja: Measured, nee: Measured): { reading: BoxReading; confidence: number } {
  if ((ja.outline ?? 1) < OUTLINE_FOUND || (nee.outline ?? 1) < OUTLINE_FOUND) return { reading: 'onduidelijk', confidence: 0.1 }
  const j = strength(ja)
  const n = strength(nee)
  const hi = Math.max(j, n)
  const lo = Math.min(j, n)
  const clamp = (c: number): number => Math.round(Math.max(0, Math.min(1, c)) * 100) / 100
  // A line through a box was left out of it: the reading stands, a little less sure.
  const crossed = ja.line || nee.line ? 0.9 : 1
  // A line through a row with nothing else in its boxes may be the row struck out: a person decides.
  if (hi < EMPTY && crossed < 1) return { reading: 'onduidelijk', confidence: 0.4 }
  if (hi < EMPTY) return { reading: 'geen', confidence: clamp(1 - hi / EMPTY / 2) }
  if (hi >= MARKED && lo < EMPTY) return { reading: j > n ? 'ja' : 'nee', confidence: clamp(crossed * (0.75 + 0.25 * Math.min(1, (hi - MARKED) / 0.1) - lo / EMPTY / 4)) }
  if (lo >= MARKED) {
    // Both marked. One filled in solid and the other not: most likely a correction, but which way
    // round is the parent's to say; the same kind of mark in both is both ticked.
    const dj = ja.stroke ?? ja.inside
    const dn = nee.stroke ?? nee.inside
    if (Math.max(dj, dn) >= SOLID && Math.min(dj, dn) < Math.max(dj, dn) - 0.2) return { reading: 'onduidelijk', confidence: 0.4 }
    return { reading: 'beide', confidence: clamp(crossed * (0.6 + Math.min(0.35, lo))) }
  }
  return { reading: 'onduidelijk', confidence: clamp(0.3 + (0.2 * Math.abs(j - n)) / Math.max(hi, 0.01)) }
}

// What the reader measures ink with, on a straightened form: grey values sampled over a rectangle
// of the form (PDF points) through the page's transform, the page's own black from its corner
// marks, a dark threshold from the local paper, a light one per row of samples (a fold's shadow
// darkens the paper gradually), and connected pieces of ink, so that a speck is told from a stroke.
// Per signature line: strokes in the signature and date fields.
import type { FormRect } from '../../../shared/scan.ts'
import { apply, type Homography } from './homography.ts'
import { at, type Gray } from './pixels.ts'

/** Grey values sampled over a rectangle of the form (points), every `step` points. */
export function samples(img: Gray, h: Homography, r: FormRect, step: number): number[] {
  const out: number[] = []
  for (let y = r.y + step / 2; y < r.y + r.height; y += step) {
    for (let x = r.x + step / 2; x < r.x + r.width; x += step) {
      const p = apply(h, x, y)
      out.push(at(img, p.x, p.y))
    }
  }
  return out
}

export const grow = (r: FormRect, by: number): FormRect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by })

export function percentile(values: number[], q: number): number {
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

export const share = (values: number[], limit: number): number => (values.length === 0 ? 0 : values.filter((v) => v < limit).length / values.length)

export interface Grid {
  values: number[]
  cols: number
  rows: number
  step: number
}

/** Grey values over a rectangle of the form on a grid of `step` points, row by row. */
export function grid(img: Gray, h: Homography, r: FormRect, step: number): Grid {
  const values = samples(img, h, r, step)
  const cols = Math.max(1, Math.ceil(r.width / step - 0.5))
  return { values, cols, rows: Math.round(values.length / cols), step }
}

/** The dark threshold of a part of the page: below its paper, 0.4 of the way to the page's black; and that way's length. */
export function darkLimit(img: Gray, h: Homography, around: FormRect, levels: Levels): { paper: number; range: number; limit: number } {
  const paper = percentile(samples(img, h, around, 1.5), 0.85)
  const range = Math.max(40, paper - levels.ink)
  return { paper, range, limit: paper - 0.4 * range }
}

/** Per grid row, the light threshold: a sixth of the way to black below that row's paper (and its `extra` samples beside), never above `limit`. */
export function faintLimits(g: Grid, limit: number, range: number, extra: (row: number) => number[] = () => []): number[] {
  const out: number[] = []
  for (let r = 0; r < g.rows; r++) out.push(Math.max(limit, percentile([...g.values.slice(r * g.cols, (r + 1) * g.cols), ...extra(r)], 0.7) - 0.16 * range))
  return out
}

/**
 * Ink in strokes: pieces of light-threshold ink at least `long` points across (specks left out, and
 * any cell `skip` says). `faint` is their share of the grid, `stroke` the share of it that is also
 * dark, `extent` the longest piece.
 */
export function strokes(g: Grid, limit: number, faint: number[], long: number, skip: (i: number) => boolean = () => false): { stroke: number; faint: number; extent: number } {
  const ink = (i: number): boolean => (g.values[i] as number) < (faint[Math.floor(i / g.cols)] as number) && !skip(i)
  let dark = 0
  let light = 0
  let extent = 0
  for (const cells of pieces(g, ink)) {
    let minC = g.cols
    let maxC = 0
    let minR = g.rows
    let maxR = 0
    for (const i of cells) {
      const c = i % g.cols
      const r = (i - c) / g.cols
      minC = Math.min(minC, c)
      maxC = Math.max(maxC, c)
      minR = Math.min(minR, r)
      maxR = Math.max(maxR, r)
    }
    const across = (Math.max(maxC - minC, maxR - minR) + 1) * g.step
    if (across < long) continue
    extent = Math.max(extent, across)
    light += cells.length
    dark += cells.filter((i) => (g.values[i] as number) < limit).length
  }
  const n = Math.max(1, g.values.length)
  return { stroke: dark / n, faint: light / n, extent }
}

/** Pieces of connected ink (8-neighbours) in a grid where `ink` says so: their cells. */
function pieces(g: Grid, ink: (i: number) => boolean): number[][] {
  const seen = new Uint8Array(g.values.length)
  const out: number[][] = []
  for (let start = 0; start < g.values.length; start++) {
    if (seen[start] || !ink(start)) continue
    const cells: number[] = []
    const stack = [start]
    seen[start] = 1
    while (stack.length > 0) {
      const i = stack.pop() as number
      cells.push(i)
      const c = i % g.cols
      const r = (i - c) / g.cols
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr
          const cc = c + dc
          if (rr < 0 || cc < 0 || rr >= g.rows || cc >= g.cols) continue
          const j = rr * g.cols + cc
          if (seen[j] || !ink(j)) continue
          seen[j] = 1
          stack.push(j)
        }
      }
    }
    out.push(cells)
  }
  return out
}

/** A signature or a written date is a stroke this long or longer (points); dust is not. */
const WRITING = 5

/**
 * Ink over a signature or date field: present when strokes cover clearly more than specks do
 * (a blank field reads 0 even at JPEG quality 30; the lightest signature on a soft scan 0.06).
 */
export function fieldInk(img: Gray, h: Homography, field: FormRect, levels: Levels): { present: boolean; ink: number; confidence: number } {
  const { range, limit } = darkLimit(img, h, grow(field, 4), levels)
  const g = grid(img, h, field, 0.6)
  // Clearly written on (specks never cover 3 % of a field): no need to look for light strokes.
  const dark = share(g.values, limit)
  const ink = dark >= 0.03 ? dark : strokes(g, limit, faintLimits(g, limit, range), WRITING).faint
  const present = ink >= 0.012
  const confidence = present ? Math.min(1, 0.6 + ink * 8) : Math.min(1, 1 - ink / 0.012 / 2)
  return { present, ink, confidence: Math.round(confidence * 100) / 100 }
}

// Finding the four corner marks on a scanned page: in a window at each corner of the picture, the
// dark blobs (at a threshold between that window's paper and black) that are solid squares of the
// marks' size, nearest the corner first; then the set of four whose spacing fits an A4 page. A
// page scanned upside down or sideways has its marks in the same places: the QR code tells which.
import type { Point } from './homography.ts'
import type { Gray } from './pixels.ts'

export interface Blob {
  centre: Point
  /** The side of a square with the blob's area, in pixels. */
  side: number
}

/** The marks' centres on the form (points), and their side. */
export const MARK_CENTRES = { spanX: 595.28 - 2 * 26, spanY: 841.89 - 2 * 26, side: 12 } as const

const WINDOW = { x: 0.24, y: 0.2 }

interface Piece {
  area: number
  /** Centre of mass, in the picture. */
  centre: Point
  /** Bounds in the window. */
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** The window's dark pieces (4-connected, below halfway from its paper to black), and its dark mask. */
function darkPieces(img: Gray, x0: number, y0: number, w: number, h: number): { pieces: Piece[]; mask: Uint8Array } {
  const { data, width } = img
  // Paper: a high percentile of the window; dark: below halfway to black.
  const hist = new Uint32Array(256)
  for (let y = y0; y < y0 + h; y += 3) for (let x = x0; x < x0 + w; x += 3) hist[data[y * width + x] as number] = (hist[data[y * width + x] as number] as number) + 1
  let total = 0
  for (const n of hist) total += n
  let seen = 0
  let paper = 255
  for (let v = 255; v >= 0; v--) {
    seen += hist[v] as number
    if (seen >= total * 0.1) {
      paper = v
      break
    }
  }
  const threshold = paper * 0.5
  const mask = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * width + x0
    for (let x = 0; x < w; x++) if ((data[row + x] as number) < threshold) mask[y * w + x] = 1
  }
  const pieces: Piece[] = []
  const stack: number[] = []
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1) continue
    mask[start] = 2
    stack.push(start)
    let area = 0
    let sx = 0
    let sy = 0
    let minX = w
    let maxX = 0
    let minY = h
    let maxY = 0
    while (stack.length > 0) {
      const i = stack.pop() as number
      const x = i % w
      const y = (i - x) / w
      area++
      sx += x
      sy += y
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
      const visit = (j: number): void => {
        if (mask[j] !== 1) return
        mask[j] = 2
        stack.push(j)
      }
      if (x > 0) visit(i - 1)
      if (x < w - 1) visit(i + 1)
      if (y > 0) visit(i - w)
      if (y < h - 1) visit(i + w)
    }
    pieces.push({ area, centre: { x: x0 + sx / area, y: y0 + sy / area }, minX, minY, maxX, maxY })
  }
  return { pieces, mask }
}

/** Solid, squarish dark blobs in one window of the picture, nearest the picture's corner first. */
export function blobsInWindow(img: Gray, x0: number, y0: number, w: number, h: number, corner: Point, minSide: number, maxSide: number): Blob[] {
  const { pieces, mask } = darkPieces(img, x0, y0, w, h)
  const blobs: (Blob & { distance: number })[] = []
  for (const { area, centre, minX, minY, maxX, maxY } of pieces) {
    const bw = maxX - minX + 1
    const bh = maxY - minY + 1
    const side = Math.sqrt(area)
    if (side < minSide || side > maxSide) continue
    if (area / (bw * bh) < 0.68 || bw / bh < 0.7 || bw / bh > 1.43) continue
    // Touching the window's edge: part of something bigger (a dark border of the scan).
    if (minX === 0 || minY === 0 || maxX === w - 1 || maxY === h - 1) continue
    if (!standsAlone(mask, w, h, minX, minY, maxX, maxY, side)) continue
    blobs.push({ centre, side, distance: Math.hypot(centre.x - corner.x, centre.y - corner.y) })
  }
  return blobs.sort((a, b) => a.distance - b.distance).slice(0, 3)
}

/**
 * A corner mark cut off by the picture's edge (a sheet turned on the copier's glass): a solid piece
 * against that edge, as tall (or wide) as a whole mark along it. Its centre is where the whole mark's
 * would be, from the edge it still shows: `half` is half the mark's extent in the picture (turned
 * marks are wider than their side). The piece nearest `near`, or undefined.
 */
export function cutMark(img: Gray, x0: number, y0: number, w: number, h: number, near: Point, half: number): Point | undefined {
  const { pieces, mask } = darkPieces(img, x0, y0, w, h)
  let best: { centre: Point; distance: number } | undefined
  for (const { area, minX, minY, maxX, maxY } of pieces) {
    const left = x0 + minX === 0
    const right = x0 + maxX === img.width - 1
    const top = y0 + minY === 0
    const bottom = y0 + maxY === img.height - 1
    if (!(left || right || top || bottom)) continue
    // Against the window's edge inside the picture: part of something bigger.
    if ((minX === 0 && !left) || (minY === 0 && !top) || (maxX === w - 1 && !right) || (maxY === h - 1 && !bottom)) continue
    const bw = maxX - minX + 1
    const bh = maxY - minY + 1
    if (area < 0.6 * bw * bh) continue
    const spans = (extent: number, cut: boolean): boolean => (cut ? extent >= 0.3 * half && extent <= 2.3 * half : extent >= 1.5 * half && extent <= 2.4 * half)
    if (!spans(bw, left || right) || !spans(bh, top || bottom)) continue
    if (!standsAlone(mask, w, h, minX, minY, maxX, maxY, half * 1.8)) continue
    const x = left ? x0 + maxX + 0.5 - half : right ? x0 + minX - 0.5 + half : x0 + (minX + maxX + 1) / 2
    const y = top ? y0 + maxY + 0.5 - half : bottom ? y0 + minY - 0.5 + half : y0 + (minY + maxY + 1) / 2
    const distance = Math.hypot(x - near.x, y - near.y)
    if (!best || distance < best.distance) best = { centre: { x, y }, distance }
  }
  return best?.centre
}

/**
 * A corner mark has clear paper around it; a bold letter of the heading, a QR code's finder square
 * or a blot in a word has ink close by. Dark share of the band from 0.35 to 0.75 of a side around
 * the blob's bounds (`mask` is non-zero where dark), outside the window counted as paper.
 */
function standsAlone(mask: Uint8Array, w: number, h: number, minX: number, minY: number, maxX: number, maxY: number, side: number): boolean {
  const near = Math.max(1, Math.round(side * 0.35))
  const far = Math.max(near + 1, Math.round(side * 0.75))
  let dark = 0
  let all = 0
  for (let y = minY - far; y <= maxY + far; y++) {
    for (let x = minX - far; x <= maxX + far; x++) {
      if (x >= minX - near && x <= maxX + near && y >= minY - near && y <= maxY + near) continue
      all++
      if (x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] !== 0) dark++
    }
  }
  return dark <= all * 0.04
}

export interface FoundMarks {
  /** The picture's top-left, top-right, bottom-right and bottom-left marks (picture order, not the form's). */
  corners: [Point, Point, Point, Point]
  /** Pixels per point, from the marks' spacing. */
  scale: number
  /** True when the picture holds the page sideways (its long side across). */
  sideways: boolean
  /** How many of the four were found (a fourth can be completed from three). */
  found: number
}

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y)

/** Do four corners (picture order) sit like the marks of an A4 page, upright or sideways? */
function fits(c: Point[], sides: number[]): { scale: number; sideways: boolean } | undefined {
  const [tl, tr, br, bl] = c as [Point, Point, Point, Point]
  const across = (dist(tl, tr) + dist(bl, br)) / 2
  const down = (dist(tl, bl) + dist(tr, br)) / 2
  for (const sideways of [false, true]) {
    const sx = across / (sideways ? MARK_CENTRES.spanY : MARK_CENTRES.spanX)
    const sy = down / (sideways ? MARK_CENTRES.spanX : MARK_CENTRES.spanY)
    if (Math.abs(sx - sy) / Math.max(sx, sy) > 0.12) continue
    const scale = (sx + sy) / 2
    if (sides.some((s) => s > 0 && Math.abs(s / (MARK_CENTRES.side * scale) - 1) > 0.45)) continue
    return { scale, sideways }
  }
  return undefined
}

/** The four corner marks, or undefined when the picture does not show them (not a form, or cut off). */
export function findMarks(img: Gray): FoundMarks | undefined {
  const w = Math.round(img.width * WINDOW.x)
  const h = Math.round(img.height * WINDOW.y)
  // A mark is 12 pt: between a photo of the page at a third of the picture and a scan a little enlarged.
  const pageScale = Math.max(img.width, img.height) / 842
  const minSide = Math.max(4, MARK_CENTRES.side * pageScale * 0.3)
  const maxSide = MARK_CENTRES.side * pageScale * 1.5
  const windows: [number, number, Point][] = [
    [0, 0, { x: 0, y: 0 }],
    [img.width - w, 0, { x: img.width, y: 0 }],
    [img.width - w, img.height - h, { x: img.width, y: img.height }],
    [0, img.height - h, { x: 0, y: img.height }],
  ]
  const options = windows.map(([x, y, corner]) => blobsInWindow(img, x, y, w, h, corner, minSide, maxSide))
  const pick = (i: number, k: number): Blob | undefined => options[i]?.[k]
  for (let k0 = 0; k0 < 3; k0++)
    for (let k1 = 0; k1 < 3; k1++)
      for (let k2 = 0; k2 < 3; k2++)
        for (let k3 = 0; k3 < 3; k3++) {
          const set = [pick(0, k0), pick(1, k1), pick(2, k2), pick(3, k3)]
          if (set.some((b) => !b)) continue
          const blobs = set as Blob[]
          const c = blobs.map((b) => b.centre)
          const ok = fits(
            c,
            blobs.map((b) => b.side),
          )
          if (ok) return { corners: c as FoundMarks['corners'], ...ok, found: 4 }
        }
  // One mark missing (a staple, a torn corner, a thumb): complete the parallelogram from the other three.
  for (let missing = 0; missing < 4; missing++) {
    const others = [0, 1, 2, 3].filter((i) => i !== missing)
    if (others.some((i) => !pick(i, 0))) continue
    const c = [0, 1, 2, 3].map((i) => pick(i, 0)?.centre) as (Point | undefined)[]
    const prev = c[(missing + 3) % 4] as Point
    const next = c[(missing + 1) % 4] as Point
    const opposite = c[(missing + 2) % 4] as Point
    c[missing] = { x: prev.x + next.x - opposite.x, y: prev.y + next.y - opposite.y }
    const ok = fits(
      c as Point[],
      others.map((i) => pick(i, 0)?.side ?? 0),
    )
    if (ok) return { corners: c as FoundMarks['corners'], ...ok, found: 3 }
  }
  return undefined
}

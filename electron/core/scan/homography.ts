// The page's transform: from the form's own coordinates (PDF points) to the scan's pixels, fixed by
// the four corner marks. A homography, so a phone photo taken a little at an angle maps as well as
// a scanner's rotation, shift and scale. Pure arithmetic, no dependencies.

export interface Point {
  x: number
  y: number
}

/** Row-major 3x3, h[8] = 1. */
export type Homography = number[]

/** Solves A x = b in place (Gaussian elimination with partial pivoting); undefined when singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length
  for (let c = 0; c < n; c++) {
    let pivot = c
    for (let r = c + 1; r < n; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number)) pivot = r
    if (Math.abs((a[pivot] as number[])[c] as number) < 1e-12) return undefined
    ;[a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]]
    ;[b[c], b[pivot]] = [b[pivot] as number, b[c] as number]
    const row = a[c] as number[]
    for (let r = c + 1; r < n; r++) {
      const other = a[r] as number[]
      const f = (other[c] as number) / (row[c] as number)
      if (f === 0) continue
      for (let k = c; k < n; k++) other[k] = (other[k] as number) - f * (row[k] as number)
      b[r] = (b[r] as number) - f * (b[c] as number)
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] as number[]
    let s = b[r] as number
    for (let k = r + 1; k < n; k++) s -= (row[k] as number) * (x[k] as number)
    x[r] = s / (row[r] as number)
  }
  return x
}

/** The homography that takes each `from` point to the `to` point with the same index (four of each). */
export function homography(from: Point[], to: Point[]): Homography | undefined {
  const a: number[][] = []
  const b: number[] = []
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i] as Point
    const { x: u, y: v } = to[i] as Point
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y])
    b.push(u)
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y])
    b.push(v)
  }
  const h = solve(a, b)
  return h ? [...h, 1] : undefined
}

export function apply(h: Homography, x: number, y: number): Point {
  const w = (h[6] as number) * x + (h[7] as number) * y + 1
  return { x: ((h[0] as number) * x + (h[1] as number) * y + (h[2] as number)) / w, y: ((h[3] as number) * x + (h[4] as number) * y + (h[5] as number)) / w }
}

/** The affine transform that best takes `from` to `to` (least squares, three points or more), as a homography. */
export function affineFit(from: Point[], to: Point[]): Homography | undefined {
  // Normal equations: [x y 1] rows, once for u and once for v.
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ]
  const bu = [0, 0, 0]
  const bv = [0, 0, 0]
  for (let i = 0; i < from.length; i++) {
    const row = [(from[i] as Point).x, (from[i] as Point).y, 1]
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) (m[a] as number[])[b] = ((m[a] as number[])[b] as number) + (row[a] as number) * (row[b] as number)
      bu[a] = (bu[a] as number) + (row[a] as number) * (to[i] as Point).x
      bv[a] = (bv[a] as number) + (row[a] as number) * (to[i] as Point).y
    }
  }
  const u = solve(
    m.map((r) => [...r]),
    bu,
  )
  const v = solve(
    m.map((r) => [...r]),
    bv,
  )
  return u && v ? [...u, ...v, 0, 0, 1] : undefined
}

/** Turn, scale and shift that take two points to two others exactly (a scanner's transform, from two marks). */
export function similarity(from: [Point, Point], to: [Point, Point]): Homography | undefined {
  const [z1, z2] = from
  const [w1, w2] = to
  const dx = z2.x - z1.x
  const dy = z2.y - z1.y
  const d = dx * dx + dy * dy
  if (d < 1e-9) return undefined
  const ux = w2.x - w1.x
  const uy = w2.y - w1.y
  // a = (w2 - w1) / (z2 - z1) as complex numbers.
  const ar = (ux * dx + uy * dy) / d
  const ai = (uy * dx - ux * dy) / d
  return [ar, -ai, w1.x - (ar * z1.x - ai * z1.y), ai, ar, w1.y - (ai * z1.x + ar * z1.y), 0, 0, 1]
}

// Where the form lies in the picture: its transform and its QR code. From the four corner marks
// when they are all there (upright first, then upside down; sideways both quarter turns). When a
// copier cut a corner off or the page lies too far off, from the QR code's own corners, which
// place the page roughly, and the marks found near where that puts them: two or more give a
// transform good enough for the boxes (each box is then found by its outline); fewer, and the
// page is not read.
import { cornerMarks, QR_SIDE } from '../documents/consent-form-layout.ts'
import { MARGIN, PAGE } from '../documents/pdf-base.ts'
import { affineFit, apply, homography, similarity, type Homography, type Point } from './homography.ts'
import { blobsInWindow, cutMark, findMarks, MARK_CENTRES, type FoundMarks } from './marks.ts'
import type { Gray } from './pixels.ts'
import { readQr, type QrHit } from './qr-code.ts'

const FORM_MARKS = cornerMarks().map((m) => ({ x: m.x + m.width / 2, y: m.y + m.height / 2 }))
const QR_RECT = { x: PAGE.width - MARGIN.right - QR_SIDE, y: 26, width: QR_SIDE, height: QR_SIDE }

export interface Located {
  h: Homography
  qr: QrHit
  /** Quarter turns clockwise of the form in the picture: 2 is upside down. */
  turn: number
}

function transformFor(marks: FoundMarks, turn: number): Homography | undefined {
  const to = [0, 1, 2, 3].map((j) => marks.corners[(j + turn) % 4] as Point)
  return homography(FORM_MARKS, to)
}

function qrBox(h: Homography): { x0: number; y0: number; x1: number; y1: number } {
  const m = 16
  const c = [
    apply(h, QR_RECT.x - m, QR_RECT.y - m),
    apply(h, QR_RECT.x + QR_RECT.width + m, QR_RECT.y - m),
    apply(h, QR_RECT.x + QR_RECT.width + m, QR_RECT.y + QR_RECT.height + m),
    apply(h, QR_RECT.x - m, QR_RECT.y + QR_RECT.height + m),
  ]
  return { x0: Math.min(...c.map((p) => p.x)), y0: Math.min(...c.map((p) => p.y)), x1: Math.max(...c.map((p) => p.x)), y1: Math.max(...c.map((p) => p.y)) }
}

/** The QR symbol's corners on the form: drawQr keeps a quiet zone of two modules inside its square. */
function formQrCorners(version: number): Point[] {
  const size = 17 + 4 * version
  const unit = QR_SIDE / (size + 4)
  const x0 = QR_RECT.x + 2 * unit
  const y0 = QR_RECT.y + 2 * unit
  const side = size * unit
  return [
    { x: x0, y: y0 },
    { x: x0 + side, y: y0 },
    { x: x0 + side, y: y0 + side },
    { x: x0, y: y0 + side },
  ]
}

/** The quarter turn that a transform puts the form's top edge in. */
function turnOf(h: Homography): number {
  const a = apply(h, 100, 400)
  const b = apply(h, 500, 400)
  const angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI
  return ((Math.round(angle / 90) % 4) + 4) % 4
}

/** From the QR code's corners and the marks near where they put them. */
function fromQr(img: Gray, qr: QrHit): Homography | undefined {
  if (qr.version < 1) return undefined
  const qrForm = formQrCorners(qr.version)
  const rough = affineFit(qrForm, qr.corners)
  if (!rough) return undefined
  const scale = Math.hypot(rough[0] as number, rough[3] as number)
  const from: Point[] = []
  const to: Point[] = []
  for (const m of FORM_MARKS) {
    const p = apply(rough, m.x, m.y)
    const r = 40 * scale
    const x0 = Math.max(0, Math.round(p.x - r))
    const y0 = Math.max(0, Math.round(p.y - r))
    const w = Math.min(img.width, Math.round(p.x + r)) - x0
    const h = Math.min(img.height, Math.round(p.y + r)) - y0
    if (w < 8 || h < 8) continue
    const side = MARK_CENTRES.side * scale
    // A whole mark; else, where the window runs off the picture, a mark cut off by its edge.
    const turn = Math.atan2(rough[3] as number, rough[0] as number)
    const found = blobsInWindow(img, x0, y0, w, h, p, side * 0.6, side * 1.4)[0]?.centre ?? cutMark(img, x0, y0, w, h, p, (side / 2) * (Math.abs(Math.cos(turn)) + Math.abs(Math.sin(turn))))
    if (!found || Math.hypot(found.x - p.x, found.y - p.y) > 30 * scale) continue
    from.push(m)
    to.push(found)
  }
  // The code's corners only place the page roughly (they are close together); the marks fix it:
  // three or more give an affine transform, two a scanner's turn, scale and shift; one, with the
  // code's centre across the page from it (a sheet turned so far that three corners fell off the glass), the same.
  if (from.length >= 3) return affineFit(from, to)
  if (from.length === 2) return similarity(from as [Point, Point], to as [Point, Point])
  const qrCentre = { x: QR_RECT.x + QR_RECT.width / 2, y: QR_RECT.y + QR_RECT.height / 2 }
  if (from.length === 1 && Math.hypot((from[0] as Point).x - qrCentre.x, (from[0] as Point).y - qrCentre.y) > 300) return similarity([from[0] as Point, qrCentre], [to[0] as Point, qr.centre])
  return undefined
}

/** How far (points) the code's centre is from where the transform puts it. */
function offBy(h: Homography, qr: QrHit): number {
  const c = apply(h, QR_RECT.x + QR_RECT.width / 2, QR_RECT.y + QR_RECT.height / 2)
  const scale = Math.hypot(h[0] as number, h[3] as number)
  return Math.hypot(c.x - qr.centre.x, c.y - qr.centre.y) / scale
}

export type Location = { found: Located } | { qrOnly: QrHit } | { nothing: true }

export async function locate(img: Gray): Promise<Location> {
  const marks = findMarks(img)
  if (marks) {
    for (const turn of marks.sideways ? [3, 1] : [0, 2]) {
      const h = transformFor(marks, turn)
      if (!h) continue
      const qr = await readQr(img, qrBox(h))
      // The code must sit where the marks put it (a mark taken for another blob, or a fourth mark
      // guessed on a photo in perspective, shows here); else the code's own corners decide.
      if (qr && offBy(h, qr) <= 5) return { found: { h, qr, turn } }
      if (qr) break
    }
  }
  const qr = await readQr(img, { x0: 0, y0: 0, x1: img.width, y1: img.height })
  if (!qr) return { nothing: true }
  const h = fromQr(img, qr)
  return h ? { found: { h, qr, turn: turnOf(h) } } : { qrOnly: qr }
}

// The pixel half of reading one page, which needs no register and so runs in a page reader's own
// thread (pool.ts): the corner marks and the page's transform, the QR code, then (once the core has
// said which layout the code names) each purpose's boxes, each signature line, and the straightened
// picture written to disk. The register half (page.ts) turns what it finds into a ScannedPage.
import type { ScannedAnswer, ScannedSignature } from '../../../shared/scan.ts'
import type { SheetLayout } from '../documents/consent-form-layout.ts'
import { boxInk, decide, fieldInk, pageLevels } from './boxes.ts'
import type { Homography } from './homography.ts'
import { locate } from './locate.ts'
import type { Gray } from './pixels.ts'
import { writeStraightened } from './straighten.ts'

/** A signature line as the pixels show it; the core adds the guardian printed on it. */
export type SignatureMarks = Omit<ScannedSignature, 'guardianId'>

export interface PageMarks {
  answers: ScannedAnswer[]
  signatures: SignatureMarks[]
}

/** What the pixels of one page say. */
export type PixelReading =
  /** The picture could not be decoded (damaged, or a kind sharp does not know). */
  | { kind: 'undecodable' }
  /** Neither corner marks nor a code. */
  | { kind: 'nothing' }
  /** A code, but no transform for the page (corners cut off, folded, too far turned). */
  | { kind: 'qrOnly'; text: string }
  /** Marks and code found; `marks` when the core gave a layout for the code (then the picture is written to `imagePath`). */
  | { kind: 'found'; text: string; turn: number; marks?: PageMarks }

/** The core's answer to a code: the layout to read the page with, or undefined to leave it unread. */
export type LayoutFor = (qrText: string) => Promise<SheetLayout | undefined> | SheetLayout | undefined

/** Reads the page's pixels; the straightened picture is on disk at `imagePath` when this settles with marks. */
export async function readPixels(img: Gray, layoutFor: LayoutFor, imagePath: string): Promise<PixelReading> {
  const where = await locate(img)
  if ('nothing' in where) return { kind: 'nothing' }
  if ('qrOnly' in where) return { kind: 'qrOnly', text: where.qrOnly.text }
  const { h, qr, turn } = where.found
  const layout = await layoutFor(qr.text)
  if (!layout) return { kind: 'found', text: qr.text, turn }
  const marks = readMarks(img, h, layout)
  await writeStraightened(img, h, layout.page, imagePath)
  return { kind: 'found', text: qr.text, turn, marks }
}

function readMarks(img: Gray, h: Homography, layout: SheetLayout): PageMarks {
  const levels = pageLevels(img, h, layout.marks)
  const answers = layout.rows.map((row): ScannedAnswer => {
    const ja = boxInk(img, h, row.ja, levels)
    const nee = boxInk(img, h, row.nee, levels)
    const { reading, confidence } = decide(ja, nee)
    return { purposeId: row.purposeId ?? 0, reading, confidence, ink: { ja: round(ja.inside), nee: round(nee.inside) }, row: row.row }
  })
  const signatures = layout.signatures.map((line): SignatureMarks => {
    const sign = fieldInk(img, h, line.sign, levels)
    const date = fieldInk(img, h, line.date, levels)
    return { slot: line.slot, signed: sign.present, dated: date.present, confidence: Math.min(sign.confidence, date.confidence), block: line.block }
  })
  return { answers, signatures }
}

const round = (n: number): number => Math.round(n * 1000) / 1000

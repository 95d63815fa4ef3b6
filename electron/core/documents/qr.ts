// The QR code on a consent form: the form code, sheet and layout (see consent-form-layout.ts), at
// error correction Q (a quarter of it may be smudged or folded), drawn as vector rectangles (sharp at any
// print resolution, and cheap: one path per code, runs of dark modules merged into one rectangle).
import { qrCode } from '../libraries.ts'
import type { Doc } from './pdf-base.ts'

export interface QrRuns {
  size: number
  /** [row, startColumn, length] of each horizontal run of dark modules. */
  runs: [number, number, number][]
}

/** The modules of a QR code for `text`, as horizontal runs. */
export function qrRuns(text: string, level: 'M' | 'Q' | 'H' = 'Q'): QrRuns {
  const { modules } = qrCode().create(text, { errorCorrectionLevel: level })
  const size = modules.size
  const runs: [number, number, number][] = []
  for (let row = 0; row < size; row++) {
    let start = -1
    for (let col = 0; col <= size; col++) {
      const dark = col < size && modules.get(row, col)
      if (dark && start < 0) start = col
      if (!dark && start >= 0) {
        runs.push([row, start, col - start])
        start = -1
      }
    }
  }
  return { size, runs }
}

/** Draws the code in a square of `side` points at (x, y), with its quiet zone inside the square. */
export function drawQr(doc: Doc, text: string, x: number, y: number, side: number): void {
  const { size, runs } = qrRuns(text)
  const quiet = 2
  const unit = side / (size + 2 * quiet)
  for (const [row, col, length] of runs) doc.rect(x + (col + quiet) * unit, y + (row + quiet) * unit, length * unit + 0.01, unit + 0.01)
  doc.fillColor('#000000').fill()
}

// Where everything a reader looks at sits on a printed consent form: the four corner marks, the QR
// code, every purpose's Ja and Nee box and every signature and date field, per sheet, in PDF points
// from the page's top-left corner. The renderer draws from this and the scan reader samples by it:
// one copy of the geometry. The QR code names the layout by a short digest of it, so a returned
// sheet is read with exactly the geometry it was printed with.
import { createHash } from 'node:crypto'
import type { FormRect } from '../../../shared/scan.ts'
import { PAGE } from './pdf-base.ts'

/** Bumped when what the QR code carries or what a layout means changes. */
export const LAYOUT_VERSION = 1

/** A Ja or Nee box's side. */
export const BOX = 10.5
/** The corner marks: solid squares this size, this far in from the paper's edges (inside printer margins). */
export const CORNER_MARK = 12
export const CORNER_INSET = 20
export const QR_SIDE = 62

export interface PurposeRowLayout {
  /** The purpose's position in the printed list, and its id in the register when the printer knew it. */
  purposeIndex: number
  purposeId: number | null
  row: FormRect
  ja: FormRect
  nee: FormRect
}

export interface SignatureLayout {
  /** 0-based signature line; the guardian printed on it is the pupil's guardian in that place. */
  slot: number
  block: FormRect
  /** Where a signature goes: above the line, below the field's label. */
  sign: FormRect
  date: FormRect
}

export interface SheetLayout {
  version: number
  page: { width: number; height: number }
  /** Top-left, top-right, bottom-right, bottom-left. */
  marks: [FormRect, FormRect, FormRect, FormRect]
  qr: FormRect
  rows: PurposeRowLayout[]
  /** Only on a form's last sheet. */
  signatures: SignatureLayout[]
}

const round = (n: number): number => Math.round(n * 100) / 100
export const rect = (x: number, y: number, width: number, height: number): FormRect => ({ x: round(x), y: round(y), width: round(width), height: round(height) })

export function cornerMarks(): SheetLayout['marks'] {
  const far = { x: PAGE.width - CORNER_INSET - CORNER_MARK, y: PAGE.height - CORNER_INSET - CORNER_MARK }
  return [
    rect(CORNER_INSET, CORNER_INSET, CORNER_MARK, CORNER_MARK),
    rect(far.x, CORNER_INSET, CORNER_MARK, CORNER_MARK),
    rect(far.x, far.y, CORNER_MARK, CORNER_MARK),
    rect(CORNER_INSET, far.y, CORNER_MARK, CORNER_MARK),
  ]
}

const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Five characters that name a layout: the same geometry always gives the same digest. */
export function layoutDigest(layout: SheetLayout): string {
  const hash = createHash('sha256').update(JSON.stringify(layout)).digest()
  let bits = ((hash[0] as number) << 17) | ((hash[1] as number) << 9) | ((hash[2] as number) << 1) | ((hash[3] as number) >> 7)
  let out = ''
  for (let i = 0; i < 5; i++) {
    out = (DIGITS[bits & 31] as string) + out
    bits >>>= 5
  }
  return out
}

export interface FormQr {
  code: string
  sheet: number
  sheets: number
  version: number
  /** The layout's digest (see layoutDigest); absent on forms printed before the reader existed. */
  layout?: string
}

/**
 * 'TR-7K3M9Q 1/1 1K3M9Q': the form code first (so a desk scanner typing it into the search still
 * finds the pupil), the sheet, and the layout version with the layout's digest. Only capitals,
 * digits, space and '/': the QR code's compact alphanumeric mode.
 */
export function formQrText(q: Required<FormQr>): string {
  return `${q.code} ${q.sheet}/${q.sheets} ${q.version}${q.layout}`
}

/** The QR code's text read back; a bare form code (older forms) gives sheet 1 of 1 and no layout. */
export function parseFormQr(text: string): FormQr | undefined {
  const t = text.trim().toUpperCase()
  const full = /^(TR-[2-9A-HJ-NP-Z]{6}) (\d{1,2})\/(\d{1,2}) (\d)([0-9A-Z]{5})$/.exec(t)
  if (full) {
    const sheet = Number(full[2])
    const sheets = Number(full[3])
    if (sheet < 1 || sheet > sheets) return undefined
    return { code: full[1] as string, sheet, sheets, version: Number(full[4]), layout: full[5] as string }
  }
  const bare = /^(TR-[2-9A-HJ-NP-Z]{6})$/.exec(t)
  return bare ? { code: bare[1] as string, sheet: 1, sheets: 1, version: 0 } : undefined
}

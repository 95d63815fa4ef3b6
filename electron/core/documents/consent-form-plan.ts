// The plan of a consent form, shared by the renderer and the scan reader: the texts wrapped once
// per batch, how the purposes spread over sheets, and the layout of each sheet (consent-form-layout.ts):
// where every box, row and signature field sits. Measures text with a pdfkit document; draws nothing.
import { CONTENT_WIDTH, F, MARGIN, PAGE, type Doc } from './pdf-base.ts'
import { ASK_AGAIN_RULE, contactRule, DEFAULT_INTRO, RULES } from './consent-form-texts.ts'
import { wrapLines } from './text-wrap.ts'
import { BOX, cornerMarks, LAYOUT_VERSION, layoutDigest, QR_SIDE, rect, type PurposeRowLayout, type SheetLayout, type SignatureLayout } from './consent-form-layout.ts'
import type { ConsentFormsInput } from './consent-form.ts'

export const BOTTOM = PAGE.height - 58
export const CHOICE_WIDTH = 52

export interface Plan {
  scale: number
  intro: string[]
  rules: string[][]
  purposes: { label: string[]; description: string[] }[]
  descSize: number
  descLead: number
  rowPad: number
  /** The purposes (by index) on each sheet of one pupil's form: one sheet unless they cannot fit. */
  sheets: number[][]
  /** Signature lines on this batch's forms: one per guardian, at least two, at most four. */
  signers: number
}

/** Room at the right of a purpose's text for its 'NIEUW' or 'TEKST GEWIJZIGD' mark. */
const MARK_WIDTH = 92

function build(doc: Doc, input: ConsentFormsInput, scale: number, intro: string[], rules: string[][]): Plan {
  const textWidth = CONTENT_WIDTH - 2 * CHOICE_WIDTH - 16 - (input.pupils.some((p) => p.marks?.some(Boolean)) ? MARK_WIDTH : 0)
  const descSize = 8.5 * scale
  return {
    scale,
    intro,
    rules,
    descSize,
    descLead: descSize * 1.3,
    rowPad: 7 * scale,
    sheets: [input.purposes.map((_, i) => i)],
    signers: Math.min(4, Math.max(2, ...input.pupils.map((pupil) => pupil.guardians.length))),
    purposes: input.purposes.map((purpose) => {
      doc.font(F.bold).fontSize(10 * Math.max(scale, 0.85))
      const label = wrapLines(doc, purpose.label, textWidth)
      doc.font(F.regular).fontSize(descSize)
      return { label, description: purpose.description ? wrapLines(doc, purpose.description, textWidth) : [] }
    }),
  }
}

/**
 * Wraps the text that is the same on every form once. The purposes shrink a little until one sheet
 * holds them; when even that is not enough (many purposes), the form goes on over a second sheet
 * in a readable size, with the signatures on the last one.
 */
function plan(doc: Doc, input: ConsentFormsInput, askAgain: boolean): Plan {
  doc.font(F.regular).fontSize(9.5)
  const intro = wrapLines(doc, input.intro.trim() || DEFAULT_INTRO, CONTENT_WIDTH)
  doc.fontSize(8.5)
  const texts = [...RULES.slice(0, -1), askAgain ? ASK_AGAIN_RULE : (RULES.at(-1) ?? ''), contactRule(input.letterhead.schoolName, input.contact)].filter(Boolean)
  const rules = texts.map((r) => wrapLines(doc, r, CONTENT_WIDTH - 30))
  for (const scale of [1, 0.93, 0.86]) {
    const p = build(doc, input, scale, intro, rules)
    const table = 20 + p.purposes.reduce((h, row) => h + rowHeight(p, row), 0)
    if (purposesTop(p) + table + signatureHeight(p) <= BOTTOM) return p
  }
  const p = build(doc, input, 0.93, intro, rules)
  const sheets: number[][] = [[]]
  let y = purposesTop(p) + 20
  p.purposes.forEach((row, i) => {
    const h = rowHeight(p, row)
    if (y + h > BOTTOM) {
      sheets.push([])
      y = CONTINUED_TOP + 20
    }
    sheets.at(-1)?.push(i)
    y += h
  })
  // The signatures go under the last purposes; move rows over until they fit.
  const last = (): number[] => sheets.at(-1) ?? []
  const lastHeight = (): number => last().reduce((h, i) => h + rowHeight(p, p.purposes[i] as Plan['purposes'][number]), 0)
  while ((sheets.length === 1 ? purposesTop(p) : CONTINUED_TOP) + 20 + lastHeight() + signatureHeight(p) > BOTTOM) {
    const moved = last().pop()
    if (moved === undefined) break
    sheets.push([moved])
  }
  p.sheets = sheets
  return p
}

export const labelLead = (p: Plan): number => 10 * Math.max(p.scale, 0.85) * 1.25
const rowHeight = (p: Plan, row: Plan['purposes'][number]): number => Math.max(row.label.length * labelLead(p) + row.description.length * p.descLead, BOX + 2) + 2 * p.rowPad
export const introTop = 196
export const rulesTop = (p: Plan): number => introTop + p.intro.length * 13 + 8
export const rulesHeight = (p: Plan): number => p.rules.reduce((h, r) => h + r.length * 11 + 3, 0) + 14
export const purposesTop = (p: Plan): number => rulesTop(p) + rulesHeight(p) + 12
const SIGNER_HEIGHT = 34
export const signatureHeight = (p: Plan): number => 16 + p.signers * SIGNER_HEIGHT
/** Where a continuation sheet's purposes start, below the header and the pupil's name. */
export const CONTINUED_TOP = 156

export const SIGN_COLS = { name: MARGIN.left, sign: MARGIN.left + 214, date: MARGIN.left + 374 } as const
export const QR_TOP = 26

/**
 * The geometry of one sheet (see consent-form-layout.ts): the purposes' rows from `top`, and on the
 * last sheet the signature lines, at the foot of the page or (on a continuation sheet) under the rows.
 */
function sheetLayout(p: Plan, input: ConsentFormsInput, rows: number[], top: number, last: boolean, continued: boolean): SheetLayout {
  const right = PAGE.width - MARGIN.right
  const out: PurposeRowLayout[] = []
  let y = top + 20
  for (const index of rows) {
    const row = p.purposes[index]
    if (!row) continue
    const h = rowHeight(p, row)
    const boxY = y + h / 2 - BOX / 2
    out.push({
      purposeIndex: index,
      purposeId: input.purposes[index]?.id ?? null,
      row: rect(MARGIN.left, y, CONTENT_WIDTH, h),
      ja: rect(right - 2 * CHOICE_WIDTH + 6, boxY, BOX, BOX),
      nee: rect(right - CHOICE_WIDTH + 6, boxY, BOX, BOX),
    })
    y += h
  }
  const lines: SignatureLayout[] = []
  if (last) {
    const sigTop = continued ? Math.min(y + 36, BOTTOM - signatureHeight(p) + 6) : BOTTOM - signatureHeight(p) + 6
    for (let slot = 0; slot < p.signers; slot++) {
      const line = sigTop + 16 + slot * SIGNER_HEIGHT + 24
      lines.push({
        slot,
        block: rect(MARGIN.left, line - 24, CONTENT_WIDTH, SIGNER_HEIGHT - 4),
        sign: rect(SIGN_COLS.sign, line - 12, SIGN_COLS.date - 14 - SIGN_COLS.sign, 12.5),
        date: rect(SIGN_COLS.date, line - 12, right - SIGN_COLS.date, 12.5),
      })
    }
  }
  return { version: LAYOUT_VERSION, page: { width: PAGE.width, height: PAGE.height }, marks: cornerMarks(), qr: rect(right - QR_SIDE, QR_TOP, QR_SIDE, QR_SIDE), rows: out, signatures: lines }
}

export interface PlannedForm {
  plan: Plan
  /** Per sheet: its layout and that layout's digest. */
  sheets: { rows: number[]; layout: SheetLayout; digest: string }[]
}

/** The plan of a form and the layout of each of its sheets: what the renderer draws and a reader samples. */
export function planForm(doc: Doc, input: ConsentFormsInput, askAgain: boolean): PlannedForm {
  const p = plan(doc, input, askAgain)
  const count = p.sheets.length
  return {
    plan: p,
    sheets: p.sheets.map((rows, s) => {
      const layout = sheetLayout(p, input, rows, s === 0 ? purposesTop(p) : CONTINUED_TOP, s === count - 1, s > 0)
      return { rows, layout, digest: layoutDigest(layout) }
    }),
  }
}

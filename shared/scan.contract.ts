// Returned consent forms read from a scan (issue 18): the methods the review screen calls, in order.
//   0. scan.read      the reader alone (the CLI's `scan read`): chosen files -> ScannedPage[], nothing kept
//   1. scan.start     chosen files (tokens, read where they lie) -> a scan session kept in the core's memory,
//                     read in the background with progress (scan.progress) and a stop (jobs.cancel)
//   2. scan.crops     one form's purpose rows (and signature lines) as small PNG pictures
//      scan.page      one whole page, for a page without a code
//      scan.assign    a page without a code -> a pupil chosen by hand
//   3. scan.confirm   one form, as the user corrected it -> consent records, the page as proof, returned in its round
//   4. scan.close     the session is dropped, with its pictures
// Nothing is recorded before scan.confirm; every form is confirmed on its own, in one transaction.
import { z } from 'zod'
import { fileTokenSchema } from './files.contract.ts'
import type { ScannedPage } from './scan.ts'

export * from './scan.labels.ts'

export const MAX_SCAN_FILES = 200
/** Below this the proposal is shown marked 'onzeker', to be looked at. */
export const LOW_CONFIDENCE = 0.8

const id = z.number().int().positive()
const sessionId = z.string().regex(/^s-[a-f0-9]{16}$/, 'Deze scan is niet meer open. Scan de formulieren opnieuw.')
const progressId = z.string().regex(/^p-[\w-]{1,80}$/)

const chosenScans = z
  .array(z.strictObject({ token: fileTokenSchema }))
  .min(1, 'Kies eerst een of meer scans (PDF, JPG, PNG of TIFF).')
  .max(MAX_SCAN_FILES, `Kies hoogstens ${MAX_SCAN_FILES} bestanden tegelijk.`)

/** What the user decided per purpose: ja, nee, or nothing (leeg: nothing is recorded for that purpose). */
export const REVIEW_ANSWERS = ['granted', 'refused', 'none'] as const
export type ReviewAnswer = (typeof REVIEW_ANSWERS)[number]

export const scanSchemas = {
  /** The reader alone, for the CLI and scripts: files already chosen (tokens) -> what was found per page; nothing is kept or recorded. */
  'scan.read': z.strictObject({ files: chosenScans }),
  /** Files chosen by token (files.choose with purpose 'scan', a drop, the harness's upload): read where they lie, never copied. */
  'scan.start': z.strictObject({ files: chosenScans, progressId: progressId.optional() }),
  'scan.progress': z.strictObject({ progressId }),
  'scan.session': z.strictObject({ sessionId }),
  'scan.crops': z.strictObject({ sessionId, formKey: z.string().max(80) }),
  'scan.page': z.strictObject({ sessionId, pageIndex: z.number().int().min(0).max(100_000) }),
  'scan.assign': z.strictObject({ sessionId, pageIndex: z.number().int().min(0).max(100_000), pupilId: id }),
  'scan.confirm': z.strictObject({
    sessionId,
    formKey: z.string().max(80),
    answers: z.array(z.strictObject({ purposeId: id, answer: z.enum(REVIEW_ANSWERS) })).max(100),
    /** The guardian the answers are from; null: the guardians together (both signed), or nobody signed and the user chose to record it so. */
    guardianId: id.nullable(),
    consentStamp: z.number().int().nonnegative().optional(),
  }),
  'scan.close': z.strictObject({ sessionId }),
} as const

export type ScanConfirmInput = z.output<(typeof scanSchemas)['scan.confirm']>

/** Why a form cannot be confirmed (shown, never recorded twice). */
export type ScanFormState = 'open' | 'confirmed' | 'already_returned' | 'duplicate' | 'closed_round'

export interface ScanRowView {
  purposeId: number
  label: string
  /** What the reader saw: 'ja', 'nee', 'beide', 'geen', 'onduidelijk'; null for a page assigned by hand. */
  reading: 'ja' | 'nee' | 'beide' | 'geen' | 'onduidelijk' | null
  /** The reader's proposal; 'none' when nothing (or something unclear) was ticked. */
  proposal: ReviewAnswer
  confidence: number | null
  /** Both boxes, a scribble, or no reading at all: the user decides. */
  unclear: boolean
  /** Read, but with less confidence than LOW_CONFIDENCE. */
  lowConfidence: boolean
  /** The purpose's row has a picture (scan.crops). */
  hasCrop: boolean
}

export interface ScanGuardianView {
  id: number
  name: string
  /** What the reader saw on that guardian's signature line; null when the form has no line for them. */
  signed: boolean | null
}

export interface ScanFormView {
  /** The form's code, or 'pagina-<n>' for a page assigned by hand. */
  key: string
  code: string | null
  pageIndexes: number[]
  /** 'scan-0912.pdf, pagina 3' (and more for a form of several sheets). */
  sources: string[]
  pupil: { id: number; name: string; groupName: string | null }
  campaign: { id: number; name: string } | null
  state: ScanFormState
  /** Dutch: why the form is not to be confirmed. */
  message: string | null
  /** Dutch: what the reader noticed on its pages (upside down, turned), to know, not to refuse. */
  notes: string[]
  guardians: ScanGuardianView[]
  /** The guardian proposed as the one who answered (the only one who signed); null: together, or nobody. */
  proposedGuardianId: number | null
  /** Nobody's signature was found: the user says whose answer it is. */
  unsigned: boolean
  rows: ScanRowView[]
  /** Unclear or unsure rows, or no signature: shown first, marked. */
  needsAttention: boolean
  consentStamp: number
}

export interface ScanPageView {
  pageIndex: number
  source: string
  /** 'old_form': the code was read but not the boxes (printed before forms carried their layout, or with a layout this register does not know). */
  status: 'no_code' | 'unreadable' | 'unknown_code' | 'old_form'
  message: string
  /** The pupil whose form code the page carries, to give the page to at once (an old form). */
  pupil?: { id: number; name: string; groupName: string | null }
}

export interface ScanSessionView {
  sessionId: string
  /** The day of the scan, 'YYYY-MM-DD'. */
  scannedOn: string
  pageCount: number
  /** Forms needing attention first, then by group and name. */
  forms: ScanFormView[]
  /** Pages without a (known) code, to assign by hand or skip. */
  pages: ScanPageView[]
  /** Dutch, when the scan as a whole needs saying something: no form found at all. */
  notice: string | null
}

export interface ScanConfirmResult {
  form: ScanFormView
  recorded: number
  /** The round's count after this form, when the form belongs to one. */
  campaign: { id: number; name: string; returned: number; total: number } | null
  message: string
}

export interface ScanOutputs {
  'scan.read': ScannedPage[]
  'scan.start': ScanSessionView
  'scan.progress': { done: number; total: number; phase: string | null; running: boolean }
  'scan.session': ScanSessionView
  'scan.crops': { rows: { purposeId: number; image: string }[]; signatures: { slot: number; image: string }[] }
  'scan.page': { image: string }
  'scan.assign': ScanSessionView
  'scan.confirm': ScanConfirmResult
  'scan.close': { closed: boolean }
}

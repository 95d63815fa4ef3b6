// What the scan reader finds on returned consent forms, page by page, and what the review confirms.
// Types only (no zod), so the core's reader, the review screen and the CLI's `scan read --json` speak one shape.

/** A rectangle on the printed form's page, in PDF points from the page's top-left corner. */
export interface FormRect {
  x: number
  y: number
  width: number
  height: number
}

/** One purpose's answer as read from its Ja and Nee boxes. */
export type BoxReading = 'ja' | 'nee' | 'beide' | 'geen' | 'onduidelijk'

export interface ScannedAnswer {
  purposeId: number
  reading: BoxReading
  /** 0..1: how sure the reader is; anything it is not sure of is 'onduidelijk' or below the review's threshold. */
  confidence: number
  /** Share of dark pixels inside each box (0..1), after the box's own outline is discounted. */
  ink: { ja: number; nee: number }
  /** The purpose's whole row, for the crop the review shows beside the proposal. */
  row: FormRect
}

export interface ScannedSignature {
  /** The guardian printed on that signature line, or null for an empty line. */
  guardianId: number | null
  slot: number
  signed: boolean
  dated: boolean
  confidence: number
  block: FormRect
}

/**
 * One page of the scanned input. `read` pages carry the form they belong to; pages without a
 * readable code (a parent's own letter, a cover page) are 'no_code' and go to the list to assign by hand.
 */
export interface ScannedPage {
  /** 0-based position of the page in the whole input (all files together). */
  index: number
  /** File name (never a full path) and, for a PDF, its page number: 'scan-0912.pdf, pagina 3'. */
  source: string
  status: 'read' | 'no_code' | 'unreadable'
  /** Dutch, when the status is not 'read' or when the page needs attention (upside down, a closed round). */
  message?: string
  form?: {
    /** The form code printed on it (the campaign form's code, TR-...). */
    code: string
    /** 1-based sheet of a form that spans several pages. */
    sheet: number
    sheets: number
    layoutVersion: number
    pupilId: number
    campaignId: number | null
  }
  answers: ScannedAnswer[]
  signatures: ScannedSignature[]
  /**
   * The form's code was read, its boxes cannot be: 'old_form' was printed before forms carried
   * their layout (a bare code in the QR code, no corner marks), 'unknown_layout' with a layout this
   * register never printed (another computer, a register restored from before). Its answers are
   * typed in by hand from the page's picture.
   */
  byHand?: 'old_form' | 'unknown_layout'
  /** The page straightened onto the form's own coordinates, as a PNG in the job's temp folder (for crops and as the proof). */
  imagePath?: string
  /** Pixels per PDF point of imagePath. */
  scale?: number
}

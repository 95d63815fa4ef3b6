// A parent's e-mail as proof: read it (.eml or Outlook .msg), see who sent it and for which pupil,
// record the answer from it with the mail kept as proof, or keep it in the file as correspondence.
import { z } from 'zod'
import type { DossierEntry, PupilDetail } from './domain.ts'
import { decisionsSchema, isoDate, multilineText, MAX_TEXT } from './schemas-base.ts'
import { fileTokenSchema } from './files.contract.ts'
import { deliverySchema, type DocumentResult } from './documents.contract.ts'

const id = z.number('Kies eerst een leerling.').int().positive()

export const MAIL_TOO_LARGE_MESSAGE = 'De e-mail is groter dan 25 MB. Er is niets opgeslagen. Bewaar de bijlagen apart als scan en voeg die toe.'
export const MAX_MAIL_BYTES = 25 * 1024 * 1024

/**
 * The mail file, by the token it was chosen or dropped under (files.contract.ts): the core reads
 * it where it lies, after checking its size against MAX_MAIL_BYTES. Its bytes never travel here.
 */
export const mailFileSchema = z.strictObject({ token: fileTokenSchema })

export const mailSchemas = {
  /** Reads the mail; with a pupilId, which of that pupil's guardians sent it. Stores nothing. */
  'mail.read': z.strictObject({ mail: mailFileSchema, pupilId: id.optional() }),
  'mail.record': z.strictObject({
    pupilId: id,
    mail: mailFileSchema,
    decisions: decisionsSchema(id),
    guardianId: id.nullable().default(null),
    /** Default: the day the mail was sent; a later day may be chosen, an earlier one not. */
    effectiveFrom: isoDate.optional(),
    note: multilineText(MAX_TEXT, 'De notitie is te lang.').default(''),
    consentStamp: z.number().int().nonnegative().optional(),
  }),
  'mail.addToDossier': z.strictObject({ pupilId: id, mail: mailFileSchema }),
  /** A kept mail's original file (.eml or .msg), opened in the mail program, saved, or (without a desktop) as base64. */
  'mail.get': z.strictObject({ id: z.number().int().positive(), delivery: deliverySchema }),
}

export interface MailAttachmentView {
  fileName: string
  size: number
  /** The real type by its bytes, when it can be kept; otherwise why not (Dutch). */
  type: 'application/pdf' | 'image/jpeg' | 'image/png' | null
  problem: string | null
}

export interface MailPreview {
  format: 'eml' | 'msg'
  fileName: string
  size: number
  sha256: string
  fromAddress: string
  fromName: string
  sentAt: string
  /** The local day it was sent, YYYY-MM-DD: the earliest day the answer can take effect. */
  sentDate: string
  subject: string
  /** Plain text only (HTML turned into text); show it pre-wrapped, never as HTML. */
  text: string
  textCut: boolean
  attachments: MailAttachmentView[]
  attachmentsLeftOut: number
  /** The pupil's guardians whose e-mail address is the sender's (case aside). */
  guardianMatches: { guardianId: number; name: string }[]
  /** Pupils (not left) with a guardian whose address is the sender's. */
  suggestedPupils: { pupilId: number; name: string; groupName: string | null }[]
}

export interface MailProofView {
  id: number
  fileName: string
  format: 'eml' | 'msg'
  size: number
  sha256: string
  fromAddress: string
  subject: string
  sentAt: string
}

export interface MailOutputs {
  'mail.read': MailPreview
  'mail.record': PupilDetail
  'mail.addToDossier': DossierEntry
  'mail.get': DocumentResult
}

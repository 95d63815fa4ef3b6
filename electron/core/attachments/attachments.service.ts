// Scans and documents kept with a consent record or in the pupil file: checked by their bytes
// (type, and for a picture its size in pixels, before it is stored), stored with their SHA-256.
import { createHash } from 'node:crypto'
import { MAX_ATTACHMENT_BYTES, type AttachmentMeta, type AttachmentType } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { z } from 'zod'
import type { attachmentUploadSchema } from '../../../shared/schemas.ts'
import type { Db } from '../db/open.ts'
import { sniffAttachmentType } from './attachment-type.ts'
import { attachmentWithData, deleteUnusedAttachments, deleteUnusedMails, insertAttachment } from './attachments.queries.ts'
import { checkImage, describeSize } from './image-size.ts'

export type AttachmentUpload = z.output<typeof attachmentUploadSchema>

/** Checks bytes as a scan or document would be checked (emptiness, size, real type, pixels); returns the real type or throws in Dutch. */
export function checkAttachmentBytes(bytes: Buffer, fileName: string, field = 'attachment'): AttachmentType {
  if (bytes.length === 0) throw new AppError('validation', `Het bestand ${fileName} is leeg. Kies het bestand opnieuw.`, field)
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('validation', `Het bestand ${fileName} is groter dan 20 MB. Maak een kleinere scan (bijvoorbeeld in zwart-wit of met een lagere resolutie).`, field)
  }
  const type = sniffAttachmentType(bytes)
  if (type === undefined) throw new AppError('validation', `Het bestand ${fileName} is geen PDF, JPG of PNG. Scan het formulier als PDF of maak er een foto van.`, field)
  if (type !== 'application/pdf') {
    const image = checkImage(bytes, type)
    if (!image.ok && image.problem === 'too_big') {
      throw new AppError(
        'validation',
        `De afbeelding ${fileName} is ${describeSize(image.size)}: te groot om te bewaren en te tonen. Er is niets opgeslagen. Scan het formulier opnieuw met een lagere resolutie (200 of 300 dpi is genoeg) of verklein de foto, en kies het bestand opnieuw.`,
        field,
      )
    }
    if (!image.ok) {
      throw new AppError('validation', `De afbeelding ${fileName} is beschadigd of onvolledig. Er is niets opgeslagen. Scan of fotografeer het formulier opnieuw en kies het nieuwe bestand.`, field)
    }
  }
  return type
}

/** Checks and stores a scan or document (with its SHA-256); the caller owns the transaction. */
export function storeAttachment(db: Db, upload: AttachmentUpload, actor: string, now: Date, field = 'attachment'): number {
  const bytes = Buffer.from(upload.data, 'base64')
  const type = checkAttachmentBytes(bytes, upload.fileName, field)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return insertAttachment(db, { fileName: upload.fileName, mimeType: type, size: bytes.length, sha256, data: bytes, createdBy: actor, createdAt: now.toISOString() })
}

export function getAttachment(db: Db, id: number): AttachmentMeta & { data: string } {
  const row = attachmentWithData(db, id)
  if (!row) throw new AppError('not_found', 'Deze bijlage bestaat niet (meer).')
  return { ...row, data: row.data.toString('base64') }
}

/** Removal after the retention period: scans, documents and kept e-mails that no answer and no dossier entry refers to any more. */
export function removeAttachmentsNoLongerUsed(db: Db): number {
  return deleteUnusedMails(db) + deleteUnusedAttachments(db)
}

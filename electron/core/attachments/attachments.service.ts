// Scans and documents kept with a consent record or in the pupil file: a file chosen from outside
// is read by its token where it lies, after its size is checked (nothing is read when it is over
// 20 MB); then checked by its bytes (type, and for a picture its size in pixels, before it is
// stored), stored with their SHA-256.
import { createHash } from 'node:crypto'
import { attachmentTooLargeMessage, MAX_ATTACHMENT_BYTES, type AttachmentType } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { chosenFile, readChosenFile } from '../chosen-files.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { sniffAttachmentType } from './attachment-type.ts'
import { deleteUnusedAttachments, deleteUnusedMails, insertAttachment } from './attachments.queries.ts'
import { checkImage, describeSize } from './image-size.ts'

/**
 * A file to keep: one chosen or dropped from outside (its token, as the screens send it), or one the
 * core holds itself (an e-mail's attachment, a page the scan reader wrote: its bytes).
 */
export type AttachmentSource = { token: string } | { fileName: string; bytes: Buffer }

/** A service's input with its scan as an AttachmentSource instead of the contract's token (each member of a union). */
export type WithAttachment<T> = T extends unknown ? Omit<T, 'attachment'> & { attachment?: AttachmentSource | undefined } : never

/** The same for a dossier entry's attachments. */
export type WithAttachments<T> = T extends unknown ? Omit<T, 'attachments'> & { attachments?: readonly AttachmentSource[] | undefined } : never

const nameOf = (fileName: string): string => fileName.replace(/^.*[\\/]/, '').slice(0, 255)

/** Refuses, before a byte is read, chosen files over 20 MB (by the size they had when chosen; reading checks again). */
export function checkChosenSizes(ctx: Pick<CoreContext, 'temp'>, sources: readonly AttachmentSource[], field: (i: number) => string): void {
  sources.forEach((source, i) => {
    if (!('token' in source)) return
    const entry = chosenFile(ctx, source.token)
    if (entry.size > MAX_ATTACHMENT_BYTES) throw new AppError('validation', attachmentTooLargeMessage(nameOf(entry.name)), field(i))
  })
}

/** The file's name and bytes; a chosen file is read where it lies, and only when it is not over 20 MB. */
function bytesOf(ctx: Pick<CoreContext, 'temp'>, source: AttachmentSource, field: string): { fileName: string; bytes: Buffer } {
  if ('bytes' in source) return source
  const entry = chosenFile(ctx, source.token)
  const fileName = nameOf(entry.name)
  const read = readChosenFile(entry, MAX_ATTACHMENT_BYTES)
  if (!('bytes' in read)) throw new AppError('validation', attachmentTooLargeMessage(fileName), field)
  return { fileName, bytes: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) }
}

/** Checks bytes as a scan or document would be checked (emptiness, size, real type, pixels); returns the real type or throws in Dutch. */
export function checkAttachmentBytes(bytes: Buffer, fileName: string, field = 'attachment'): AttachmentType {
  if (bytes.length === 0) throw new AppError('validation', `Het bestand ${fileName} is leeg. Kies het bestand opnieuw.`, field)
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('validation', attachmentTooLargeMessage(fileName), field)
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

/** Reads, checks and stores a scan or document (with its SHA-256); the caller owns the transaction. */
export function storeAttachment(ctx: Pick<CoreContext, 'db' | 'temp'>, source: AttachmentSource, actor: string, now: Date, field = 'attachment'): number {
  const { fileName, bytes } = bytesOf(ctx, source, field)
  const type = checkAttachmentBytes(bytes, fileName, field)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return insertAttachment(ctx.db, { fileName, mimeType: type, size: bytes.length, sha256, data: bytes, createdBy: actor, createdAt: now.toISOString() })
}

/** Removal after the retention period: scans, documents and kept e-mails that no answer and no dossier entry refers to any more. */
export function removeAttachmentsNoLongerUsed(db: Db): number {
  return deleteUnusedMails(db) + deleteUnusedAttachments(db)
}

// Opening and saving the files kept in a pupil's file (a proof's scan, a dossier letter, a parent's
// e-mail) the way a made document is delivered (documents/deliver.ts): a copy in this run's temp
// folder opened in the system's viewer or mail program, a save dialog, or, without a desktop, base64.
// The bytes are checked against the size and SHA-256 kept with them first, and every copy that
// leaves the register is logged for its pupil, as a dossier export is.
import { createHash } from 'node:crypto'
import type { ApiParsed } from '../../../shared/api.ts'
import type { DocumentResult } from '../../../shared/documents.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { assertClockNotBehind } from '../db/register-clock.ts'
import { deliver, type MadeFile } from '../documents/deliver.ts'
import { mailWithData, pupilsOfMail } from '../mail/mail.queries.ts'
import { getSettings } from '../settings/settings.service.ts'
import type { AttachmentType } from '../../../shared/domain.ts'
import { sniffAttachmentType } from './attachment-type.ts'
import { attachmentWithData, pupilsOfAttachment } from './attachments.queries.ts'

/** The types a kept file can be opened as: what a pupil file holds (attachment-type.ts) and a kept e-mail. */
type KeptType = AttachmentType | 'message/rfc822' | 'application/vnd.ms-outlook'

const EXTENSIONS: Record<KeptType, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'message/rfc822': ['eml'],
  'application/vnd.ms-outlook': ['msg'],
}

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i

/**
 * The name a copy gets: the kept name, without what Windows or a path refuses (a mail's attachment
 * may be named anything), ending in its real type, so the system picks the right program.
 */
export function keptFileName(name: string, mimeType: KeptType): string {
  let safe = [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/[. ]+$/, '')
    .trim()
  if (safe === '' || /^\.+$/.test(safe)) safe = 'bestand'
  if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`
  const extensions = EXTENSIONS[mimeType]
  const has = safe.includes('.') ? (safe.split('.').pop() ?? '').toLowerCase() : ''
  if (!extensions.includes(has)) safe = `${safe}.${extensions[0]}`
  if (safe.length <= 200) return safe
  const ext = safe.slice(safe.lastIndexOf('.'))
  return safe.slice(0, 200 - ext.length) + ext
}

const damaged = (what: string, fileName: string): AppError =>
  new AppError(
    'io',
    `${what} ${fileName} is in het register beschadigd of leeg en kan niet worden geopend of opgeslagen. Er is niets veranderd: het antwoord en de rest van het dossier blijven zoals ze waren. Zet een reservekopie terug (Reservekopieën) of vraag de ouders het stuk opnieuw.`,
  )

/** The bytes as they were kept: the length and SHA-256 stored with them must still hold. */
function checkKept(bytes: Buffer | null, size: number, sha256: string, what: string, fileName: string): Buffer {
  if (!bytes || bytes.length !== size || createHash('sha256').update(bytes).digest('hex') !== sha256) throw damaged(what, fileName)
  return bytes
}

/** Which kept file it was, as the log names it: a scan or document (attachmentId), or a mail (mailId). */
type KeptRef = { format: 'bijlage'; attachmentId: number } | { format: 'e-mail'; mailId: number }

/**
 * Delivers the file; a copy that left the register (opened, saved or downloaded, not a cancelled
 * save) is logged for each pupil it belongs to, as the dossier's export is (same action).
 */
async function deliverKept(ctx: CoreContext, delivery: ApiParsed<'attachments.get'>['delivery'], file: MadeFile, pupilIds: number[], ref: KeptRef): Promise<DocumentResult> {
  const result = await deliver(ctx, delivery, file)
  if (result.delivered === 'cancelled') return result
  const actor = getSettings(ctx).staffName
  const newValue = { ...ref, fileName: file.fileName, delivered: result.delivered }
  ctx.db.transaction(() => {
    for (const pupilId of pupilIds) writeAudit(ctx.db, ctx.now(), { actor, action: 'dossier.export', entity: 'pupil', entityId: pupilId, pupilId, newValue })
  })()
  return result
}

/** A proof's scan or a dossier entry's file, opened, saved or handed back. */
export async function deliverAttachment(ctx: CoreContext, input: ApiParsed<'attachments.get'>): Promise<DocumentResult> {
  const row = attachmentWithData(ctx.db, input.id)
  if (!row) throw new AppError('not_found', 'Deze bijlage staat niet (meer) in het register; ze is misschien verwijderd na de bewaartermijn. Er is niets veranderd. Vernieuw het scherm.')
  const bytes = checkKept(row.data, row.size, row.sha256, 'De bijlage', row.fileName)
  // What the system opens is decided by the bytes, never by the stored name or type: a register restored from a
  // crafted backup may hold 'factuur.exe' with its own SHA-256, and the viewer must not become a launcher.
  const type = sniffAttachmentType(bytes)
  if (!type || type !== row.mimeType) throw damaged('De bijlage', row.fileName)
  assertClockNotBehind(ctx.db, ctx.now()) // the copy is logged: refused before it is made, not after it is saved
  const file: MadeFile = { fileName: keptFileName(row.fileName, type), mimeType: type, count: 1, countLabel: 'bestand', bytes, kept: 'file' }
  return deliverKept(ctx, input.delivery, file, pupilsOfAttachment(ctx.db, input.id), { format: 'bijlage', attachmentId: input.id })
}

/** A kept parent's e-mail (the original .eml or .msg), opened in the mail program, saved or handed back. */
export async function deliverMail(ctx: CoreContext, input: ApiParsed<'mail.get'>): Promise<DocumentResult> {
  const row = mailWithData(ctx.db, input.id)
  if (!row) throw new AppError('not_found', 'Deze e-mail staat niet (meer) in het register; ze is misschien verwijderd na de bewaartermijn. Er is niets veranderd. Vernieuw het scherm.')
  const bytes = checkKept(row.data, row.size, row.sha256, 'De e-mail', row.fileName)
  assertClockNotBehind(ctx.db, ctx.now())
  const mimeType = row.format === 'msg' ? 'application/vnd.ms-outlook' : 'message/rfc822'
  const file: MadeFile = { fileName: keptFileName(row.fileName, mimeType), mimeType, count: 1, countLabel: 'bestand', bytes, kept: 'mail' }
  return deliverKept(ctx, input.delivery, file, pupilsOfMail(ctx.db, input.id), { format: 'e-mail', mailId: input.id })
}

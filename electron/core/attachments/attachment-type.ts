// What a stored or uploaded file really is, by its first bytes: the only types a pupil file holds.
// Pure, so the dossier's ZIP (a document layout) can name its files without reaching a service.
import type { AttachmentType } from '../../../shared/domain.ts'

/** What the first bytes say the file is; the name and the claimed type are not trusted. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'application/pdf'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  return undefined
}

// The attachments' SQL: storing a checked file, reading one back with its bytes or without, the
// pupils it belongs to, and removing the files nothing refers to any more.
import type { AttachmentMeta } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export const ATTACHMENT_META_COLUMNS = `a.id AS id, a.file_name AS fileName, a.mime_type AS mimeType, a.size AS size, a.sha256 AS sha256`

export interface StoredAttachment {
  fileName: string
  mimeType: string
  size: number
  sha256: string
  data: Buffer
  createdBy: string
  createdAt: string
}

export function insertAttachment(db: Db, a: StoredAttachment): number {
  return insertRow(db, `INSERT INTO attachments (file_name, mime_type, size, sha256, data, created_by, created_at) VALUES (@fileName, @mimeType, @size, @sha256, @data, @createdBy, @createdAt)`, a)
}

/** What is known about an attachment without its bytes. */
export function attachmentMeta(db: Db, id: number): AttachmentMeta | undefined {
  return statement(db, `SELECT ${ATTACHMENT_META_COLUMNS} FROM attachments a WHERE a.id = ?`).get(id) as AttachmentMeta | undefined
}

export function attachmentWithData(db: Db, id: number): (AttachmentMeta & { data: Buffer }) | undefined {
  return statement(db, `SELECT ${ATTACHMENT_META_COLUMNS}, a.data AS data FROM attachments a WHERE a.id = ?`).get(id) as (AttachmentMeta & { data: Buffer }) | undefined
}

/** The pupils whose consent record or dossier entry holds this attachment (one, as a rule). */
export function pupilsOfAttachment(db: Db, id: number): number[] {
  return statement(
    db,
    `SELECT pupil_id FROM consent_records WHERE attachment_id = ?
      UNION SELECT e.pupil_id FROM dossier_entry_attachments l JOIN dossier_entries e ON e.id = l.entry_id WHERE l.attachment_id = ?
      ORDER BY 1`,
    'pluck',
  ).all(id, id) as number[]
}

/** Deletes the kept e-mails no answer or dossier entry refers to; returns how many went. */
export function deleteUnusedMails(db: Db): number {
  return statement(db, `DELETE FROM mails WHERE id NOT IN (SELECT mail_id FROM consent_record_mails) AND id NOT IN (SELECT mail_id FROM dossier_entry_mails)`).run().changes
}

/** Deletes the scans and documents no answer or dossier entry refers to; returns how many went. */
export function deleteUnusedAttachments(db: Db): number {
  return statement(
    db,
    `DELETE FROM attachments WHERE id NOT IN (SELECT attachment_id FROM consent_records WHERE attachment_id IS NOT NULL)
       AND id NOT IN (SELECT attachment_id FROM dossier_entry_attachments)`,
  ).run().changes
}

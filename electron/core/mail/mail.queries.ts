// The kept mails: which record or dossier entry a mail proves, and every mail of one pupil.
import type { MailProofView } from '../../../shared/mail.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import type { Db } from '../db/open.ts'

const PROOF_COLUMNS = `m.id AS id, m.file_name AS fileName, m.format AS format, m.size AS size, m.sha256 AS sha256, m.from_address AS fromAddress, m.subject AS subject, m.sent_at AS sentAt`

/** The kept mail behind a consent record, if any. */
export function mailOfRecord(db: Db, recordId: number): MailProofView | null {
  return (db.prepare(`SELECT ${PROOF_COLUMNS} FROM consent_record_mails l JOIN mails m ON m.id = l.mail_id WHERE l.consent_record_id = ?`).get(recordId) as MailProofView | undefined) ?? null
}

/** One kept mail with its bytes (base64), or a Dutch not-found. */
export function getMail(db: Db, id: number): MailProofView & { data: string } {
  const row = db.prepare(`SELECT ${PROOF_COLUMNS}, m.data AS data FROM mails m WHERE m.id = ?`).get(id) as (MailProofView & { data: Buffer }) | undefined
  if (!row) throw new AppError('not_found', 'Deze e-mail bestaat niet (meer). Vernieuw het scherm.')
  return { ...row, data: row.data.toString('base64') }
}

/** Every mail kept for a pupil (as proof or as correspondence), with the bytes, oldest first. */
export function mailsOfPupil(db: Db, pupilId: number): (MailProofView & { data: Buffer; createdAt: string })[] {
  return db
    .prepare(
      `SELECT ${PROOF_COLUMNS}, m.data AS data, m.created_at AS createdAt FROM mails m
        WHERE m.id IN (SELECT l.mail_id FROM consent_record_mails l JOIN consent_records c ON c.id = l.consent_record_id WHERE c.pupil_id = ?)
           OR m.id IN (SELECT l.mail_id FROM dossier_entry_mails l JOIN dossier_entries e ON e.id = l.entry_id WHERE e.pupil_id = ?)
        ORDER BY m.id`,
    )
    .all(pupilId, pupilId) as (MailProofView & { data: Buffer; createdAt: string })[]
}

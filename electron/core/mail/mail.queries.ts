// The kept mails: which record or dossier entry a mail proves, and every mail of one pupil.
import type { MailProofView } from '../../../shared/mail.contract.ts'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

const PROOF_COLUMNS = `m.id AS id, m.file_name AS fileName, m.format AS format, m.size AS size, m.sha256 AS sha256, m.from_address AS fromAddress, m.subject AS subject, m.sent_at AS sentAt`

/** The kept mail behind a consent record, if any. */
export function mailOfRecord(db: Db, recordId: number): MailProofView | null {
  return (statement(db, `SELECT ${PROOF_COLUMNS} FROM consent_record_mails l JOIN mails m ON m.id = l.mail_id WHERE l.consent_record_id = ?`).get(recordId) as MailProofView | undefined) ?? null
}

/** The kept mail behind a dossier entry (correspondence), if any. */
export function mailOfDossierEntry(db: Db, entryId: number): MailProofView | null {
  return (statement(db, `SELECT ${PROOF_COLUMNS} FROM dossier_entry_mails l JOIN mails m ON m.id = l.mail_id WHERE l.entry_id = ?`).get(entryId) as MailProofView | undefined) ?? null
}

/** One kept mail with its bytes, if it is there. */
export function mailWithData(db: Db, id: number): (MailProofView & { data: Buffer }) | undefined {
  return statement(db, `SELECT ${PROOF_COLUMNS}, m.data AS data FROM mails m WHERE m.id = ?`).get(id) as (MailProofView & { data: Buffer }) | undefined
}

/** The pupils whose consent record or dossier entry holds this mail. */
export function pupilsOfMail(db: Db, id: number): number[] {
  return statement(
    db,
    `SELECT c.pupil_id FROM consent_record_mails l JOIN consent_records c ON c.id = l.consent_record_id WHERE l.mail_id = ?
      UNION SELECT e.pupil_id FROM dossier_entry_mails l JOIN dossier_entries e ON e.id = l.entry_id WHERE l.mail_id = ?
      ORDER BY 1`,
    'pluck',
  ).all(id, id) as number[]
}

/** Every mail kept for a pupil (as proof or as correspondence), with the bytes, oldest first. */
export function mailsOfPupil(db: Db, pupilId: number): (MailProofView & { data: Buffer; createdAt: string })[] {
  return statement(
    db,
    `SELECT ${PROOF_COLUMNS}, m.data AS data, m.created_at AS createdAt FROM mails m
      WHERE m.id IN (SELECT l.mail_id FROM consent_record_mails l JOIN consent_records c ON c.id = l.consent_record_id WHERE c.pupil_id = ?)
         OR m.id IN (SELECT l.mail_id FROM dossier_entry_mails l JOIN dossier_entries e ON e.id = l.entry_id WHERE e.pupil_id = ?)
      ORDER BY m.id`,
  ).all(pupilId, pupilId) as (MailProofView & { data: Buffer; createdAt: string })[]
}

/** Pupils still at school on `today` whose guardian has this address (case aside), at most 20, with their latest group. */
export function pupilsOfAddress(db: Db, address: string, today: string): { id: number; firstName: string; lastNamePrefix: string; lastName: string; groupName: string | null }[] {
  return statement(
    db,
    `SELECT DISTINCT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName,
            (SELECT g2.name FROM group_memberships m JOIN groups g2 ON g2.id = m.group_id WHERE m.pupil_id = p.id ORDER BY m.school_year_id DESC LIMIT 1) AS groupName
       FROM guardians g JOIN pupil_guardians pg ON pg.guardian_id = g.id JOIN pupils p ON p.id = pg.pupil_id
      WHERE lower(trim(g.email)) = ? AND (p.left_on IS NULL OR p.left_on > ?)
      ORDER BY p.last_name, p.first_name LIMIT 20`,
  ).all(address, today) as { id: number; firstName: string; lastNamePrefix: string; lastName: string; groupName: string | null }[]
}

export interface StoredMail {
  fileName: string
  format: string
  size: number
  sha256: string
  data: Buffer
  fromAddress: string
  subject: string
  sentAt: string | null
  createdBy: string
  createdAt: string
}

export function insertMail(db: Db, m: StoredMail): number {
  return insertRow(
    db,
    `INSERT INTO mails (file_name, format, size, sha256, data, from_address, subject, sent_at, created_by, created_at)
     VALUES (@fileName, @format, @size, @sha256, @data, @fromAddress, @subject, @sentAt, @createdBy, @createdAt)`,
    m,
  )
}

/** The newest consent record's id (0 for none): the records a mail proves are the ones after it. */
export function lastConsentRecordId(db: Db): number {
  return (statement(db, `SELECT coalesce(max(id), 0) FROM consent_records`, 'pluck').get() as number) ?? 0
}

/** Links the mail as proof to the pupil's records made after `afterId`. */
export function linkMailToRecordsAfter(db: Db, mailId: number, pupilId: number, afterId: number): void {
  statement(db, `INSERT INTO consent_record_mails (consent_record_id, mail_id) SELECT id, ? FROM consent_records WHERE pupil_id = ? AND id > ?`).run(mailId, pupilId, afterId)
}

export function linkMailToDossierEntry(db: Db, entryId: number, mailId: number): void {
  statement(db, `INSERT INTO dossier_entry_mails (entry_id, mail_id) VALUES (?, ?)`).run(entryId, mailId)
}

// The retention's SQL: who left and what is still held for them, and everything a removal
// reads, deletes and scrubs (also on an older backup, by the same ids). The periods are settings.
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

// ---- what is due ----

export interface LeftPupil {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  leftOn: string
}

/** Pupils who left on or before `today`, the longest gone first. */
export function pupilsLeftBy(db: Db, today: string): LeftPupil[] {
  return statement(
    db,
    `SELECT id, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName, left_on AS leftOn
       FROM pupils WHERE left_on IS NOT NULL AND left_on <= ? ORDER BY left_on, last_name, id`,
  ).all(today) as LeftPupil[]
}

/** A pupil's guardians with contact details who have no child at school on `today` any more. */
export function guardiansWithContactLeft(db: Db, pupilId: number, today: string): number {
  return statement(
    db,
    `SELECT count(*) FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id
      WHERE pg.pupil_id = ? AND (g.email <> '' OR g.phone <> '')
        AND NOT EXISTS (SELECT 1 FROM pupil_guardians o JOIN pupils p ON p.id = o.pupil_id
                         WHERE o.guardian_id = g.id AND (p.left_on IS NULL OR p.left_on > ?))`,
    'pluck',
  ).get(pupilId, today) as number
}

export const dossierEntryCount = (db: Db, pupilId: number): number => statement(db, `SELECT count(*) FROM dossier_entries WHERE pupil_id = ?`, 'pluck').get(pupilId) as number

export const consentRecordCount = (db: Db, pupilId: number): number => statement(db, `SELECT count(*) FROM consent_records WHERE pupil_id = ?`, 'pluck').get(pupilId) as number

/** Compacts the file after a removal (freed pages go; it needs free disk space). */
export function vacuum(db: Db): void {
  db.exec('VACUUM')
}

// ---- planning a removal ----

export function guardianKey(db: Db, id: number): { id: number; createdAt: string } | undefined {
  return statement(db, `SELECT id, created_at AS createdAt FROM guardians WHERE id = ?`).get(id) as { id: number; createdAt: string } | undefined
}

export function pupilFormCode(db: Db, pupilId: number): string | undefined {
  return statement(db, `SELECT form_code FROM pupils WHERE id = ?`, 'pluck').get(pupilId) as string | undefined
}

export const guardiansOfPupil = (db: Db, pupilId: number): number[] => statement(db, `SELECT guardian_id FROM pupil_guardians WHERE pupil_id = ?`, 'pluck').all(pupilId) as number[]

export const childrenOfGuardian = (db: Db, guardianId: number): number[] => statement(db, `SELECT pupil_id FROM pupil_guardians WHERE guardian_id = ?`, 'pluck').all(guardianId) as number[]

/** The pupils a guardian gave an answer for. */
export const pupilsAnsweredFor = (db: Db, guardianId: number): number[] => statement(db, `SELECT DISTINCT pupil_id FROM consent_records WHERE guardian_id = ?`, 'pluck').all(guardianId) as number[]

/** True when none of the guardian's children is at school on `today`. */
export function noChildAtSchool(db: Db, guardianId: number, today: string): boolean {
  return (
    statement(db, `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pupil_guardians o JOIN pupils p ON p.id = o.pupil_id WHERE o.guardian_id = ? AND (p.left_on IS NULL OR p.left_on > ?))`).get(guardianId, today) !== undefined
  )
}

// ---- what a removal reads ----

export interface PupilNames {
  firstName: string
  lastNamePrefix: string
  lastName: string
}

/** The pupil's names, only when id and form code are the same pupil's (an older backup of another register). */
export function samePupil(db: Db, id: number, formCode: string): PupilNames | undefined {
  return statement(db, `SELECT first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName FROM pupils WHERE id = ? AND form_code = ?`).get(id, formCode) as PupilNames | undefined
}

/** The guardian's name, only when id and creation time are the same guardian's. */
export function sameGuardianName(db: Db, id: number, createdAt: string): string | undefined {
  return statement(db, `SELECT name FROM guardians WHERE id = ? AND created_at = ?`, 'pluck').get(id, createdAt) as string | undefined
}

export function guardianContact(db: Db, guardianId: number): Record<string, string> | undefined {
  return statement(db, `SELECT name, email, phone, phone_normalized AS phoneNormalized FROM guardians WHERE id = ?`).get(guardianId) as Record<string, string> | undefined
}

/** The old and new values the audit log and the import history hold about a guardian (JSON texts). */
export function guardianHistory(db: Db, guardianId: number): (string | null)[][] {
  return [
    ...(statement(db, `SELECT old_value, new_value FROM audit_log WHERE entity = 'guardian' AND entity_id = ?`, 'raw').all(guardianId) as (string | null)[][]),
    ...(statement(db, `SELECT before_json, after_json FROM import_changes WHERE entity = 'guardian' AND entity_id = ?`, 'raw').all(guardianId) as (string | null)[][]),
  ]
}

/** Import batches that wrote or changed this pupil. */
export function batchesOfPupil(db: Db, pupilId: number): number[] {
  return statement(
    db,
    `SELECT batch_id FROM import_changes WHERE entity IN ('pupil', 'membership', 'pupil_guardian') AND entity_id = @id
     UNION SELECT import_batch_id FROM consent_records WHERE pupil_id = @id AND import_batch_id IS NOT NULL
     UNION SELECT json_extract(new_value, '$.batchId') FROM audit_log WHERE pupil_id = @id AND action LIKE 'pupil.import%' AND json_valid(new_value)
     UNION SELECT undone_import_batch_id FROM pupils WHERE id = @id`,
    'pluck',
  )
    .all({ id: pupilId })
    .filter((b): b is number => typeof b === 'number')
}

/** The pupils a batch wrote, as far as the register still tells. */
export function pupilsOfBatch(db: Db, batchId: number): number[] {
  return statement(
    db,
    `SELECT entity_id FROM import_changes WHERE batch_id = @b AND entity IN ('pupil', 'membership', 'pupil_guardian')
     UNION SELECT pupil_id FROM consent_records WHERE import_batch_id = @b
     UNION SELECT pupil_id FROM audit_log WHERE action LIKE 'pupil.import%' AND json_valid(new_value) AND json_extract(new_value, '$.batchId') = @b
     UNION SELECT id FROM pupils WHERE undone_import_batch_id = @b`,
    'pluck',
  ).all({ b: batchId }) as number[]
}

// ---- what a removal deletes ----

export const queuePupilPurge = (db: Db, pupilId: number): void => void statement(db, `INSERT OR IGNORE INTO purge_queue (pupil_id) VALUES (?)`).run(pupilId)
export const deleteDossierOf = (db: Db, pupilId: number): void => void statement(db, `DELETE FROM dossier_entries WHERE pupil_id = ?`).run(pupilId)
export const deleteConsentOf = (db: Db, pupilId: number): void => void statement(db, `DELETE FROM consent_records WHERE pupil_id = ?`).run(pupilId)

/** The guardian's e-mail address and phone number go; the version moves so an open screen sees it. */
export function clearGuardianContact(db: Db, guardianId: number): void {
  statement(db, `UPDATE guardians SET email = '', phone = '', phone_normalized = '', version = version + 1 WHERE id = ?`).run(guardianId)
}

/** The pupil with their answers, their log entries and what imports noted about them (the purge queue allows it). */
export function deletePupil(db: Db, pupilId: number): void {
  deleteConsentOf(db, pupilId)
  statement(db, `DELETE FROM audit_log WHERE pupil_id = ? OR (entity = 'pupil' AND entity_id = ?)`).run(pupilId, pupilId)
  statement(db, `DELETE FROM import_changes WHERE entity IN ('pupil', 'membership', 'pupil_guardian') AND entity_id = ?`).run(pupilId)
  statement(db, `DELETE FROM pupils WHERE id = ?`).run(pupilId)
}

export function unlinkGuardian(db: Db, guardianId: number): void {
  statement(db, `DELETE FROM pupil_guardians WHERE guardian_id = ?`).run(guardianId)
  statement(db, `DELETE FROM import_changes WHERE entity = 'pupil_guardian' AND json_valid(after_json) AND json_extract(after_json, '$.guardianId') = ?`).run(guardianId)
}

export const guardianGaveAnswers = (db: Db, guardianId: number): boolean => statement(db, `SELECT 1 FROM consent_records WHERE guardian_id = ?`).get(guardianId) !== undefined

/** Only the contact details, without a version change: an older backup, where the guardian's answers stay. */
export function blankGuardianContact(db: Db, guardianId: number): void {
  statement(db, `UPDATE guardians SET email = '', phone = '', phone_normalized = '' WHERE id = ?`).run(guardianId)
}

/** The guardian with their log entries and import history (the purge queue allows it). */
export function deleteGuardian(db: Db, guardianId: number): void {
  statement(db, `INSERT OR IGNORE INTO guardian_purge_queue (guardian_id) VALUES (?)`).run(guardianId)
  statement(db, `DELETE FROM audit_log WHERE entity = 'guardian' AND entity_id = ?`).run(guardianId)
  statement(db, `DELETE FROM import_changes WHERE entity = 'guardian' AND entity_id = ?`).run(guardianId)
  statement(db, `DELETE FROM guardians WHERE id = ?`).run(guardianId)
}

export function emptyPurgeQueues(db: Db): void {
  db.exec(`DELETE FROM purge_queue; DELETE FROM guardian_purge_queue;`)
}

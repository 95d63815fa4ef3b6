// The SQL an import's commit writes with: the batch and its change notes, pupils, guardians,
// links, groups, memberships, consent answers (many to a statement) and the audit rows. Every
// statement comes from the per-connection cache, so a second import prepares nothing again.
import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

const PUPIL_COLUMNS = `student_number AS studentNumber, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName,
  birth_date AS birthDate, left_on AS leftOn, leaving_reason AS leavingReason, undone_import_batch_id AS undoneImportBatchId`
const GUARDIAN_COLUMNS = `name, email, phone, phone_normalized AS phoneNormalized`

export function schoolYearName(db: Db, yearId: number): string {
  return statement(db, `SELECT name FROM school_years WHERE id = ?`, 'pluck').get(yearId) as string
}

export function addBatch(db: Db, stamp: string, actor: string, filesJson: string): number {
  return insertRow(db, `INSERT INTO import_batches (created_at, created_by, files_json, summary_json) VALUES (?, ?, ?, '{}')`, stamp, actor, filesJson)
}

export function putBatchSummary(db: Db, batchId: number, summaryJson: string): void {
  statement(db, `UPDATE import_batches SET summary_json = ? WHERE id = ?`).run(summaryJson, batchId)
}

/** The statements a commit runs per row, taken once per batch. */
export function commitStatements(
  db: Db,
): Record<
  | 'change'
  | 'insertPupil'
  | 'readPupil'
  | 'updatePupil'
  | 'insertGroup'
  | 'readMembership'
  | 'upsertMembership'
  | 'insertGuardian'
  | 'readGuardian'
  | 'updateGuardian'
  | 'nextSort'
  | 'link'
  | 'relation'
  | 'readRelation'
  | 'touchPupil'
  | 'touchGuardian'
  | 'audit'
  | 'codeTaken',
  Statement
> {
  return {
    change: statement(db, `INSERT INTO import_changes (batch_id, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)`),
    insertPupil: statement(
      db,
      `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, form_code, created_at, updated_at, year_level, year_level_unsure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readPupil: statement(db, `SELECT ${PUPIL_COLUMNS} FROM pupils WHERE id = ?`),
    updatePupil: statement(
      db,
      `UPDATE pupils SET student_number = @studentNumber, first_name = @firstName, last_name_prefix = @lastNamePrefix, last_name = @lastName, birth_date = @birthDate,
              left_on = @leftOn, leaving_reason = @leavingReason, undone_import_batch_id = @undoneImportBatchId, version = version + 1, updated_at = @stamp WHERE id = @id`,
    ),
    insertGroup: statement(db, `INSERT INTO groups (school_year_id, name, created_at, year_levels) VALUES (?, ?, ?, ?)`),
    readMembership: statement(db, `SELECT group_id FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`, 'pluck'),
    upsertMembership: statement(db, `INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET group_id = excluded.group_id`),
    insertGuardian: statement(db, `INSERT INTO guardians (name, email, phone, phone_normalized, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
    readGuardian: statement(db, `SELECT ${GUARDIAN_COLUMNS} FROM guardians WHERE id = ?`),
    updateGuardian: statement(db, `UPDATE guardians SET name = @name, email = @email, phone = @phone, phone_normalized = @phoneNormalized, version = version + 1, updated_at = @stamp WHERE id = @id`),
    nextSort: statement(db, `SELECT coalesce(max(sort_order), -1) + 1 FROM pupil_guardians WHERE pupil_id = ?`, 'pluck'),
    link: statement(db, `INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, ?, ?)`),
    relation: statement(db, `UPDATE pupil_guardians SET relation = ? WHERE pupil_id = ? AND guardian_id = ?`),
    readRelation: statement(db, `SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`, 'pluck'),
    // A new group or relation is a change of what a pupil or guardian screen shows: its version moves, so that screen cannot save it back.
    touchPupil: statement(db, `UPDATE pupils SET version = version + 1, updated_at = ? WHERE id = ?`),
    touchGuardian: statement(db, `UPDATE guardians SET version = version + 1, updated_at = ? WHERE id = ?`),
    audit: statement(db, `INSERT INTO audit_log (at, actor, action, entity, entity_id, pupil_id, old_value, new_value) VALUES (?, ?, ?, 'pupil', ?, ?, NULL, ?)`),
    codeTaken: statement(db, `SELECT 1 FROM pupils WHERE form_code = ?`),
  }
}

/** An INSERT of `n` imported consent answers (9 values each) in one statement. */
export function consentInsert(db: Db, n: number): Statement {
  return statement(
    db,
    `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, import_batch_id, recorded_by, recorded_at)
     VALUES ${Array.from({ length: n }, () => `(?, ?, ?, ?, NULL, ?, 'enrolment_form', ?, ?, ?, ?)`).join(', ')}`,
  )
}

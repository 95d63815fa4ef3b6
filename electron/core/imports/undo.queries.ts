// The SQL of undoing an import: what the batch noted it changed, what stands in the register now,
// and the writes that put the old values back (consent answers are added, never removed).
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

export const BATCH_COLUMNS = `id, created_at AS createdAt, created_by AS createdBy, files_json AS filesJson, summary_json AS summaryJson, undone_at AS undoneAt, undone_by AS undoneBy`

export interface BatchRow {
  id: number
  createdAt: string
  createdBy: string
  filesJson: string
  summaryJson: string
  undoneAt: string | null
  undoneBy: string | null
}

const PUPIL_FIELDS = `student_number AS studentNumber, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName, birth_date AS birthDate,
  left_on AS leftOn, leaving_reason AS leavingReason, undone_import_batch_id AS undoneImportBatchId`
const GUARDIAN_FIELDS = 'name, email, phone, phone_normalized AS phoneNormalized'

export type Table = 'pupils' | 'guardians'

export function batchRows(db: Db): BatchRow[] {
  return statement(db, `SELECT ${BATCH_COLUMNS} FROM import_batches ORDER BY id DESC`).all() as BatchRow[]
}

export function batchRow(db: Db, id: number): BatchRow | undefined {
  return statement(db, `SELECT ${BATCH_COLUMNS} FROM import_batches WHERE id = ?`).get(id) as BatchRow | undefined
}

export function markBatchUndone(db: Db, batchId: number, at: string, actor: string): void {
  statement(db, `UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?`).run(at, actor, batchId)
}

export function batchChanges(db: Db, batchId: number): { entity: string; entityId: number; action: string; b: string | null; a: string | null }[] {
  return statement(db, `SELECT entity, entity_id AS entityId, action, before_json AS b, after_json AS a FROM import_changes WHERE batch_id = ? ORDER BY id`).all(batchId) as {
    entity: string
    entityId: number
    action: string
    b: string | null
    a: string | null
  }[]
}

export function pupilName(db: Db, id: number): { firstName: string; lastNamePrefix: string; lastName: string } | undefined {
  return statement(db, `SELECT first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName FROM pupils WHERE id = ?`).get(id) as
    { firstName: string; lastNamePrefix: string; lastName: string } | undefined
}

/** Whether anyone added to this pupil after the batch: a consent answer, a dossier entry, a later import. */
export function addedSince(db: Db, pupilId: number, batchId: number): boolean {
  const laterConsent = statement(db, `SELECT 1 FROM consent_records WHERE pupil_id = ? AND (import_batch_id IS NULL OR import_batch_id <> ?) AND source <> 'import_undo' LIMIT 1`).get(pupilId, batchId)
  const dossier = statement(db, `SELECT 1 FROM dossier_entries WHERE pupil_id = ? LIMIT 1`).get(pupilId)
  const laterImport = statement(db, `SELECT 1 FROM import_changes WHERE entity = 'pupil' AND entity_id = ? AND batch_id > ? LIMIT 1`).get(pupilId, batchId)
  return Boolean(laterConsent || dossier || laterImport)
}

export function pupilExists(db: Db, id: number): boolean {
  return statement(db, `SELECT left_on AS leftOn FROM pupils WHERE id = ?`).get(id) !== undefined
}

export function guardianLinkCount(db: Db, pupilId: number): number {
  return statement(db, `SELECT count(*) FROM pupil_guardians WHERE pupil_id = ?`, 'pluck').get(pupilId) as number
}

export function hidePupil(db: Db, pupilId: number, today: string, reason: string, batchId: number, stamp: string): void {
  statement(db, `UPDATE pupils SET left_on = coalesce(left_on, ?), leaving_reason = ?, undone_import_batch_id = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(today, reason, batchId, stamp, pupilId)
  statement(db, `DELETE FROM group_memberships WHERE pupil_id = ?`).run(pupilId)
  statement(db, `DELETE FROM pupil_guardians WHERE pupil_id = ?`).run(pupilId)
}

/** The fields an import notes of a pupil or guardian, as they stand now. */
export function currentFields(db: Db, table: Table, id: number): Record<string, unknown> | undefined {
  return statement(db, `SELECT ${table === 'pupils' ? PUPIL_FIELDS : GUARDIAN_FIELDS} FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined
}

/** Puts these fields (camelCase keys the import noted itself) back; the version moves. */
export function restoreFields(db: Db, table: Table, id: number, restore: Record<string, unknown>, stamp: string): void {
  const set = Object.keys(restore)
    .map((k) => `${k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)} = @${k}`)
    .join(', ')
  statement(db, `UPDATE ${table} SET ${set}, version = version + 1, updated_at = @stamp WHERE id = @id`).run({ ...restore, stamp, id })
}

/** A group or relation put back is a change a pupil or guardian screen shows: its version moves. */
export function touchRow(db: Db, table: Table, id: number, stamp: string): void {
  statement(db, `UPDATE ${table} SET version = version + 1, updated_at = ? WHERE id = ?`).run(stamp, id)
}

export function membershipGroup(db: Db, pupilId: number, yearId: number): unknown {
  return statement(db, `SELECT group_id FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`, 'pluck').get(pupilId, yearId)
}

export function groupName(db: Db, groupId: unknown): string {
  return String(statement(db, `SELECT name FROM groups WHERE id = ?`, 'pluck').get(groupId) ?? '')
}

export function putMembershipBack(db: Db, pupilId: number, yearId: number, groupId: number | null): void {
  if (groupId === null) statement(db, `DELETE FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).run(pupilId, yearId)
  else statement(db, `UPDATE group_memberships SET group_id = ? WHERE pupil_id = ? AND school_year_id = ?`).run(groupId, pupilId, yearId)
}

export function linkRelation(db: Db, pupilId: number, guardianId: number): string | undefined {
  return statement(db, `SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`, 'pluck').get(pupilId, guardianId) as string | undefined
}

export function removeLink(db: Db, pupilId: number, guardianId: number): void {
  statement(db, `DELETE FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).run(pupilId, guardianId)
}

export function putRelationBack(db: Db, pupilId: number, guardianId: number, relation: string): void {
  statement(db, `UPDATE pupil_guardians SET relation = ? WHERE pupil_id = ? AND guardian_id = ?`).run(relation, pupilId, guardianId)
}

export function pupilsOfGuardian(db: Db, guardianId: number): number[] {
  return statement(db, `SELECT pupil_id FROM pupil_guardians WHERE guardian_id = ?`, 'pluck').all(guardianId) as number[]
}

export function guardianAnswered(db: Db, guardianId: number): boolean {
  return statement(db, `SELECT 1 FROM consent_records WHERE guardian_id = ? LIMIT 1`).get(guardianId) !== undefined
}

export function removeGuardian(db: Db, guardianId: number): void {
  statement(db, `DELETE FROM guardians WHERE id = ?`).run(guardianId)
}

export function groupMembers(db: Db, groupId: number): number[] {
  return statement(db, `SELECT pupil_id FROM group_memberships WHERE group_id = ?`, 'pluck').all(groupId) as number[]
}

export function removeGroup(db: Db, groupId: number): void {
  statement(db, `DELETE FROM groups WHERE id = ?`).run(groupId)
}

/** Per pupil and purpose, the first and last consent record the batch added. */
export function batchAnswers(db: Db, batchId: number): { pupilId: number; purposeId: number; first: number; last: number }[] {
  return statement(db, `SELECT pupil_id AS pupilId, purpose_id AS purposeId, min(id) AS first, max(id) AS last FROM consent_records WHERE import_batch_id = ? GROUP BY pupil_id, purpose_id`).all(batchId) as {
    pupilId: number
    purposeId: number
    first: number
    last: number
  }[]
}

export function answerHistory(db: Db, pupilId: number, purposeId: number): unknown[] {
  return statement(
    db,
    `SELECT id, pupil_id AS pupilId, purpose_id AS purposeId, guardian_id AS guardianId, decision, effective_from AS effectiveFrom, purpose_version AS purposeVersion
       FROM consent_records WHERE pupil_id = ? AND purpose_id = ? ORDER BY id`,
  ).all(pupilId, purposeId)
}

export interface UndoAnswer {
  pupilId: number
  purposeId: number
  purposeVersion: number
  decision: string
  guardianId: number | null
  effectiveFrom: string
  detail: string
  actor: string
  stamp: string
}

export function addUndoAnswer(db: Db, a: UndoAnswer): void {
  statement(
    db,
    `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, 'import_undo', ?, ?, ?)`,
  ).run(a.pupilId, a.purposeId, a.purposeVersion, a.decision, a.guardianId, a.effectiveFrom, a.detail, a.actor, a.stamp)
}

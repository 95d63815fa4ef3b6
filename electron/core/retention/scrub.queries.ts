// The scrub's SQL: rows whose texts may hold a removed person's data, and the updates that blank
// them through the scrub queues of migration 0050 (the append-only triggers allow a queued row).
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

/** SQL that finds rows whose JSON columns may hold a word: a prefilter, the JSON walk decides. */
const mayHold = (columns: string[]): string => `EXISTS (SELECT 1 FROM json_each(@words) w WHERE ${columns.map((c) => `instr(lower(coalesce(${c}, '')), lower(w.value)) > 0`).join(' OR ')})`

/** The words as JSON text fragments, the way they appear inside a JSON column. */
const wordsParam = (words: readonly string[]): string => JSON.stringify(words.map((w) => JSON.stringify(w).slice(1, -1)))

export interface AuditTextRow {
  id: number
  action: string
  entity: string
  entityId: number | null
  pupilId: number | null
  oldValue: string | null
  newValue: string | null
}

/**
 * Audit entries about these guardians, about these pupils' dossiers, the copies made of these pupils' files
 * (dossier.export), or whose values may hold a word.
 */
export function auditEntriesToScrub(db: Db, guardianIds: readonly number[], dossierPupilIds: readonly number[], filePupilIds: readonly number[], words: readonly string[]): AuditTextRow[] {
  return statement(
    db,
    `SELECT id, action, entity, entity_id AS entityId, pupil_id AS pupilId, old_value AS oldValue, new_value AS newValue FROM audit_log a
      WHERE (a.entity = 'guardian' AND a.entity_id IN (SELECT value FROM json_each(@ids)))
         OR (a.entity = 'dossier_entry' AND a.pupil_id IN (SELECT value FROM json_each(@dossiers)))
         OR (a.action = 'dossier.export' AND a.pupil_id IN (SELECT value FROM json_each(@files)))
         OR ${mayHold(['a.old_value', 'a.new_value'])}`,
  ).all({ ids: JSON.stringify(guardianIds), dossiers: JSON.stringify(dossierPupilIds), files: JSON.stringify(filePupilIds), words: wordsParam(words) }) as AuditTextRow[]
}

/** Queues the entry (so the trigger lets it change), then writes the blanked values and marks it scrubbed. */
export function scrubAuditEntry(db: Db, id: number, oldValue: string | null, newValue: string | null, at: string): void {
  statement(db, `INSERT OR IGNORE INTO audit_scrub_queue (audit_id) VALUES (?)`).run(id)
  statement(db, `UPDATE audit_log SET old_value = ?, new_value = ?, scrubbed_at = ? WHERE id = ?`).run(oldValue, newValue, at, id)
}

export const emptyAuditScrubQueue = (db: Db): void => void statement(db, `DELETE FROM audit_scrub_queue`).run()

export interface ImportChangeTextRow {
  id: number
  entity: string
  entityId: number
  beforeJson: string | null
  afterJson: string | null
}

/** What imports noted about these guardians, or whose values may hold a word. */
export function importChangesToScrub(db: Db, guardianIds: readonly number[], words: readonly string[]): ImportChangeTextRow[] {
  return statement(
    db,
    `SELECT id, entity, entity_id AS entityId, before_json AS beforeJson, after_json AS afterJson FROM import_changes c
      WHERE (c.entity = 'guardian' AND c.entity_id IN (SELECT value FROM json_each(@ids))) OR ${mayHold(['c.before_json', 'c.after_json'])}`,
  ).all({ ids: JSON.stringify(guardianIds), words: wordsParam(words) }) as ImportChangeTextRow[]
}

export function updateImportChange(db: Db, id: number, beforeJson: string | null, afterJson: string | null): void {
  statement(db, `UPDATE import_changes SET before_json = ?, after_json = ? WHERE id = ?`).run(beforeJson, afterJson, id)
}

/** Answers a batch imported from the enrolment form whose source names this file. */
export function answersNamingFile(db: Db, batchId: number, fileName: string): { id: number; detail: string }[] {
  return statement(db, `SELECT id, source_detail AS detail FROM consent_records WHERE import_batch_id = ? AND source = 'enrolment_form' AND instr(source_detail, ?) > 0`).all(batchId, fileName) as {
    id: number
    detail: string
  }[]
}

/** Queues the answer (so the trigger lets it change) and writes its new source detail. */
export function rewriteSourceDetail(db: Db, id: number, detail: string): void {
  statement(db, `INSERT OR IGNORE INTO consent_scrub_queue (consent_record_id) VALUES (?)`).run(id)
  statement(db, `UPDATE consent_records SET source_detail = ? WHERE id = ?`).run(detail, id)
}

export const emptyConsentScrubQueue = (db: Db): void => void statement(db, `DELETE FROM consent_scrub_queue`).run()

export function importBatchFiles(db: Db): { id: number; filesJson: string }[] {
  return statement(db, `SELECT id, files_json AS filesJson FROM import_batches`).all() as { id: number; filesJson: string }[]
}

export function updateImportBatchFiles(db: Db, id: number, filesJson: string): void {
  statement(db, `UPDATE import_batches SET files_json = ? WHERE id = ?`).run(filesJson, id)
}

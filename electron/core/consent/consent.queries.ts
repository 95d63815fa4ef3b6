// The consent records' SQL: the answers in effect, a pupil's history, a new record, and the stamp
// that tells a screen whether its grid is still current.
import type { CurrentAnswer } from '../../../shared/consent.ts'
import type { ConsentRecordView, ConsentSource } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export interface CurrentAnswerRow extends CurrentAnswer {
  pupilId: number
  purposeId: number
}

/**
 * The latest record per pupil, purpose and answerer (the pupil as a whole, or a guardian), in
 * effect on `today`. Reads the covering index in its own order, so the last row of each answerer
 * is the current one: no sort, no window function.
 */
export function currentAnswers(db: Db, today: string, pupilId?: number): CurrentAnswerRow[] {
  const columns = `pupil_id AS pupilId, purpose_id AS purposeId, guardian_id AS guardianId, decision,
    effective_from AS effectiveFrom, id, purpose_version AS purposeVersion`
  const order = `ORDER BY pupil_id, purpose_id, guardian_id, effective_from, id`
  const rows = (
    pupilId === undefined
      ? statement(db, `SELECT ${columns} FROM consent_records INDEXED BY consent_records_current WHERE effective_from <= ? ${order}`).all(today)
      : statement(db, `SELECT ${columns} FROM consent_records INDEXED BY consent_records_current WHERE pupil_id = ? AND effective_from <= ? ${order}`).all(pupilId, today)
  ) as CurrentAnswerRow[]
  const current: CurrentAnswerRow[] = []
  rows.forEach((row, i) => {
    const next = rows[i + 1]
    if (!next || next.pupilId !== row.pupilId || next.purposeId !== row.purposeId || next.guardianId !== row.guardianId) current.push(row)
  })
  return current
}

/** Groups answers by pupil and purpose: key `${pupilId}:${purposeId}`. */
export function byPupilAndPurpose(rows: CurrentAnswerRow[]): Map<string, CurrentAnswerRow[]> {
  const map = new Map<string, CurrentAnswerRow[]>()
  for (const r of rows) {
    const key = `${r.pupilId}:${r.purposeId}`
    const list = map.get(key)
    if (list) list.push(r)
    else map.set(key, [r])
  }
  return map
}

export function consentStamp(db: Db, pupilId: number): number {
  return (statement(db, `SELECT coalesce(max(id), 0) FROM consent_records WHERE pupil_id = ?`, 'pluck').get(pupilId) as number) ?? 0
}

export interface NewConsentRecord {
  pupilId: number
  purposeId: number
  purposeVersion: number
  decision: string
  guardianId: number | null
  effectiveFrom: string
  source: string
  sourceDetail: string
  attachmentId: number | null
  note: string
  recordedBy: string
  recordedAt: string
}

/** Appends one answer (records are append-only in SQL); returns its id. */
export function insertConsentRecord(db: Db, r: NewConsentRecord): number {
  return insertRow(
    db,
    `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, attachment_id, note, recorded_by, recorded_at)
     VALUES (@pupilId, @purposeId, @purposeVersion, @decision, @guardianId, @effectiveFrom, @source, @sourceDetail, @attachmentId, @note, @recordedBy, @recordedAt)`,
    r,
  )
}

export type ConsentHistoryRow = Omit<ConsentRecordView, 'attachment' | 'mail'> & { attachmentId: number | null }

/** Every record of a pupil, newest first, with the wording of the purpose as it was answered. */
export function consentHistoryRows(db: Db, pupilId: number): ConsentHistoryRow[] {
  return statement(
    db,
    `SELECT c.id, c.purpose_id AS purposeId, v.label AS purposeLabel, c.purpose_version AS purposeVersion, c.decision,
            c.guardian_id AS guardianId, g.name AS guardianName, c.effective_from AS effectiveFrom, c.source,
            c.source_detail AS sourceDetail, c.note, c.recorded_by AS recordedBy, c.recorded_at AS recordedAt,
            c.attachment_id AS attachmentId
       FROM consent_records c
       JOIN purpose_versions v ON v.purpose_id = c.purpose_id AND v.version = c.purpose_version
       LEFT JOIN guardians g ON g.id = c.guardian_id
      WHERE c.pupil_id = ?
      ORDER BY c.id DESC`,
  ).all(pupilId) as ConsentHistoryRow[]
}

/** How an answer came in, as its proof. */
export function proofOfRecord(db: Db, recordId: number): { source: ConsentSource; sourceDetail: string } {
  return statement(db, `SELECT source, source_detail AS sourceDetail FROM consent_records WHERE id = ?`).get(recordId) as { source: ConsentSource; sourceDetail: string }
}

export interface PupilInGroupRow {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  groupId: number | null
  groupName: string | null
}

/** Pupils still at school on `today`, with their group in the given school year (null: none). */
export function pupilsWithGroup(db: Db, schoolYearId: number, today: string): PupilInGroupRow[] {
  return statement(
    db,
    `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, g.id AS groupId, g.name AS groupName
       FROM pupils p
       LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ?
       LEFT JOIN groups g ON g.id = m.group_id
      WHERE p.left_on IS NULL OR p.left_on > ?`,
  ).all(schoolYearId, today) as PupilInGroupRow[]
}

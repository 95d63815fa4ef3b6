import type { CurrentAnswer } from '../../../shared/consent.ts'
import type { Db } from '../db/open.ts'

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
      ? db.prepare(`SELECT ${columns} FROM consent_records INDEXED BY consent_records_current WHERE effective_from <= ? ${order}`).all(today)
      : db.prepare(`SELECT ${columns} FROM consent_records INDEXED BY consent_records_current WHERE pupil_id = ? AND effective_from <= ? ${order}`).all(pupilId, today)
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
  return (db.prepare(`SELECT coalesce(max(id), 0) FROM consent_records WHERE pupil_id = ?`).pluck().get(pupilId) as number) ?? 0
}

import type { CurrentAnswer } from '../../../shared/consent.ts'
import type { Db } from '../db/open.ts'

export interface CurrentAnswerRow extends CurrentAnswer {
  pupilId: number
  purposeId: number
}

/** The latest record per pupil, purpose and answerer (the pupil as a whole, or a guardian), in effect on `today`. */
export function currentAnswers(db: Db, today: string, pupilId?: number): CurrentAnswerRow[] {
  return db
    .prepare(
      `SELECT pupil_id AS pupilId, purpose_id AS purposeId, guardian_id AS guardianId, decision,
              effective_from AS effectiveFrom, id, purpose_version AS purposeVersion
         FROM (SELECT c.*, row_number() OVER (PARTITION BY pupil_id, purpose_id, guardian_id ORDER BY effective_from DESC, id DESC) AS rn
                 FROM consent_records c
                WHERE effective_from <= @today AND (@pupilId IS NULL OR pupil_id = @pupilId))
        WHERE rn = 1`,
    )
    .all({ today, pupilId: pupilId ?? null }) as CurrentAnswerRow[]
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

// The SQL of the scan review: which form or pupil a code read from a page belongs to, and the
// open form of a pupil chosen by hand. Bound parameters only.
import type { Db } from '../db/open.ts'

export interface FormOfCode {
  code: string
  pupilId: number
  returnedAt: string | null
  campaignId: number
  campaignName: string
  closedAt: string | null
}

/** A round's form by its code (open or closed), or undefined. */
export function campaignFormByCode(db: Db, code: string): FormOfCode | undefined {
  return db
    .prepare(
      `SELECT f.code, f.pupil_id AS pupilId, f.returned_at AS returnedAt, c.id AS campaignId, c.name AS campaignName, c.closed_at AS closedAt
         FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id WHERE f.code = ?`,
    )
    .get(code) as FormOfCode | undefined
}

/** The pupil whose own form code (printed outside a round) this is. */
export function pupilByFormCode(db: Db, code: string): number | undefined {
  return db.prepare(`SELECT id FROM pupils WHERE form_code = ?`).pluck().get(code) as number | undefined
}

/** The pupil's form in an open round that has not come back yet (the newest round first). */
export function openFormOfPupil(db: Db, pupilId: number): FormOfCode | undefined {
  return db
    .prepare(
      `SELECT f.code, f.pupil_id AS pupilId, f.returned_at AS returnedAt, c.id AS campaignId, c.name AS campaignName, c.closed_at AS closedAt
         FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id
        WHERE f.pupil_id = ? AND c.closed_at IS NULL AND f.returned_at IS NULL ORDER BY c.id DESC LIMIT 1`,
    )
    .get(pupilId) as FormOfCode | undefined
}

// The SQL of the scan review: which pupil a pupil's own form code read from a page belongs to (a
// round's code: campaigns.queries.ts formByCode), the open form of a pupil chosen by hand, and what the review shows of a pupil. Bound parameters only.
import type { Guardian } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { consentStamp } from '../consent/consent.queries.ts'
import type { FormByCodeRow } from '../campaigns/campaigns.queries.ts'
import type { Db } from '../db/open.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'

/** The pupil whose own form code (printed outside a round) this is. */
export function pupilByFormCode(db: Db, code: string): number | undefined {
  return db.prepare(`SELECT id FROM pupils WHERE form_code = ?`).pluck().get(code) as number | undefined
}

/** The pupil's form in an open round that has not come back yet (the newest round first). */
export function openFormOfPupil(db: Db, pupilId: number): FormByCodeRow | undefined {
  return db
    .prepare(
      `SELECT f.code, f.pupil_id AS pupilId, f.returned_at AS returnedAt, c.id AS campaignId, c.name AS campaignName, c.closed_at AS closedAt
         FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id
        WHERE f.pupil_id = ? AND c.closed_at IS NULL AND f.returned_at IS NULL ORDER BY c.id DESC LIMIT 1`,
    )
    .get(pupilId) as FormByCodeRow | undefined
}

/** What the review needs of a pupil: the name, this year's group, the guardians in order, the stamp of the answers. */
export interface ReviewPupil {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  groupName: string | null
  guardians: Guardian[]
  consentStamp: number
}

export function reviewPupil(db: Db, schoolYearId: number, id: number): ReviewPupil {
  const row = db
    .prepare(
      `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, g.name AS groupName
         FROM pupils p LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ? LEFT JOIN groups g ON g.id = m.group_id
        WHERE p.id = ?`,
    )
    .get(schoolYearId, id) as Omit<ReviewPupil, 'guardians' | 'consentStamp'> | undefined
  if (!row) throw new AppError('not_found', 'Een leerling van deze scan staat niet (meer) in het register. Er is niets vastgelegd. Vernieuw het scherm.')
  return { ...row, guardians: guardiansOf(db, id), consentStamp: consentStamp(db, id) }
}

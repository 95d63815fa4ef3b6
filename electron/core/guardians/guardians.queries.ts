import { displayName, type Guardian } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { Db } from '../db/open.ts'

export interface GuardianRow {
  id: number
  name: string
  email: string
  phone: string
  phoneNormalized: string
  inGroupApp: number
  preferredChannel: 'app' | 'email'
  version: number
}

export const COLUMNS = `g.id, g.name, g.email, g.phone, g.phone_normalized AS phoneNormalized, g.in_group_app AS inGroupApp,
  g.preferred_channel AS preferredChannel, g.version`

export function linkedPupils(db: Db, guardianId: number): { id: number; firstName: string; lastNamePrefix: string; lastName: string }[] {
  return db
    .prepare(
      `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName
         FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id WHERE pg.guardian_id = ? ORDER BY p.birth_date, p.id`,
    )
    .all(guardianId) as { id: number; firstName: string; lastNamePrefix: string; lastName: string }[]
}

export function toGuardian(db: Db, row: GuardianRow, relation: string, pupilId: number | null): Guardian {
  return {
    ...row,
    inGroupApp: row.inGroupApp === 1,
    relation,
    otherPupils: linkedPupils(db, row.id)
      .filter((p) => p.id !== pupilId)
      .map((p) => ({ id: p.id, name: displayName(p) })),
  }
}

export function guardiansOf(db: Db, pupilId: number): Guardian[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS}, pg.relation FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = ? ORDER BY pg.sort_order, g.id`)
    .all(pupilId) as (GuardianRow & { relation: string })[]
  return rows.map(({ relation, ...row }) => toGuardian(db, row, relation, pupilId))
}

export function guardianRow(db: Db, id: number): GuardianRow {
  const row = db.prepare(`SELECT ${COLUMNS} FROM guardians g WHERE g.id = ?`).get(id) as GuardianRow | undefined
  if (!row) throw new AppError('not_found', 'Deze ouder/verzorger bestaat niet (meer). Vernieuw het scherm.')
  return row
}


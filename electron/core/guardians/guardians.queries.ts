// The guardians' SQL: a guardian's row, the pupils they are linked to, the links and their order.
import { displayName, type Guardian } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

/** A guardian's details as the guardians table holds them (in_group_app 0 or 1). */
export interface GuardianValues {
  name: string
  email: string
  phone: string
  phoneNormalized: string
  inGroupApp: number
  preferredChannel: 'app' | 'email'
}

/** A guardian's row: the details, its id and its version. */
export interface GuardianRow extends GuardianValues {
  id: number
  version: number
}

export const COLUMNS = `g.id, g.name, g.email, g.phone, g.phone_normalized AS phoneNormalized, g.in_group_app AS inGroupApp,
  g.preferred_channel AS preferredChannel, g.version`

export function linkedPupils(db: Db, guardianId: number): { id: number; firstName: string; lastNamePrefix: string; lastName: string }[] {
  return statement(
    db,
    `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName
       FROM pupil_guardians pg JOIN pupils p ON p.id = pg.pupil_id WHERE pg.guardian_id = ? ORDER BY p.birth_date, p.id`,
  ).all(guardianId) as { id: number; firstName: string; lastNamePrefix: string; lastName: string }[]
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
  const rows = statement(db, `SELECT ${COLUMNS}, pg.relation FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = ? ORDER BY pg.sort_order, g.id`).all(pupilId) as (GuardianRow & {
    relation: string
  })[]
  return rows.map(({ relation, ...row }) => toGuardian(db, row, relation, pupilId))
}

export function guardianRow(db: Db, id: number): GuardianRow {
  const row = statement(db, `SELECT ${COLUMNS} FROM guardians g WHERE g.id = ?`).get(id) as GuardianRow | undefined
  if (!row) throw new AppError('not_found', 'Deze ouder/verzorger bestaat niet (meer). Vernieuw het scherm.')
  return row
}

export const pupilExists = (db: Db, pupilId: number): boolean => statement(db, `SELECT 1 FROM pupils WHERE id = ?`).get(pupilId) !== undefined

/** Links a guardian to a pupil after the pupil's other guardians; an existing link gets the new relation. */
export function addGuardianLink(db: Db, pupilId: number, guardianId: number, relation: string): void {
  const next = (statement(db, `SELECT coalesce(max(sort_order), -1) + 1 FROM pupil_guardians WHERE pupil_id = ?`, 'pluck').get(pupilId) as number) ?? 0
  statement(db, `INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET relation = excluded.relation`).run(pupilId, guardianId, relation, next)
}

export function insertGuardian(db: Db, v: GuardianValues, stamp: string): number {
  return insertRow(
    db,
    `INSERT INTO guardians (name, email, phone, phone_normalized, in_group_app, preferred_channel, created_at, updated_at)
     VALUES (@name, @email, @phone, @phoneNormalized, @inGroupApp, @preferredChannel, @stamp, @stamp)`,
    { ...v, stamp },
  )
}

/** Writes the guardian's details and moves their version on. */
export function updateGuardian(db: Db, id: number, v: GuardianValues, stamp: string): void {
  statement(
    db,
    `UPDATE guardians SET name = @name, email = @email, phone = @phone, phone_normalized = @phoneNormalized, in_group_app = @inGroupApp,
            preferred_channel = @preferredChannel, version = version + 1, updated_at = @stamp WHERE id = @id`,
  ).run({ ...v, stamp, id })
}

/** The relation of a guardian to a pupil; undefined when they are not linked. */
export function relationOf(db: Db, pupilId: number, guardianId: number): string | undefined {
  return statement(db, `SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`, 'pluck').get(pupilId, guardianId) as string | undefined
}

export function removeGuardianLink(db: Db, pupilId: number, guardianId: number): void {
  statement(db, `DELETE FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).run(pupilId, guardianId)
}

/** Every guardian, by name (the search filters in TypeScript, folded). */
export function allGuardians(db: Db): GuardianRow[] {
  return statement(db, `SELECT ${COLUMNS} FROM guardians g ORDER BY g.name`).all() as GuardianRow[]
}

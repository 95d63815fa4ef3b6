// The groups' SQL: a group of a school year, a name already taken, adding and changing a group,
// and who is in which group.
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export interface NewGroup {
  schoolYearId: number
  name: string
  teacherName: string
  teacherEmail: string
  /** As stored: see storedLevels() in shared/year-levels.ts. */
  yearLevels: string
  createdAt: string
}

export function insertGroup(db: Db, g: NewGroup): number {
  return insertRow(db, `INSERT INTO groups (school_year_id, name, teacher_name, teacher_email, year_levels, created_at) VALUES (@schoolYearId, @name, @teacherName, @teacherEmail, @yearLevels, @createdAt)`, g)
}

/** Another group of the school year with this name, if any (`exceptId`: the group itself). */
export function groupNamed(db: Db, schoolYearId: number, name: string, exceptId: number | null): number | undefined {
  return statement(db, `SELECT id FROM groups WHERE school_year_id = ? AND name = ? AND id IS NOT ?`, 'pluck').get(schoolYearId, name, exceptId) as number | undefined
}

export interface GroupFields {
  name: string
  teacherName: string
  teacherEmail: string
}

export function groupFields(db: Db, id: number): (GroupFields & { version: number }) | undefined {
  return statement(db, `SELECT name, teacher_name AS teacherName, teacher_email AS teacherEmail, version FROM groups WHERE id = ?`).get(id) as (GroupFields & { version: number }) | undefined
}

/** Writes the group's fields and moves its version on. */
export function updateGroup(db: Db, id: number, f: GroupFields): void {
  statement(db, `UPDATE groups SET name = ?, teacher_name = ?, teacher_email = ?, version = version + 1 WHERE id = ?`).run(f.name, f.teacherName, f.teacherEmail, id)
}

/** Who is in which group in the school year, of the pupils who have not left. */
export function membersAtSchool(db: Db, schoolYearId: number): { groupId: number; pupilId: number }[] {
  return statement(
    db,
    `SELECT m.group_id AS groupId, m.pupil_id AS pupilId FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id
      WHERE m.school_year_id = ? AND p.left_on IS NULL`,
  ).all(schoolYearId) as { groupId: number; pupilId: number }[]
}

/** Puts a pupil in a group for a school year. */
export function insertMembership(db: Db, pupilId: number, schoolYearId: number, groupId: number): void {
  statement(db, `INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?)`).run(pupilId, schoolYearId, groupId)
}

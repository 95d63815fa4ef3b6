// The SQL behind adding and changing a pupil by hand: the pupil's row, its group this school
// year, the checks before a save (student number, group, possible duplicates), the form code and
// the folded search text.
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'
import type { PossibleDuplicate } from '../../../shared/pupils.contract.ts'

export interface PupilRow extends PupilFields {
  id: number
  formCode: string
  version: number
  groupId: number | null
  groupName: string | null
}

/** The stored fields a save writes, in the order of the INSERT and UPDATE below. */
export interface PupilFields {
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  enrolledOn: string | null
  leftOn: string | null
  leavingReason: string
  yearLevel: number | null
  yearLevelUnsure: number
}

export const PUPIL_COLUMNS = `p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix,
  p.last_name AS lastName, p.birth_date AS birthDate, p.enrolled_on AS enrolledOn, p.left_on AS leftOn,
  p.leaving_reason AS leavingReason, p.form_code AS formCode, p.version, p.year_level AS yearLevel, p.year_level_unsure AS yearLevelUnsure, g.id AS groupId, g.name AS groupName`

export const FROM_PUPILS = `FROM pupils p
  LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @yearId
  LEFT JOIN groups g ON g.id = m.group_id`

export function pupilRowById(db: Db, id: number, yearId: number): PupilRow | undefined {
  return statement(db, `SELECT ${PUPIL_COLUMNS} ${FROM_PUPILS} WHERE p.id = @id`).get({ id, yearId }) as PupilRow | undefined
}

/** The pupil's form in the newest open consent round. */
export function openRoundFormOf(db: Db, pupilId: number): { code: string; campaignName: string } | undefined {
  return statement(db, `SELECT f.code, c.name AS campaignName FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id WHERE f.pupil_id = ? AND c.closed_at IS NULL ORDER BY c.id DESC LIMIT 1`).get(pupilId) as
    { code: string; campaignName: string } | undefined
}

/** The id of another pupil with this student number, if there is one. */
export function otherPupilWithNumber(db: Db, studentNumber: string, id: number | null): number | undefined {
  return statement(db, `SELECT id FROM pupils WHERE student_number = ? AND id IS NOT ?`, 'pluck').get(studentNumber, id) as number | undefined
}

/** A group's name and year levels; with a school year, only when the group belongs to it. */
export function groupWithLevels(db: Db, groupId: number, yearId?: number): { name: string; levels: string } | undefined {
  if (yearId === undefined) return statement(db, `SELECT name, year_levels AS levels FROM groups WHERE id = ?`).get(groupId) as { name: string; levels: string } | undefined
  return statement(db, `SELECT name, year_levels AS levels FROM groups WHERE id = ? AND school_year_id = ?`).get(groupId, yearId) as { name: string; levels: string } | undefined
}

export function leaveGroup(db: Db, pupilId: number, yearId: number): void {
  statement(db, `DELETE FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).run(pupilId, yearId)
}

export function joinGroup(db: Db, pupilId: number, yearId: number, groupId: number): void {
  statement(db, `INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET group_id = excluded.group_id`).run(pupilId, yearId, groupId)
}

export function insertPupil(db: Db, v: PupilFields, formCode: string, stamp: string): number {
  return insertRow(
    db,
    `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, left_on, leaving_reason, year_level, year_level_unsure, form_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    v.studentNumber,
    v.firstName,
    v.lastNamePrefix,
    v.lastName,
    v.birthDate,
    v.enrolledOn,
    v.leftOn,
    v.leavingReason,
    v.yearLevel,
    v.yearLevelUnsure,
    formCode,
    stamp,
    stamp,
  )
}

export function updatePupil(db: Db, id: number, v: PupilFields, stamp: string): void {
  statement(
    db,
    `UPDATE pupils SET student_number = ?, first_name = ?, last_name_prefix = ?, last_name = ?, birth_date = ?, enrolled_on = ?, left_on = ?,
            leaving_reason = ?, year_level = ?, year_level_unsure = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(v.studentNumber, v.firstName, v.lastNamePrefix, v.lastName, v.birthDate, v.enrolledOn, v.leftOn, v.leavingReason, v.yearLevel, v.yearLevelUnsure, stamp, id)
}

/** Whether a pupil or a consent round's form already has this code. */
export function formCodeTaken(db: Db, code: string): boolean {
  return statement(db, `SELECT 1 FROM pupils WHERE form_code = @code UNION ALL SELECT 1 FROM campaign_forms WHERE code = @code`).get({ code }) !== undefined
}

export type DuplicateRow = Omit<PossibleDuplicate, 'name' | 'reason'> & { firstName: string; lastNamePrefix: string; lastName: string }

/** Pupils with this birth date or this student number, with their group this school year. */
export function pupilsLike(db: Db, yearId: number, birthDate: string | null, studentNumber: string): DuplicateRow[] {
  return statement(
    db,
    `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
            p.student_number AS studentNumber, p.left_on AS leftOn, g.name AS groupName
       FROM pupils p
       LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ?
       LEFT JOIN groups g ON g.id = m.group_id
      WHERE (? IS NOT NULL AND p.birth_date = ?) OR (? <> '' AND p.student_number = ?)
      ORDER BY p.id`,
  ).all(yearId, birthDate, birthDate, studentNumber, studentNumber) as DuplicateRow[]
}

/** The raw text a pupil is found by: names, numbers, form code, guardians' names. */
export function searchSource(db: Db, pupilId: number): string | undefined {
  return statement(
    db,
    `SELECT p.first_name || ' ' || p.last_name_prefix || ' ' || p.last_name || ' ' || coalesce(p.student_number, '') || ' ' || p.form_code
            || ' ' || coalesce((SELECT group_concat(g.name, ' ') FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = p.id), '')
       FROM pupils p WHERE p.id = ?`,
    'pluck',
  ).get(pupilId) as string | undefined
}

export function putSearchText(db: Db, pupilId: number, text: string): void {
  statement(db, `UPDATE pupils SET search_text = ? WHERE id = ?`).run(text, pupilId)
}

// The rollover's SQL: what this year holds (groups, members with their levels, pupils without a
// group, open consent rounds) and what the move to next year writes.
import type { OpenRound } from '../../../shared/schoolyear.ts'
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

export interface MemberRow {
  pupilId: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  yearLevel: number | null
  unsure: number
  groupName: string
  groupLevels: string
}

/** Whether any pupil is in a group of that school year already (the rollover was done). */
export function yearHasMembers(db: Db, yearName: string): boolean {
  return statement(db, `SELECT 1 FROM group_memberships m JOIN school_years y ON y.id = m.school_year_id WHERE y.name = ? LIMIT 1`).get(yearName) !== undefined
}

export function groupsOfYear(db: Db, schoolYearId: number): { name: string; teacherName: string; teacherEmail: string; levels: string }[] {
  return statement(db, `SELECT name, teacher_name AS teacherName, teacher_email AS teacherEmail, year_levels AS levels FROM groups WHERE school_year_id = ?`).all(schoolYearId) as {
    name: string
    teacherName: string
    teacherEmail: string
    levels: string
  }[]
}

/** The pupils in a group this year who have not left, with their level and their group's levels. */
export function membersOfYear(db: Db, schoolYearId: number): MemberRow[] {
  return statement(
    db,
    `SELECT p.id AS pupilId, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
            p.year_level AS yearLevel, p.year_level_unsure AS unsure, g.name AS groupName, g.year_levels AS groupLevels
       FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id JOIN groups g ON g.id = m.group_id
      WHERE m.school_year_id = ? AND p.left_on IS NULL`,
  ).all(schoolYearId) as MemberRow[]
}

/** The year's rounds not yet closed, with how many forms are still out. */
export function openRoundsOfYear(db: Db, schoolYearId: number): OpenRound[] {
  return statement(
    db,
    `SELECT c.id, c.name, (SELECT count(*) FROM campaign_forms f WHERE f.campaign_id = c.id AND f.returned_at IS NULL) AS outstanding
       FROM campaigns c WHERE c.school_year_id = ? AND c.closed_at IS NULL ORDER BY c.id`,
  ).all(schoolYearId) as OpenRound[]
}

/** Pupils who have not left and are in no group this year. */
export function pupilsWithoutGroup(db: Db, schoolYearId: number): { firstName: string; lastNamePrefix: string; lastName: string }[] {
  return statement(
    db,
    `SELECT first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName FROM pupils p
      WHERE p.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM group_memberships m WHERE m.pupil_id = p.id AND m.school_year_id = ?)`,
  ).all(schoolYearId) as { firstName: string; lastNamePrefix: string; lastName: string }[]
}

/** The pupil's level next year; the version moves so an open screen sees it. */
export function setYearLevel(db: Db, pupilId: number, level: number | null, stamp: string): void {
  statement(db, `UPDATE pupils SET year_level = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(level, stamp, pupilId)
}

export function markPupilLeft(db: Db, pupilId: number, leftOn: string, reason: string, stamp: string): void {
  statement(db, `UPDATE pupils SET left_on = ?, leaving_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(leftOn, reason, stamp, pupilId)
}

/** Closes an open round of the year that ends. */
export function closeRound(db: Db, id: number, fromYearId: number, at: string, by: string): void {
  statement(db, `UPDATE campaigns SET closed_at = ?, closed_by = ? WHERE id = ? AND school_year_id = ?`).run(at, by, id, fromYearId)
}

/** Carries an open round over to the next year. */
export function carryRound(db: Db, id: number, fromYearId: number, toYearId: number): void {
  statement(db, `UPDATE campaigns SET school_year_id = ? WHERE id = ? AND school_year_id = ?`).run(toYearId, id, fromYearId)
}

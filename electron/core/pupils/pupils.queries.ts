import type { GroupSummary, PupilSummary } from '../../../shared/domain.ts'
import { compareByName } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'

/** Pupils of the school (or one group), sorted as a Dutch list: on surname, diacritics ignored. */
export function listPupils(db: Db, schoolYearId: number, groupId?: number, includeLeft = false): PupilSummary[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.student_number AS studentNumber, p.first_name AS firstName,
              p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
              g.id AS groupId, g.name AS groupName, p.left_on AS leftOn
         FROM pupils p
         LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @schoolYearId
         LEFT JOIN groups g ON g.id = m.group_id
        WHERE (@includeLeft OR p.left_on IS NULL) AND (@groupId IS NULL OR g.id = @groupId)`,
    )
    .all({ schoolYearId, groupId: groupId ?? null, includeLeft: includeLeft ? 1 : 0 }) as PupilSummary[]
  return rows.sort(compareByName)
}

export function listGroups(db: Db, schoolYearId: number): GroupSummary[] {
  return db
    .prepare(
      `SELECT g.id, g.name, y.name AS schoolYear, g.teacher_name AS teacherName, g.teacher_email AS teacherEmail, g.version,
              (SELECT count(*) FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id
                WHERE m.group_id = g.id AND p.left_on IS NULL) AS pupilCount
         FROM groups g JOIN school_years y ON y.id = g.school_year_id
        WHERE g.school_year_id = ?
        ORDER BY g.name`,
    )
    .all(schoolYearId) as GroupSummary[]
}

import type { GroupSummary, PupilSummary } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'

export function listPupils(db: Db, schoolYearId: number, groupId?: number): PupilSummary[] {
  return db
    .prepare(
      `SELECT p.id, p.student_number AS studentNumber, p.first_name AS firstName,
              p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
              g.id AS groupId, g.name AS groupName
         FROM pupils p
         LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @schoolYearId
         LEFT JOIN groups g ON g.id = m.group_id
        WHERE p.left_on IS NULL AND (@groupId IS NULL OR g.id = @groupId)
        ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id`,
    )
    .all({ schoolYearId, groupId: groupId ?? null }) as PupilSummary[]
}

export function listGroups(db: Db, schoolYearId: number): GroupSummary[] {
  return db
    .prepare(
      `SELECT g.id, g.name, y.name AS schoolYear, g.teacher_name AS teacherName, g.teacher_email AS teacherEmail,
              (SELECT count(*) FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id
                WHERE m.group_id = g.id AND p.left_on IS NULL) AS pupilCount
         FROM groups g JOIN school_years y ON y.id = g.school_year_id
        WHERE g.school_year_id = ?
        ORDER BY g.name`,
    )
    .all(schoolYearId) as GroupSummary[]
}

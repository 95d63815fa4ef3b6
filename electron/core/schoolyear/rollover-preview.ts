// What the rollover would do, read from the register: every pupil of this year with their
// level, this year's groups proposed again for next year, and the consent rounds still open.
import { sortName } from '../../../shared/domain.ts'
import { nextSchoolYear, type NextGroup, type OpenRound, type RolloverPreview, type RolloverPupil } from '../../../shared/schoolyear.ts'
import { compareByName, compareGroupNames } from '../../../shared/text.ts'
import { levelFromBirthDate } from '../../../shared/year-levels.ts'
import type { CoreContext } from '../context.ts'
import { groupLevels } from '../groups/group-levels.ts'
import { schoolYearId, getSettings } from '../settings/settings.service.ts'

export const DEFAULT_LEAVING_REASON = 'Naar het voortgezet onderwijs'

interface MemberRow {
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

function alreadyDone(ctx: CoreContext, toYear: string): boolean {
  return (
    ctx.db
      .prepare(`SELECT 1 FROM group_memberships m JOIN school_years y ON y.id = m.school_year_id WHERE y.name = ? LIMIT 1`)
      .get(toYear) !== undefined
  )
}

/**
 * A pupil's level for the rollover: as stored (if the group holds it); else the group's only level; else an estimate from
 * the birth date within the group's levels, marked 'nagaan'; else unknown.
 */
function levelOf(row: MemberRow, schoolYear: string): { yearLevel: number | null; yearLevelUnsure: boolean } {
  const levels = groupLevels({ name: row.groupName, levels: row.groupLevels })
  // A stored level the group does not hold (the pupil moved group since): read again, from the group.
  if (row.yearLevel !== null && (levels.length === 0 || levels.includes(row.yearLevel))) return { yearLevel: row.yearLevel, yearLevelUnsure: row.unsure === 1 }
  if (levels.length === 1) return { yearLevel: levels[0] as number, yearLevelUnsure: false }
  if (levels.length > 1 && row.birthDate) return { yearLevel: levelFromBirthDate(row.birthDate, schoolYear, levels), yearLevelUnsure: true }
  return { yearLevel: null, yearLevelUnsure: false }
}

export function rolloverPreview(ctx: CoreContext): RolloverPreview {
  const fromYear = getSettings(ctx).schoolYear
  const toYear = nextSchoolYear(fromYear)
  const yearId = schoolYearId(ctx)
  const groups = (
    ctx.db
      .prepare(`SELECT name, teacher_name AS teacherName, teacher_email AS teacherEmail, year_levels AS levels FROM groups WHERE school_year_id = ?`)
      .all(yearId) as { name: string; teacherName: string; teacherEmail: string; levels: string }[]
  )
    .map((g): NextGroup => ({ name: g.name, teacherName: g.teacherName, teacherEmail: g.teacherEmail, levels: groupLevels(g) }))
    .sort((a, b) => compareGroupNames(a.name, b.name))
  const members = ctx.db
    .prepare(
      `SELECT p.id AS pupilId, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
              p.year_level AS yearLevel, p.year_level_unsure AS unsure, g.name AS groupName, g.year_levels AS groupLevels
         FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id JOIN groups g ON g.id = m.group_id
        WHERE m.school_year_id = ? AND p.left_on IS NULL`,
    )
    .all(yearId) as MemberRow[]
  const pupils = members
    .sort((a, b) => compareGroupNames(a.groupName, b.groupName) || compareByName(a, b) || a.pupilId - b.pupilId)
    .map((r): RolloverPupil => ({ pupilId: r.pupilId, name: sortName(r), groupName: r.groupName, ...levelOf(r, fromYear) }))
  const openRounds = ctx.db
    .prepare(
      `SELECT c.id, c.name, (SELECT count(*) FROM campaign_forms f WHERE f.campaign_id = c.id AND f.returned_at IS NULL) AS outstanding
         FROM campaigns c WHERE c.school_year_id = ? AND c.closed_at IS NULL ORDER BY c.id`,
    )
    .all(yearId) as OpenRound[]
  const withoutGroup = (
    ctx.db
      .prepare(
        `SELECT first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName FROM pupils p
          WHERE p.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM group_memberships m WHERE m.pupil_id = p.id AND m.school_year_id = ?)`,
      )
      .all(yearId) as { firstName: string; lastNamePrefix: string; lastName: string }[]
  )
    .sort(compareByName)
    .map(sortName)
  return {
    fromYear,
    toYear,
    withoutGroup,
    leavingDate: `${toYear.slice(0, 4)}-07-31`,
    leavingReason: DEFAULT_LEAVING_REASON,
    groups,
    pupils,
    openRounds,
    alreadyDone: alreadyDone(ctx, toYear),
  }
}

// What the rollover would do, read from the register: every pupil of this year with their
// level, this year's groups proposed again for next year, and the consent rounds still open.
import { sortName } from '../../../shared/domain.ts'
import { nextSchoolYear, type NextGroup, type RolloverPreview, type RolloverPupil } from '../../../shared/schoolyear.ts'
import { compareByName, compareGroupNames } from '../../../shared/text.ts'
import { levelFromBirthDate } from '../../../shared/year-levels.ts'
import type { CoreContext } from '../context.ts'
import { groupLevels } from '../groups/group-levels.ts'
import { schoolYearId, getSettings } from '../settings/settings.service.ts'
import { groupsOfYear, type MemberRow, membersOfYear, openRoundsOfYear, pupilsWithoutGroup, yearHasMembers } from './schoolyear.queries.ts'

export const DEFAULT_LEAVING_REASON = 'Naar het voortgezet onderwijs'

function alreadyDone(ctx: CoreContext, toYear: string): boolean {
  return yearHasMembers(ctx.db, toYear)
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
  const groups = groupsOfYear(ctx.db, yearId)
    .map((g): NextGroup => ({ name: g.name, teacherName: g.teacherName, teacherEmail: g.teacherEmail, levels: groupLevels(g) }))
    .sort((a, b) => compareGroupNames(a.name, b.name))
  const members = membersOfYear(ctx.db, yearId)
  const pupils = members
    .sort((a, b) => compareGroupNames(a.groupName, b.groupName) || compareByName(a, b) || a.pupilId - b.pupilId)
    .map((r): RolloverPupil => ({ pupilId: r.pupilId, name: sortName(r), groupName: r.groupName, ...levelOf(r, fromYear) }))
  const openRounds = openRoundsOfYear(ctx.db, yearId)
  const withoutGroup = pupilsWithoutGroup(ctx.db, yearId).sort(compareByName).map(sortName)
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

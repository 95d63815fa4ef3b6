// The year level of a pupil put in a group without one sent: it must fit the group.
import { levelFromBirthDate } from '../../../shared/year-levels.ts'
import type { CoreContext } from '../context.ts'
import { groupLevels } from '../groups/group-levels.ts'
import { getSettings } from '../settings/settings.service.ts'
import type { Editable, PupilInput, PupilRow } from './pupils.service.ts'
import { groupWithLevels } from './pupil-records.queries.ts'

/**
 * A pupil put in a group without a year level sent gets one that fits: the group's only level,
 * the level it had if the group holds it, or an estimate from the birth date marked 'nagaan'.
 */
export function fitYearLevel(ctx: CoreContext, values: Editable, input: PupilInput, before: PupilRow | undefined): void {
  if (input.yearLevel !== undefined || values.groupId === null || values.groupId === before?.groupId) return
  const group = groupWithLevels(ctx.db, values.groupId)
  const levels = group ? groupLevels(group) : []
  if (levels.length === 0 || (values.yearLevel !== null && levels.includes(values.yearLevel))) return
  if (levels.length === 1) {
    values.yearLevel = levels[0] as number
    values.yearLevelUnsure = 0
    return
  }
  values.yearLevel = values.birthDate ? levelFromBirthDate(values.birthDate, getSettings(ctx).schoolYear, levels) : (levels[0] as number)
  values.yearLevelUnsure = 1
}

// The year levels a group holds: as stored, or (for a group made before levels existed, or by an
// import) read from its name.
import { levelFromBirthDate, levelsFromStored, levelsOfGroupName } from '../../../shared/year-levels.ts'

export function groupLevels(group: { name: string; levels: string }): number[] {
  const stored = levelsFromStored(group.levels)
  return stored.length > 0 ? stored : levelsOfGroupName(group.name)
}

/**
 * The level of a pupil an import creates: the 'Leerjaar' column; else the number in a plain group
 * name ('5'); in a combination group ('1/2a') an estimate from the birth date, marked 'nagaan'.
 */
export function importedLevel(given: number | null, groupName: string | null, birthDate: string | null, schoolYear: string): { yearLevel: number | null; unsure: 0 | 1 } {
  if (given !== null) return { yearLevel: given, unsure: 0 }
  const levels = groupName ? levelsOfGroupName(groupName) : []
  if (levels.length === 1) return { yearLevel: levels[0] as number, unsure: 0 }
  if (levels.length > 1) return { yearLevel: birthDate ? levelFromBirthDate(birthDate, schoolYear, levels) : (levels[0] as number), unsure: 1 }
  return { yearLevel: null, unsure: 0 }
}

// The year levels a group holds: as stored, or (for a group made before levels existed, or by an
// import) read from its name.
import { levelsFromStored, levelsOfGroupName } from '../../../shared/year-levels.ts'

export function groupLevels(group: { name: string; levels: string }): number[] {
  const stored = levelsFromStored(group.levels)
  return stored.length > 0 ? stored : levelsOfGroupName(group.name)
}

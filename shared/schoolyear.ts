// Moving to a new school year: every group moves up, group 8 leaves.

export interface RolloverGroup {
  groupId: number
  name: string
  teacherName: string
  pupilCount: number
  /** The group's name next year, or null: these pupils leave the school. */
  target: string | null
}

export interface RolloverPreview {
  fromYear: string
  toYear: string
  /** The last day of the school year: the default leaving date for group 8. */
  leavingDate: string
  groups: RolloverGroup[]
  /** Already done for this year: applying again is refused. */
  alreadyDone: boolean
}

export interface RolloverResult {
  fromYear: string
  toYear: string
  backup: string | null
  moved: number
  left: number
  groupsCreated: number
}

/** Next year's name for a group: '3' -> '4', '7b' -> '8b', '1/2a' -> '3a', '1/2' -> '3'; group 8 leaves (null). */
export function proposeTarget(name: string): string | null {
  const combined = /^(\d+)\s*\/\s*(\d+)\s*(.*)$/.exec(name.trim())
  if (combined) return `${Number(combined[2]) + 1}${combined[3] ?? ''}`
  const single = /^(\d+)\s*(.*)$/.exec(name.trim())
  if (!single) return name
  const grade = Number(single[1])
  return grade >= 8 ? null : `${grade + 1}${single[2] ?? ''}`
}

export function nextSchoolYear(year: string): string {
  const start = Number(year.slice(0, 4)) + 1
  return `${start}-${start + 1}`
}

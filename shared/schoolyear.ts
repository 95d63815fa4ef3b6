// Moving to a new school year, per pupil: each goes to year level + 1 (or repeats, or skips a
// year) and to the group of next year that holds that level; year 8 leaves. Next year's groups
// (names, teachers, levels) are the school's to edit in the preview. Pure, shared by both sides.
import { compareGroupNames } from './text.ts'

export const ROLLOVER_STEPS = ['up', 'repeat', 'skip', 'leave'] as const
export type RolloverStep = (typeof ROLLOVER_STEPS)[number]

export const STEP_LABELS: Record<RolloverStep, string> = {
  up: 'Gaat over',
  repeat: 'Blijft zitten',
  skip: 'Gaat een jaar over',
  leave: 'Verlaat de school',
}

/** A group of next year: created by the rollover exactly as shown. */
export interface NextGroup {
  name: string
  teacherName: string
  teacherEmail: string
  /** The year levels it holds: [1, 2] for '1/2a'. */
  levels: number[]
}

export interface RolloverPupil {
  pupilId: number
  /** 'Berg, Sanne van der' */
  name: string
  groupName: string
  /** Leerjaar now; null: not known, to fill in on the pupil's page first. */
  yearLevel: number | null
  /** The level was estimated and nobody confirmed it ('nagaan'). */
  yearLevelUnsure: boolean
}

export interface OpenRound {
  id: number
  name: string
  outstanding: number
}

export interface RolloverPreview {
  fromYear: string
  toYear: string
  /** The last day of the school year: the default leaving date. */
  leavingDate: string
  leavingReason: string
  /** Proposed: this year's groups again, with their teachers and levels. */
  groups: NextGroup[]
  /** Every pupil who moves, in group and name order. */
  pupils: RolloverPupil[]
  /** Pupils of the school without a group this year: the rollover leaves them as they are. */
  withoutGroup: string[]
  /** Consent rounds still open: closed or carried over into next year, as the user chooses. */
  openRounds: OpenRound[]
  /** Already done for this year: applying again is refused. */
  alreadyDone: boolean
}

export interface RolloverResult {
  fromYear: string
  toYear: string
  backup: string | null
  moved: number
  repeated: number
  skipped: number
  left: number
  groupsCreated: number
  roundsClosed: number
  roundsCarried: number
}

/** The level next year, or null: the pupil leaves (after year 8, or by choice). */
export function nextLevel(level: number, step: RolloverStep): number | null {
  const next = step === 'leave' ? null : step === 'repeat' ? level : step === 'skip' ? level + 2 : level + 1
  return next === null || next > 8 ? null : next
}

/**
 * The group of next year for a pupil going to `level`: the group of the same name if it holds
 * that level (groep 1 of 1/2a stays in 1/2a), else the first that holds it; '' if none does.
 */
export function proposeGroup(groupName: string, level: number, groups: readonly NextGroup[]): string {
  const holding = groups.filter((g) => g.levels.includes(level)).sort((a, b) => compareGroupNames(a.name, b.name))
  const same = holding.find((g) => g.name.trim().toLowerCase() === groupName.trim().toLowerCase())
  return (same ?? holding[0])?.name ?? ''
}

/** Where a pupil goes for a step: a group name, null (leaves, or level unknown), or '' (no group holds the level). */
export function targetFor(pupil: RolloverPupil, step: RolloverStep, groups: readonly NextGroup[]): string | null {
  if (pupil.yearLevel === null) return null
  const level = nextLevel(pupil.yearLevel, step)
  return level === null ? null : proposeGroup(pupil.groupName, level, groups)
}

/** The rollover as proposed: this year's groups again, everyone one level up. */
export function proposedRollover(preview: RolloverPreview) {
  return {
    toYear: preview.toYear,
    leavingDate: preview.leavingDate,
    leavingReason: preview.leavingReason,
    groups: preview.groups,
    pupils: preview.pupils.map((p) => ({ pupilId: p.pupilId, step: 'up' as RolloverStep, target: targetFor(p, 'up', preview.groups) })),
  }
}

export function nextSchoolYear(year: string): string {
  const start = Number(year.slice(0, 4)) + 1
  return `${start}-${start + 1}`
}

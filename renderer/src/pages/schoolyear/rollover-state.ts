// The rollover as edited on the screen: next year's groups (with the levels as typed) and each
// pupil's step and group. A pupil's group follows the step and the groups until the user picks
// one that still fits. Also the text of the confirmation, in numbers and names.
import { formatDate } from '../../../../shared/domain.ts'
import { nextLevel, STEP_LABELS, targetFor, type NextGroup, type RolloverPreview, type RolloverPupil, type RolloverStep } from '../../../../shared/schoolyear.ts'
import { formatLevels, parseLevels } from '../../../../shared/year-levels.ts'
import type { ConfirmRequest } from '../../components/ConfirmDialog.tsx'

export interface GroupRow {
  key: number
  name: string
  teacherName: string
  teacherEmail: string
  levelsText: string
}

export interface PupilChoice {
  step: RolloverStep
  /** Picked by hand; otherwise it follows the proposal. */
  picked: string | null
}

export const groupRowsOf = (p: RolloverPreview): GroupRow[] => p.groups.map((g, i) => ({ key: i, name: g.name, teacherName: g.teacherName, teacherEmail: g.teacherEmail, levelsText: formatLevels(g.levels) }))

export const nextGroupsOf = (rows: GroupRow[]): NextGroup[] => rows.map((r) => ({ name: r.name.trim(), teacherName: r.teacherName.trim(), teacherEmail: r.teacherEmail, levels: parseLevels(r.levelsText) ?? [] }))

/** Where the pupil goes: the hand-picked group if it still holds the level, else the proposal. */
export function targetOf(pupil: RolloverPupil, choice: PupilChoice, groups: NextGroup[]): string | null {
  const proposed = targetFor(pupil, choice.step, groups)
  if (proposed === null || choice.picked === null || pupil.yearLevel === null) return proposed
  const level = nextLevel(pupil.yearLevel, choice.step)
  const picked = groups.find((g) => g.name === choice.picked)
  return picked && level !== null && picked.levels.includes(level) ? picked.name : proposed
}

export interface Outcome {
  pupil: RolloverPupil
  step: RolloverStep
  target: string | null
  level: number | null
}

export function outcomes(preview: RolloverPreview, choices: Map<number, PupilChoice>, groups: NextGroup[]): Outcome[] {
  return preview.pupils.map((pupil) => {
    const choice = choices.get(pupil.pupilId) ?? { step: 'up', picked: null }
    return { pupil, step: choice.step, target: targetOf(pupil, choice, groups), level: pupil.yearLevel === null ? null : nextLevel(pupil.yearLevel, choice.step) }
  })
}

const leaves = (o: Outcome) => o.step === 'leave' || (o.pupil.yearLevel !== null && o.level === null)
const who = (o: Outcome) => `${o.pupil.name} (groep ${o.pupil.groupName})`
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function confirmRollover(preview: RolloverPreview, list: Outcome[], groups: NextGroup[], leavingDate: string, reason: string, rounds: 'close' | 'carry' | undefined): ConfirmRequest {
  const leaving = list.filter(leaves)
  const staying = list.filter((o) => !leaves(o))
  const by = (step: RolloverStep) => staying.filter((o) => o.step === step)
  const up = by('up').length
  const lines = [
    `${plural(up, 'leerling gaat', 'leerlingen gaan')} naar het volgende leerjaar; ${by('repeat').length} ${STEP_LABELS.repeat.toLowerCase()}, ${by('skip').length} ${STEP_LABELS.skip.toLowerCase()}.`,
    `${plural(leaving.length, 'leerling verlaat', 'leerlingen verlaten')} de school op ${formatDate(leavingDate)} (${reason || preview.leavingReason}).`,
    `${plural(groups.length, 'groep wordt', 'groepen worden')} gemaakt voor ${preview.toYear}: ${groups.map((g) => `${g.name} (leerjaar ${formatLevels(g.levels)}${g.teacherName ? `, ${g.teacherName}` : ''})`).join(', ')}.`,
  ]
  if (preview.openRounds.length > 0) {
    const names = preview.openRounds.map((r) => `'${r.name}'`).join(', ')
    lines.push(rounds === 'carry' ? `De open toestemmingsronde ${names} gaat mee naar ${preview.toYear}.` : `De open toestemmingsronde ${names} wordt afgesloten.`)
  }
  if (preview.withoutGroup.length > 0) lines.push(`${plural(preview.withoutGroup.length, 'leerling zonder groep blijft', 'leerlingen zonder groep blijven')} zoals ze zijn, zonder groep in ${preview.toYear}.`)
  lines.push('Eerst wordt een reservekopie gemaakt: daarmee kunt u alles terugzetten. Toestemmingen blijven gewoon gelden.')
  return {
    title: `Overgaan naar schooljaar ${preview.toYear}?`,
    lines,
    lists: [
      { heading: `${STEP_LABELS.repeat}:`, names: by('repeat').map(who) },
      { heading: `${STEP_LABELS.skip}:`, names: by('skip').map((o) => `${who(o)} naar groep ${o.target}`) },
      { heading: 'Verlaten de school:', names: leaving.map(who) },
      { heading: 'Zonder groep (blijven zoals ze zijn):', names: preview.withoutGroup },
    ],
    confirmLabel: `Overgaan naar ${preview.toYear}`,
  }
}

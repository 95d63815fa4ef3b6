// Checks a rollover as the user sent it against the preview, before anything changes, and turns
// it into a plan: the groups to create and where each pupil goes. Every refusal says in Dutch
// what is wrong and that nothing changed.
import type { ApiParsed } from '../../../shared/api.ts'
import { AppError } from '../../../shared/errors.ts'
import { nextLevel, type NextGroup, type RolloverPreview, type RolloverStep } from '../../../shared/schoolyear.ts'
import { formatLevels, YEAR_LEVELS } from '../../../shared/year-levels.ts'

export type RolloverInput = ApiParsed<'schoolyear.rollover'>

export interface PupilMove {
  pupilId: number
  name: string
  fromGroup: string
  fromLevel: number | null
  step: RolloverStep
  /** null: leaves the school */
  toGroup: string | null
  toLevel: number | null
}

export interface RolloverPlan {
  groups: NextGroup[]
  moves: PupilMove[]
}

const NOTHING = 'Er is niets gewijzigd.'
const refuse = (message: string, field = 'pupils'): never => {
  throw new AppError('validation', `${message} ${NOTHING}`, field)
}

function checkGroups(groups: NextGroup[]): Map<string, NextGroup> {
  const byName = new Map<string, NextGroup>()
  for (const g of groups) {
    const key = g.name.trim().toLowerCase()
    if (byName.has(key)) refuse(`Er staan twee groepen ${g.name} bij volgend jaar. Geef elke groep een eigen naam.`, 'groups')
    if (g.levels.length === 0) refuse(`Kies welke leerjaren groep ${g.name} volgend jaar heeft.`, 'groups')
    byName.set(key, g)
  }
  for (const level of YEAR_LEVELS) {
    if (!groups.some((g) => g.levels.includes(level))) {
      refuse(`Leerjaar ${level} heeft volgend jaar geen groep. Zet leerjaar ${level} bij een van de groepen van volgend jaar.`, 'groups')
    }
  }
  return byName
}

export function planRollover(preview: RolloverPreview, input: RolloverInput): RolloverPlan {
  if (input.toYear !== preview.toYear) throw new AppError('validation', `Het nieuwe schooljaar na ${preview.fromYear} is ${preview.toYear}. ${NOTHING}`, 'toYear')
  if (preview.alreadyDone) {
    throw new AppError('conflict', `De overgang naar ${preview.toYear} is al gedaan. Een tweede keer zou leerlingen dubbel verplaatsen. ${NOTHING}`)
  }
  if (preview.openRounds.length > 0 && input.openRounds === undefined) {
    refuse(`Kies of de open toestemmingsronde ${preview.openRounds.map((r) => `'${r.name}'`).join(', ')} wordt afgesloten of meegaat naar ${preview.toYear}.`, 'openRounds')
  }
  const groups = input.groups.map((g) => ({ ...g, name: g.name.trim(), levels: [...new Set(g.levels)].sort((a, b) => a - b) }))
  const byName = checkGroups(groups)

  const sent = new Map(input.pupils.map((p) => [p.pupilId, p]))
  if (sent.size !== input.pupils.length || input.pupils.some((p) => !preview.pupils.some((q) => q.pupilId === p.pupilId))) {
    refuse('De lijst met leerlingen is intussen veranderd. Vernieuw het scherm en controleer het overzicht opnieuw.')
  }
  const moves = preview.pupils.map((pupil): PupilMove => {
    const choice = sent.get(pupil.pupilId)
    if (!choice) return refuse(`${pupil.name} (groep ${pupil.groupName}) staat niet in het overzicht. Vernieuw het scherm en controleer het overzicht opnieuw.`)
    const base = { pupilId: pupil.pupilId, name: pupil.name, fromGroup: pupil.groupName, fromLevel: pupil.yearLevel, step: choice.step }
    if (choice.step === 'leave') return { ...base, toGroup: null, toLevel: null }
    if (pupil.yearLevel === null) {
      return refuse(`Van ${pupil.name} (groep ${pupil.groupName}) is het leerjaar niet bekend. Vul het in op de pagina van de leerling, of kies 'Verlaat de school'.`)
    }
    const level = nextLevel(pupil.yearLevel, choice.step)
    if (level === null) {
      if (choice.target !== null) refuse(`${pupil.name} gaat na leerjaar ${pupil.yearLevel} van school en kan niet in groep ${choice.target}.`)
      return { ...base, toGroup: null, toLevel: null }
    }
    if (choice.target === null || choice.target === '') return refuse(`Kies de groep van volgend jaar voor ${pupil.name}, of kies 'Verlaat de school'.`)
    const group = byName.get(choice.target.trim().toLowerCase())
    if (!group) return refuse(`Groep ${choice.target} (voor ${pupil.name}) staat niet bij de groepen van volgend jaar.`)
    if (!group.levels.includes(level)) {
      return refuse(
        `Groep ${group.name} heeft volgend jaar leerjaar ${formatLevels(group.levels)}, maar ${pupil.name} komt in leerjaar ${level}. Kies een groep met leerjaar ${level}, of zet leerjaar ${level} bij groep ${group.name}.`,
      )
    }
    return { ...base, toGroup: group.name, toLevel: level }
  })
  return { groups, moves }
}

// Gathers what each document shows, from the current records; the layouts stay pure.
import type { ApiParsed } from '../../../shared/api.ts'
import { NOT_ABOUT_IMAGES } from '../../../shared/documents.contract.ts'
import { displayName, localIsoDate, sortName, type Decision, type GroupSummary, type Purpose } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareByName, compareGroupNames } from '../../../shared/text.ts'
import { effectiveDecisions } from '../consent/consent.current.ts'
import { noConsentList } from '../consent/consent.service.ts'
import type { CoreContext } from '../context.ts'
import { groupsOfCurrentYear } from '../groups/groups.service.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { listPupils } from '../pupils/pupils.queries.ts'
import { schoolYearId, getSettings } from '../settings/settings.service.ts'
import type { ClassListInput } from './class-list.ts'
import type { ConsentFormPupil, ConsentFormsInput } from './consent-form.ts'
import { getDocumentSettings, letterhead, schoolContact } from './document-settings.ts'
import { formPupils, guardianLinks } from './documents.queries.ts'
import { groupsPhrase, type NoConsentListInput } from './no-consent-list.ts'

/** The chosen groups of this school year, in school order; an unknown id is refused. */
export function chosenGroups(ctx: CoreContext, groupIds: number[] | undefined): GroupSummary[] {
  const all = groupsOfCurrentYear(ctx)
  if (!groupIds) return all
  const chosen = all.filter((g) => groupIds.includes(g.id))
  if (chosen.length !== new Set(groupIds).size) throw new AppError('not_found', 'Een van de gekozen groepen bestaat niet in dit schooljaar. Vernieuw het scherm en kies opnieuw.', 'groupIds')
  return chosen
}

function chosenPurposes(ctx: CoreContext, purposeIds: number[] | undefined): Purpose[] {
  const active = listPurposes(ctx.db)
  if (!purposeIds) return active
  const chosen = active.filter((p) => purposeIds.includes(p.id))
  if (chosen.length !== new Set(purposeIds).size) throw new AppError('not_found', 'Een van de gekozen doelen bestaat niet of wordt niet meer gebruikt. Vernieuw het scherm en kies opnieuw.', 'purposeIds')
  if (chosen.length === 0) throw new AppError('validation', 'Kies minstens één doel.', 'purposeIds')
  return chosen
}

function noPupilsMessage(groups: GroupSummary[] | undefined): string {
  if (!groups) return 'Er zijn nog geen leerlingen. Importeer of voeg eerst leerlingen toe.'
  if (groups.length === 1) return `Groep ${groups[0]?.name} heeft geen leerlingen. Voeg eerst leerlingen toe aan deze groep, of kies een andere groep.`
  return `De ${groupsPhrase(groups.map((g) => g.name))} hebben geen leerlingen. Kies andere groepen.`
}

/** The pupils to print forms for, in group and then name order. */
export function consentFormsData(ctx: CoreContext, input: ApiParsed<'documents.consentForms'>): ConsentFormsInput & { scope: string; fileParts: string[] } {
  const { db } = ctx
  const yearId = schoolYearId(ctx)
  const groups = input.pupilIds ? undefined : input.groupIds ? chosenGroups(ctx, input.groupIds) : undefined
  const rows = formPupils(db, yearId, localIsoDate(ctx.now()), input.pupilIds !== undefined)
  let pupils = input.pupilIds ? rows.filter((p) => input.pupilIds?.includes(p.id)) : groups ? rows.filter((p) => p.groupId !== null && groups.some((g) => g.id === p.groupId)) : rows
  if (input.pupilIds && pupils.length !== new Set(input.pupilIds).size) throw new AppError('not_found', 'Deze leerling bestaat niet (meer). Zoek de leerling opnieuw.', 'pupilIds')
  if (pupils.length === 0) throw new AppError('validation', noPupilsMessage(groups), 'groupIds')

  const purposes = listPurposes(db)
  if (purposes.length === 0) throw new AppError('validation', 'Er zijn geen doelen om toestemming voor te vragen. Voeg eerst doelen toe bij Instellingen.')
  if (input.onlyWithoutAnswer) {
    const asked = chosenPurposes(ctx, input.purposeIds)
    const decide = effectiveDecisions(ctx)
    pupils = pupils.filter((p) =>
      asked.some((purpose) => {
        const e = decide(p.id, purpose)
        return e.decision === 'unknown' || e.askAgain
      }),
    )
    if (pupils.length === 0) {
      const where = input.pupilIds ? 'Deze leerling heeft' : `Alle leerlingen in ${groups ? groupsPhrase(groups.map((g) => g.name)) : 'de school'} hebben`
      throw new AppError('validation', `${where} al een antwoord voor ${asked.length === 1 ? 'dit doel' : 'deze doelen'}. Er zijn geen formulieren nodig.`)
    }
  }
  pupils.sort((a, b) => compareGroupNames(a.groupName ?? '~', b.groupName ?? '~') || compareByName(a, b))

  const guardians = new Map<number, ConsentFormPupil['guardians']>()
  const links = guardianLinks(db)
  for (const l of links) {
    const list = guardians.get(l.pupilId) ?? []
    list.push({ name: l.name, relation: l.relation })
    guardians.set(l.pupilId, list)
  }
  const settings = getSettings(ctx)
  // A pupil with answers gets a form that asks again: the purposes without an answer are new, those
  // answered to an older text changed; the other answers stand.
  const decide = effectiveDecisions(ctx)
  const marksOf = (pupilId: number): ConsentFormPupil['marks'] => {
    const e = purposes.map((purpose) => decide(pupilId, purpose))
    if (!e.some((x) => x.decision !== 'unknown' && !x.askAgain)) return undefined
    return e.map((x) => (x.askAgain ? 'changed' : x.decision === 'unknown' ? 'new' : null))
  }
  // What the file holds, in its name: one pupil's form is singular; 'alleen zonder antwoord' when so.
  const scope = input.pupilIds
    ? pupils.length === 1 && pupils[0]
      ? displayName(pupils[0])
      : `${pupils.length} leerlingen`
    : groups
      ? groups.length > 3
        ? `${groups.length} groepen`
        : groupsPhrase(groups.map((g) => g.name))
      : 'hele school'
  const only = input.onlyWithoutAnswer ? ['alleen zonder antwoord'] : []
  const fileParts = [pupils.length === 1 ? 'toestemmingsformulier' : 'toestemmingsformulieren', scope, ...only]
  // Several groups at once: a cover page before each group's forms.
  const names = [...new Set(pupils.map((p) => p.groupName))]
  const teachers = new Map(groupsOfCurrentYear(ctx).map((g) => [g.name, g.teacherName]))
  const covers = !input.pupilIds && names.length > 1 ? names.map((n) => ({ name: n ?? 'zonder groep', teacherName: (n && teachers.get(n)) || '', forms: pupils.filter((p) => p.groupName === n).length })) : undefined
  return {
    scope,
    fileParts,
    groups: covers,
    letterhead: letterhead(ctx),
    schoolYear: settings.schoolYear,
    intro: getDocumentSettings(ctx).formIntro,
    purposes: purposes.map((p) => ({ id: p.id, label: p.label, description: p.description })),
    generatedAt: ctx.now(),
    contact: schoolContact(ctx),
    madeBy: settings.staffName || undefined,
    pupils: pupils.map((p) => ({ formCode: p.formCode, name: displayName(p), birthDate: p.birthDate, groupName: p.groupName, guardians: guardians.get(p.id) ?? [], marks: marksOf(p.id) })),
  }
}

const ONLY_NOTE = { refused: 'alleen geweigerd', unknown: 'alleen geen antwoord' } as const

export function noConsentListData(ctx: CoreContext, input: ApiParsed<'documents.noConsentList'>): NoConsentListInput {
  const groups = chosenGroups(ctx, input.groupIds)
  const purposes = chosenPurposes(ctx, input.purposeIds).filter((p) => !NOT_ABOUT_IMAGES.includes(p.code))
  if (purposes.length === 0) throw new AppError('validation', "Deze lijst gaat over foto's en video's; contactgegevens staan op de klassenlijst. Kies minstens één doel over beelden.", 'purposeIds')
  const pupilCount = groups.reduce((n, g) => n + g.pupilCount, 0)
  if (pupilCount === 0) throw new AppError('validation', noPupilsMessage(groups), 'groupIds')
  const list = noConsentList(ctx, { groupIds: groups.map((g) => g.id), purposeIds: purposes.map((p) => p.id) })
  const rows = list.rows
    .filter((r) => input.only === 'both' || r.decision === input.only)
    .map((r) => ({ pupilId: r.pupilId, name: displayName(r), groupName: r.groupName, purposeId: r.purposeId, decision: r.decision, conflict: r.conflict, askAgain: r.askAgain }))
  // One line per child, as teachers say the names: by group, then first name.
  rows.sort((a, b) => compareGroupNames(a.groupName ?? '~', b.groupName ?? '~') || a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' }) || a.pupilId - b.pupilId)
  return {
    letterhead: letterhead(ctx),
    generatedAt: ctx.now(),
    schoolYear: list.schoolYear,
    groupNames: groups.map((g) => g.name),
    eventName: input.eventName || undefined,
    pupilCount,
    purposes: purposes.map((p) => ({ id: p.id, label: p.label })),
    rows,
    filterNote: input.only === 'both' ? undefined : ONLY_NOTE[input.only],
    madeBy: getSettings(ctx).staffName || undefined,
  }
}

export function classListData(ctx: CoreContext, groupId: number): ClassListInput {
  const [group] = chosenGroups(ctx, [groupId])
  if (!group) throw new AppError('not_found', 'Deze groep bestaat niet in dit schooljaar.')
  const pupils = listPupils(ctx.db, schoolYearId(ctx), groupId).sort(compareByName)
  if (pupils.length === 0) throw new AppError('validation', noPupilsMessage([group]), 'groupId')
  const all = listPurposes(ctx.db)
  const decide = effectiveDecisions(ctx)
  const decision = (pupilId: number, code: string): Decision => {
    const purpose = all.find((p) => p.code === code)
    return purpose ? decide(pupilId, purpose).decision : 'unknown'
  }
  return {
    letterhead: letterhead(ctx),
    generatedAt: ctx.now(),
    madeBy: getSettings(ctx).staffName || undefined,
    schoolYear: group.schoolYear,
    group: { name: group.name, teacherName: group.teacherName },
    pupils: pupils.map((p) => ({
      name: displayName(p),
      firstName: p.firstName,
      sortName: sortName(p),
      parentApp: decision(p.id, 'parent_app'),
      contactList: decision(p.id, 'contact_list'),
      guardians: guardiansOf(ctx.db, p.id).map((g) => ({
        name: g.name,
        relation: g.relation,
        phone: g.phone,
        phoneNormalized: g.phoneNormalized,
        email: g.email,
        inGroupApp: g.inGroupApp,
      })),
    })),
  }
}

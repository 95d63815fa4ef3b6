// Consent rounds: which pupils a round asks, its forms and codes, the desk finding a returned form
// by its code and recording its answers, and the round being closed.
import type { ApiParsed } from '../../../shared/api.ts'
import type { CampaignCriteria, CampaignDetail, CampaignForm, CampaignSummary } from '../../../shared/campaigns.contract.ts'
import { localIsoDate, sortName } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareByName, compareGroupNames } from '../../../shared/text.ts'
import { writeAudit } from '../audit/audit.ts'
import { effectiveDecisions } from '../consent/consent.current.ts'
import type { WithAttachment } from '../attachments/attachments.service.ts'
import { recordConsent } from '../consent/consent.service.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { uniqueFormCode } from '../pupils/form-code.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { schoolYearId, getSettings, requireStaffName } from '../settings/settings.service.ts'
import {
  allCampaigns,
  campaignById,
  type CampaignRow,
  formByCode,
  formCodesOfCampaign,
  formsOfCampaign,
  insertCampaign,
  insertForm,
  markCampaignClosed,
  markFormReturned,
  markFormsPrinted,
  pupilsAtSchool,
} from './campaigns.queries.ts'

const summary = ({ criteriaJson: _c, ...row }: CampaignRow): CampaignSummary => row

export function listCampaigns(ctx: CoreContext): CampaignSummary[] {
  return allCampaigns(ctx.db).map(summary)
}

function campaignRow(db: Db, id: number): CampaignRow {
  const row = campaignById(db, id)
  if (!row) throw new AppError('not_found', 'Deze toestemmingsronde bestaat niet (meer). Vernieuw het scherm.')
  return row
}

export function getCampaign(ctx: CoreContext, id: number): CampaignDetail {
  const row = campaignRow(ctx.db, id)
  const forms = formsOfCampaign(ctx.db, id)
  const groups = new Map<number | null, CampaignDetail['groups'][number]>()
  for (const f of forms) {
    const g = groups.get(f.groupId) ?? { groupId: f.groupId, name: f.groupName ?? 'Zonder groep', teacherName: f.teacherName ?? '', total: 0, returned: 0 }
    g.total++
    if (f.returnedAt) g.returned++
    groups.set(f.groupId, g)
  }
  const outstanding = forms
    .filter((f) => !f.returnedAt)
    .sort((a, b) => compareGroupNames(a.groupName ?? '~', b.groupName ?? '~') || compareByName(a, b))
    .map((f) => ({ pupilId: f.pupilId, name: sortName(f), groupName: f.groupName, code: f.code }))
  return {
    ...summary(row),
    criteria: JSON.parse(row.criteriaJson) as CampaignCriteria,
    groups: [...groups.values()].sort((a, b) => compareGroupNames(a.name, b.name)),
    outstanding,
  }
}

/** Pupils of this year (in the chosen groups) that match any of the chosen reasons to ask. */
function choosePupils(ctx: CoreContext, criteria: CampaignCriteria): { id: number; groupId: number | null }[] {
  const pupils = pupilsAtSchool(ctx.db, schoolYearId(ctx), localIsoDate(ctx.now()))
  const inGroups = criteria.groupIds ? pupils.filter((p) => p.groupId !== null && criteria.groupIds?.includes(p.groupId)) : pupils
  if (!criteria.withoutAnswer && !criteria.askAgain && !criteria.answeredBefore) return inGroups
  const purposes = listPurposes(ctx.db)
  const decide = effectiveDecisions(ctx)
  return inGroups.filter((p) =>
    purposes.some((purpose) => {
      const e = decide(p.id, purpose)
      return (
        (criteria.withoutAnswer === true && e.decision === 'unknown') ||
        (criteria.askAgain === true && e.askAgain) ||
        (criteria.answeredBefore !== undefined && e.effectiveFrom !== null && e.effectiveFrom < criteria.answeredBefore)
      )
    }),
  )
}

/** Starts a round: one form, with its own code, for every chosen pupil. */
export function startCampaign(ctx: CoreContext, input: ApiParsed<'campaigns.start'>): CampaignDetail {
  const actor = requireStaffName(ctx)
  const criteria: CampaignCriteria = {
    ...(input.groupIds ? { groupIds: input.groupIds } : {}),
    ...(input.withoutAnswer ? { withoutAnswer: true } : {}),
    ...(input.askAgain ? { askAgain: true } : {}),
    ...(input.answeredBefore ? { answeredBefore: input.answeredBefore } : {}),
  }
  return ctx.db.transaction(() => {
    const pupils = choosePupils(ctx, criteria)
    if (pupils.length === 0) throw new AppError('validation', 'Geen enkele leerling past bij deze keuze. Kies andere groepen of een andere reden om te vragen.')
    const now = ctx.now().toISOString()
    const id = insertCampaign(ctx.db, { name: input.name, schoolYearId: schoolYearId(ctx), criteriaJson: JSON.stringify(criteria), createdAt: now, createdBy: actor })
    for (const p of pupils) insertForm(ctx.db, id, p.id, p.groupId, uniqueFormCode(ctx.db))
    writeAudit(ctx.db, ctx.now(), { actor, action: 'campaign.start', entity: 'campaign', entityId: id, newValue: { name: input.name, forms: pupils.length, criteria } })
    return getCampaign(ctx, id)
  })()
}

export function closeCampaign(ctx: CoreContext, id: number): CampaignDetail {
  const actor = requireStaffName(ctx)
  return ctx.db.transaction(() => {
    const row = campaignRow(ctx.db, id)
    if (row.closedAt) throw new AppError('conflict', `De ronde '${row.name}' is al afgesloten.`)
    markCampaignClosed(ctx.db, id, ctx.now().toISOString(), actor)
    writeAudit(ctx.db, ctx.now(), { actor, action: 'campaign.close', entity: 'campaign', entityId: id, newValue: { returned: row.returned, total: row.total } })
    return getCampaign(ctx, id)
  })()
}

/** The form behind a code typed or scanned at the desk; a closed round or unknown code is refused. */
export function findForm(ctx: CoreContext, typed: string): CampaignForm {
  const code = typed.trim().toUpperCase().replace(/^TR-?/, 'TR-')
  const row = formByCode(ctx.db, code)
  if (!row) throw new AppError('not_found', `Formuliercode ${code} bestaat niet. Controleer de code op het formulier (letters en cijfers, zonder O, I of 1), of zoek de leerling op naam.`, 'code')
  if (row.closedAt) {
    throw new AppError(
      'conflict',
      `Formulier ${code} hoort bij de ronde '${row.campaignName}', die op ${localIsoDate(new Date(row.closedAt)).split('-').reverse().join('-')} is afgesloten. Zoek de leerling op naam en leg de antwoorden daar vast.`,
      'code',
    )
  }
  return { code: row.code, campaignId: row.campaignId, campaignName: row.campaignName, returnedAt: row.returnedAt, pupil: getPupil(ctx, row.pupilId) }
}

/** Records the answers of a returned form and counts the form as returned, in one transaction. */
export function recordReturn(ctx: CoreContext, input: WithAttachment<ApiParsed<'campaigns.recordReturn'>>): CampaignForm {
  const actor = requireStaffName(ctx)
  return ctx.db.transaction(() => {
    const form = findForm(ctx, input.code)
    const { code: _code, ...answers } = input
    recordConsent(ctx, { ...answers, pupilId: form.pupil.id, source: 'paper_form', sourceDetail: input.sourceDetail || `toestemmingsformulier ${form.campaignName}, code ${form.code}` })
    if (!form.returnedAt) markFormReturned(ctx.db, form.code, ctx.now().toISOString(), actor)
    return findForm(ctx, form.code)
  })()
}

/** The pupils and codes to print, optionally for some groups; records nothing (see recordFormsPrinted). */
export function formsToPrint(ctx: CoreContext, id: number, groupIds?: number[]): { pupilId: number; code: string }[] {
  const row = campaignRow(ctx.db, id)
  if (row.closedAt) throw new AppError('conflict', `De ronde '${row.name}' is afgesloten; er worden geen formulieren meer voor gemaakt.`)
  const forms = formCodesOfCampaign(ctx.db, id)
  const chosen = groupIds ? forms.filter((f) => f.groupId !== null && groupIds.includes(f.groupId)) : forms
  if (chosen.length === 0) throw new AppError('validation', 'Voor deze keuze zijn er geen formulieren in deze ronde.', 'groupIds')
  return chosen
}

/** These forms of the round were handed out: recorded once the file reached the user, never for a stopped or cancelled print. */
export function recordFormsPrinted(ctx: CoreContext, id: number, codes: readonly string[]): void {
  markFormsPrinted(ctx.db, id, codes, ctx.now().toISOString())
}

export function schoolName(ctx: CoreContext): string {
  return getSettings(ctx).schoolName
}

// The geen-toestemmingslijst and the consent column of the pupil list, for a school of 10,000: the
// current decision of every pupil and purpose is worked out once (effectiveDecision over the
// records in effect today) and kept until the next write to the register or the next day, so
// opening, filtering and printing the list again does not read 70,000 records again. Pupils come
// in Dutch name order from the kept pupil list (pupil-search.ts) and are put in group order with
// one comparison per group name rather than per pupil.
import type { ApiParsed } from '../../../shared/api.ts'
import { effectiveDecision, type Effective } from '../../../shared/consent.ts'
import { localIsoDate, sortName, type NoConsentList, type Purpose, type PupilSummary } from '../../../shared/domain.ts'
import { rowCode, type NoConsentPage } from '../../../shared/no-consent-page.ts'
import { compareGroupNames } from '../../../shared/text.ts'
import type { CoreContext } from '../context.ts'
import { registerNow } from '../db/register-clock.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { sortedPupils } from '../pupils/pupil-search.ts'
import { writeStamp } from '../pupils/pupils.queries.ts'
import { getSettings } from '../settings/settings.service.ts'
import { byPupilAndPurpose, currentAnswers, type CurrentAnswerRow } from './consent.queries.ts'

interface Decisions {
  key: string
  today: string
  answers: Map<string, CurrentAnswerRow[]>
  /** Per purpose and wording version, per pupil: number keys, no string built per look-up. */
  decided: Map<string, Map<number, Effective>>
  /** The screen's compact lists made with these decisions, by their input: reopening the screen makes nothing again. */
  pages: Map<string, Omit<NoConsentPage, 'generatedAt'>>
}

const kept = new WeakMap<CoreContext['db'], Decisions>()
const NONE: CurrentAnswerRow[] = []

/** The decisions as of now: kept while nothing is written and the day is the same. */
function decisionsNow(ctx: CoreContext): Decisions {
  const today = localIsoDate(registerNow(ctx.db, ctx.now()))
  const key = `${today}/${writeStamp(ctx.db)}`
  let d = kept.get(ctx.db)
  if (d?.key !== key) kept.set(ctx.db, (d = { key, today, answers: byPupilAndPurpose(currentAnswers(ctx.db, today)), decided: new Map(), pages: new Map() }))
  return d
}

/** Decides one purpose for pupils, each pupil once while the decisions are kept. */
function decider(d: Decisions, purpose: Purpose): (pupilId: number) => Effective {
  const key = `${purpose.id}:${purpose.version}`
  let mine = d.decided.get(key)
  if (!mine) d.decided.set(key, (mine = new Map()))
  const known = mine
  return (pupilId) => {
    let e = known.get(pupilId)
    if (!e) known.set(pupilId, (e = effectiveDecision(d.answers.get(`${pupilId}:${purpose.id}`) ?? NONE, purpose.version)))
    return e
  }
}

type ListInput = ApiParsed<'consent.noConsentList'>

/** The purposes and pupils (not left, in group then name order) a list is about. */
function listScope(ctx: CoreContext, input: ListInput, d: Decisions): { purposes: Purpose[]; pupils: PupilSummary[] } {
  const purposes = listPurposes(ctx.db).filter((p) => !input.purposeIds || input.purposeIds.includes(p.id))
  const groupFilter = input.groupIds ? new Set(input.groupIds) : undefined
  const pupils = sortedPupils(ctx, undefined, true).filter((p) => (p.leftOn === null || p.leftOn > d.today) && (!groupFilter || (p.groupId !== null && groupFilter.has(p.groupId))))
  // Group order (no group last), then the name order the list already has: a stable sort on a rank.
  const names = [...new Set(pupils.map((p) => p.groupName ?? '~'))].sort(compareGroupNames)
  const rank = new Map(names.map((n, i) => [n, i]))
  pupils.sort((a, b) => (rank.get(a.groupName ?? '~') as number) - (rank.get(b.groupName ?? '~') as number))
  return { purposes, pupils }
}

/** Whether a decision is on the list, with `only` keeping the refused or the unanswered ones. */
const onList = (e: Effective, only: ListInput['only']): e is Effective & { decision: 'refused' | 'unknown' } => e.decision !== 'granted' && (!only || only === 'both' || e.decision === only)

/**
 * The geen-toestemmingslijst: pupils (not left) whose current decision for a purpose is refused
 * or no answer, for some groups and purposes or the whole school; made now, from the records.
 * A pupil is off the list from the day they leave, also when the clock is set back. `only`
 * keeps the refused or the unanswered ones.
 */
export function noConsentList(ctx: CoreContext, input: ListInput): NoConsentList {
  const d = decisionsNow(ctx)
  const { purposes, pupils } = listScope(ctx, input, d)
  const rows: NoConsentList['rows'] = []
  for (const purpose of purposes) {
    const decide = decider(d, purpose)
    for (const p of pupils) {
      const e = decide(p.id)
      if (!onList(e, input.only)) continue
      rows.push({
        pupilId: p.id,
        firstName: p.firstName,
        lastNamePrefix: p.lastNamePrefix,
        lastName: p.lastName,
        groupId: p.groupId,
        groupName: p.groupName,
        purposeId: purpose.id,
        decision: e.decision,
        conflict: e.conflict,
        askAgain: e.askAgain,
      })
    }
  }
  return { generatedAt: ctx.now().toISOString(), schoolYear: getSettings(ctx).schoolYear, purposes, rows }
}

/**
 * The same list for the Geen toestemming screen, compact: each pupil's sorted name and group once,
 * each row one number (rowCode). For 10,000 pupils about a tenth of the full rows' JSON. Kept
 * with the decisions (until the next write or day), so opening the screen again is quick.
 */
export function noConsentPage(ctx: CoreContext, input: ApiParsed<'consent.noConsentPage'>): NoConsentPage {
  const d = decisionsNow(ctx)
  const key = JSON.stringify([input.groupIds, input.purposeIds, input.only ?? 'both'])
  let page = d.pages.get(key)
  if (!page) {
    if (d.pages.size >= 20) d.pages.clear()
    d.pages.set(key, (page = makeNoConsentPage(ctx, input, d)))
  }
  return { generatedAt: ctx.now().toISOString(), ...page }
}

function makeNoConsentPage(ctx: CoreContext, input: ListInput, d: Decisions): Omit<NoConsentPage, 'generatedAt'> {
  const { purposes, pupils } = listScope(ctx, input, d)
  const groups: string[] = []
  const groupPlace = new Map<string, number>()
  const out: NoConsentPage['pupils'] = []
  const place = new Map<number, number>()
  const placeOf = (p: PupilSummary): number => {
    let at = place.get(p.id)
    if (at === undefined) {
      let g = -1
      if (p.groupName !== null) {
        g = groupPlace.get(p.groupName) ?? -1
        if (g < 0) groupPlace.set(p.groupName, (g = groups.push(p.groupName) - 1))
      }
      place.set(p.id, (at = out.push([p.id, sortName(p), g]) - 1))
    }
    return at
  }
  const rows = purposes.map((purpose) => {
    const decide = decider(d, purpose)
    const mine: number[] = []
    for (const p of pupils) {
      const e = decide(p.id)
      if (onList(e, input.only)) mine.push(rowCode(placeOf(p), e.decision === 'refused', e.conflict))
    }
    return mine
  })
  return { schoolYear: getSettings(ctx).schoolYear, purposes, groups, pupils: out, rows }
}

/** Per pupil of this year (or one group): how many active purposes are refused, unanswered, or to be asked again. */
export function consentSummary(ctx: CoreContext, groupId?: number): Record<number, { refused: number; unknown: number; askAgain: number }> {
  const d = decisionsNow(ctx)
  const purposes = listPurposes(ctx.db)
  const deciders = purposes.map((p) => decider(d, p))
  const summary: Record<number, { refused: number; unknown: number; askAgain: number }> = {}
  for (const p of sortedPupils(ctx, groupId, false)) {
    const s = { refused: 0, unknown: 0, askAgain: 0 }
    for (const decide of deciders) {
      const e = decide(p.id)
      if (e.decision === 'refused') s.refused++
      else if (e.decision === 'unknown') s.unknown++
      if (e.askAgain) s.askAgain++
    }
    summary[p.id] = s
  }
  return summary
}

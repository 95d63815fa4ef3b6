// What the review screen shows of a scan session, made from the pages and the register as it is
// now: per form its pupil, the proposed answer of each purpose row (unclear and unsure rows first),
// who signed, and whether it may be confirmed (not if it came back already, is in the scan twice, or
// belongs to a closed round). Pages without a known code are listed to assign by hand.
import { LOW_CONFIDENCE, type ReviewAnswer, type ScanFormView, type ScanPageView, type ScanRowView, type ScanSessionView } from '../../../shared/scan.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareByName, compareGroupNames } from '../../../shared/text.ts'
import { displayName, formatDate, type Purpose } from '../../../shared/domain.ts'
import type { BoxReading, ScannedPage } from '../../../shared/scan.ts'
import type { CoreContext } from '../context.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { schoolYearId } from '../settings/settings.service.ts'
import { formByCode, type FormByCodeRow } from '../campaigns/campaigns.queries.ts'
import { openFormOfPupil, pupilByFormCode, reviewPupil, type ReviewPupil } from './review.queries.ts'
import type { ScanSession } from './scan-session.ts'

/** A form as the session holds it: its pages, and what it is in the register. */
export interface SessionForm {
  key: string
  code: string | null
  pages: ScannedPage[]
  pupil: ReviewPupil
  round: FormByCodeRow | null
  state: ScanFormView['state']
  message: string | null
}

const PROPOSAL: Record<BoxReading, ReviewAnswer> = { ja: 'granted', nee: 'refused', geen: 'none', beide: 'none', onduidelijk: 'none' }

function rowsOf(pages: ScannedPage[], purposes: Map<number, Purpose>, byHand: boolean): ScanRowView[] {
  if (byHand) {
    return [...purposes.values()].map((p) => ({ purposeId: p.id, label: p.label, reading: null, proposal: 'none', confidence: null, unclear: true, lowConfidence: false, hasCrop: false }))
  }
  const seen = new Set<number>()
  const rows: ScanRowView[] = []
  for (const page of pages) {
    for (const a of page.answers) {
      const purpose = purposes.get(a.purposeId)
      if (!purpose || seen.has(a.purposeId)) continue
      seen.add(a.purposeId)
      const unclear = a.reading === 'beide' || a.reading === 'onduidelijk'
      rows.push({
        purposeId: a.purposeId,
        label: purpose.label,
        reading: a.reading,
        proposal: PROPOSAL[a.reading],
        confidence: a.confidence,
        unclear,
        lowConfidence: !unclear && a.confidence < LOW_CONFIDENCE,
        hasCrop: page.imagePath !== undefined && page.scale !== undefined,
      })
    }
  }
  const rank = (r: ScanRowView): number => (r.unclear ? 0 : r.lowConfidence ? 1 : 2)
  return rows.sort((a, b) => rank(a) - rank(b))
}

/** A page given by hand is past its 'no code' note; an old form's says why every answer is to be typed in. */
const handNotes = (pages: ScannedPage[]): string[] =>
  pages.some((p) => p.byHand) ? ['Dit is een ouder formulier (of een met een opmaak die dit register niet kent): de vakjes zijn niet gelezen. Vul elk antwoord in vanaf de pagina hiernaast.'] : []

function formView(f: SessionForm, purposes: Map<number, Purpose>): ScanFormView {
  const byHand = f.key.startsWith('pagina-')
  const signatures = f.pages.flatMap((p) => p.signatures)
  const guardians = f.pupil.guardians.map((g) => {
    const lines = signatures.filter((s) => s.guardianId === g.id)
    return { id: g.id, name: g.name, signed: lines.length === 0 ? null : lines.some((s) => s.signed) }
  })
  const signers = guardians.filter((g) => g.signed === true)
  const rows = rowsOf(f.pages, purposes, byHand)
  const unsigned = signers.length === 0 && !signatures.some((s) => s.signed)
  return {
    key: f.key,
    code: f.code,
    pageIndexes: f.pages.map((p) => p.index),
    sources: f.pages.map((p) => p.source),
    pupil: { id: f.pupil.id, name: displayName(f.pupil), groupName: f.pupil.groupName },
    campaign: f.round ? { id: f.round.campaignId, name: f.round.campaignName } : null,
    state: f.state,
    message: f.message,
    // The reader's notes on a read form (upside down, turned); a page given by hand is past its 'no code' note.
    notes: f.state === 'closed_round' || (f.state === 'duplicate' && f.pages.some((p) => p.byHand)) ? [] : byHand ? handNotes(f.pages) : f.pages.flatMap((p) => (p.message ? [p.message] : [])),
    guardians,
    proposedGuardianId: signers.length === 1 ? (signers[0]?.id ?? null) : null,
    unsigned,
    rows,
    needsAttention: unsigned || rows.some((r) => r.unclear || r.lowConfidence),
    consentStamp: f.pupil.consentStamp,
  }
}

/** The register's view of one code: a round's form, or a pupil's own form code; undefined when unknown. */
function lookUp(ctx: CoreContext, code: string): { pupilId: number; round: FormByCodeRow | null } | undefined {
  const round = formByCode(ctx.db, code)
  if (round) return { pupilId: round.pupilId, round }
  const pupilId = pupilByFormCode(ctx.db, code)
  return pupilId === undefined ? undefined : { pupilId, round: null }
}

function stateOf(session: ScanSession, key: string, code: string, round: FormByCodeRow | null): Pick<SessionForm, 'state' | 'message'> {
  if (session.confirmed.has(key)) return { state: 'confirmed', message: null }
  if (round?.closedAt) {
    return {
      state: 'closed_round',
      message: `Formulier ${code} hoort bij de ronde '${round.campaignName}', die op ${formatDate(round.closedAt.slice(0, 10))} is afgesloten. Er is niets vastgelegd. Leg de antwoorden vast op de pagina van de leerling, als ze nog gelden.`,
    }
  }
  if (round?.returnedAt) {
    return {
      state: 'already_returned',
      message: `Formulier ${code} is al teruggekomen (vastgelegd op ${formatDate(round.returnedAt.slice(0, 10))}). Het wordt niet nog eens vastgelegd. Is er iets veranderd, leg het dan vast op de pagina van de leerling.`,
    }
  }
  return { state: 'open', message: null }
}

/** Every form of the session (from the pages with a known code and the pages assigned by hand), and the pages left over. */
export function sessionForms(ctx: CoreContext, session: ScanSession, onlyKey?: string): { forms: SessionForm[]; pages: ScanPageView[] } {
  const byCode = new Map<string, ScannedPage[]>()
  const copies: { code: string; page: ScannedPage; first: ScannedPage; byHand: boolean }[] = []
  // The first copy of each form to type in by hand (an old form), given to a pupil or not: a second copy is a duplicate too.
  const firstByHand = new Map<string, ScannedPage>()
  const pages: ScanPageView[] = []
  const yearId = schoolYearId(ctx)
  for (const page of session.pages) {
    if (page.byHand && page.form) {
      const sheet = `${page.form.code} ${page.form.sheet}`
      const first = firstByHand.get(sheet)
      if (!first) firstByHand.set(sheet, page)
      else if (!session.assigned.has(page.index)) {
        copies.push({ code: page.form.code, page, first, byHand: true })
        continue
      }
    }
    if (session.assigned.has(page.index)) continue
    if (page.byHand && page.form) {
      pages.push({ pageIndex: page.index, source: page.source, status: 'old_form', message: page.message ?? '', ...pupilOf(ctx, yearId, page.form.pupilId) })
      continue
    }
    if (page.status !== 'read' || !page.form) {
      pages.push({ pageIndex: page.index, source: page.source, status: page.status === 'unreadable' ? 'unreadable' : 'no_code', message: page.message ?? 'Op deze pagina is geen formuliercode gevonden.' })
      continue
    }
    const code = page.form.code
    const list = byCode.get(code) ?? []
    const first = list.find((p) => p.form?.sheet === page.form?.sheet)
    if (first) copies.push({ code, page, first, byHand: false })
    else byCode.set(code, [...list, page])
  }
  const forms: (Omit<SessionForm, 'pupil'> & { pupilId: number })[] = []
  const known = new Map<string, { pupilId: number; round: FormByCodeRow | null }>()
  for (const [code, list] of byCode) {
    const found = lookUp(ctx, code)
    if (!found) {
      for (const p of list)
        pages.push({ pageIndex: p.index, source: p.source, status: 'unknown_code', message: `De code ${code} op deze pagina staat niet in het register. Kies de leerling zelf, of sla de pagina over.` })
      continue
    }
    known.set(code, found)
    list.sort((a, b) => (a.form?.sheet ?? 0) - (b.form?.sheet ?? 0))
    forms.push({ key: code, code, pages: list, pupilId: found.pupilId, round: found.round, ...stateOf(session, code, code, found.round) })
  }
  copies.forEach(({ code, page, first, byHand }, i) => {
    const found = byHand ? lookUp(ctx, code) : known.get(code)
    if (!found) {
      // Its pupil has gone from the register since the scan: the page stays to give by hand.
      if (byHand) pages.push({ pageIndex: page.index, source: page.source, status: 'old_form', message: page.message ?? '' })
      return
    }
    const other = byHand ? 'geef het andere exemplaar aan de leerling en bevestig dat' : 'bevestig het andere exemplaar'
    const message = `Dit formulier zit twee keer in de scan (${first.source} en ${page.source}). Het wordt één keer vastgelegd: ${other}.`
    forms.push({ key: `${code}#${i + 2}`, code, pages: [page], pupilId: found.pupilId, round: found.round, state: 'duplicate', message })
  })
  for (const [index, pupilId] of session.assigned) {
    const page = session.pages.find((p) => p.index === index)
    if (!page) continue
    const key = `pagina-${index + 1}`
    // The round of the code on the page (an old form's), if it is this pupil's and still open; else the pupil's open form.
    const own = page.form?.pupilId === pupilId ? formByCode(ctx.db, page.form.code) : undefined
    const round = (own && !own.closedAt && !own.returnedAt ? own : openFormOfPupil(ctx.db, pupilId)) ?? null
    forms.push({ key, code: round?.code ?? null, pages: [page], pupilId, round, ...(session.confirmed.has(key) ? { state: 'confirmed' as const, message: null } : { state: 'open' as const, message: null }) })
  }
  // The pupil (names, group, guardians) only for the forms asked for: one form when confirming or cutting its crops.
  const wanted = forms.filter((f) => onlyKey === undefined || f.key === onlyKey)
  return { forms: wanted.map(({ pupilId, ...f }) => ({ ...f, pupil: reviewPupil(ctx.db, yearId, pupilId) })), pages }
}

/** The pupil an old form's code names, offered for the page; nothing when the pupil has gone from the register since. */
function pupilOf(ctx: CoreContext, yearId: number, pupilId: number): Pick<ScanPageView, 'pupil'> {
  try {
    const p = reviewPupil(ctx.db, yearId, pupilId)
    return { pupil: { id: p.id, name: displayName(p), groupName: p.groupName } }
  } catch (e) {
    if (e instanceof AppError) return {}
    throw e
  }
}

export function findSessionForm(ctx: CoreContext, session: ScanSession, key: string): { form: SessionForm; view: ScanFormView } | undefined {
  const purposes = activePurposes(ctx)
  const [form] = sessionForms(ctx, session, key).forms
  return form ? { form, view: formView(form, purposes) } : undefined
}

const activePurposes = (ctx: CoreContext): Map<number, Purpose> => new Map(listPurposes(ctx.db).map((p) => [p.id, p]))

const ORDER: Record<ScanFormView['state'], number> = { open: 0, confirmed: 1, already_returned: 2, duplicate: 2, closed_round: 2 }

export function sessionView(ctx: CoreContext, session: ScanSession): ScanSessionView {
  const purposes = activePurposes(ctx)
  const { forms, pages } = sessionForms(ctx, session)
  const views = forms.map((f) => ({ f, v: formView(f, purposes) }))
  views.sort(
    (a, b) =>
      ORDER[a.v.state] - ORDER[b.v.state] || Number(b.v.needsAttention) - Number(a.v.needsAttention) || compareGroupNames(a.f.pupil.groupName ?? '~', b.f.pupil.groupName ?? '~') || compareByName(a.f.pupil, b.f.pupil),
  )
  // An old form's page carries a code (its pupil is offered): the scan is not 'without forms'.
  const none = session.pages.length === 0 || (!session.pages.some((p) => p.status === 'read' || p.byHand) && session.assigned.size === 0)
  const count = session.pages.length === 1 ? 'de enige pagina' : `alle ${session.pages.length} pagina's`
  const notice = !none
    ? null
    : session.pages.length === 0
      ? 'In de gekozen bestanden staat geen enkele pagina. Er is niets vastgelegd. Kies de scan van de teruggekomen formulieren (PDF, JPG, PNG of TIFF).'
      : `In de scan is geen toestemmingsformulier herkend: op ${count} is geen formuliercode gevonden. Er is niets vastgelegd. Controleer of u de goede scan koos; is het een formulier, kies dan hieronder zelf de leerling.`
  return { sessionId: session.id, scannedOn: session.scannedOn, pageCount: session.pages.length, forms: views.map((x) => x.v), pages, notice }
}

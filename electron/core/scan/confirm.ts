// Confirming one scanned form: the answers as the user left them become consent records (source
// paper form, detail 'teruggekomen formulier <code>, gescand <datum>', the guardian who signed),
// the page is kept as the scan that proves them, and the form counts as returned in its round,
// through the desk's own path (recordReturn). One transaction per form; refused forms write nothing.
import { readFileSync } from 'node:fs'
import { displayName, formatDate, localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { ScanConfirmInput, ScanConfirmResult } from '../../../shared/scan.contract.ts'
import type { ScannedPage } from '../../../shared/scan.ts'
import { writeAudit } from '../audit/audit.ts'
import { getCampaign, recordReturn } from '../campaigns/campaigns.service.ts'
import { recordConsent } from '../consent/consent.service.ts'
import type { CoreContext } from '../context.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { findSessionForm } from './review.ts'
import { requireSession } from './scan-session.ts'

const DECISION = { granted: 'granted', refused: 'refused' } as const

/** The page as the proof: the straightened PNG the reader wrote, checked again when it is stored. */
function proofOf(page: ScannedPage, code: string | null, scannedOn: string): { fileName: string; bytes: Buffer } {
  if (!page.imagePath) {
    throw new AppError('validation', `Van ${page.source} is geen afbeelding bewaard, dus er is geen bewijs om bij de antwoorden te zetten. Er is niets vastgelegd. Scan dit formulier opnieuw.`)
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(page.imagePath)
  } catch {
    throw new AppError('not_found', 'De gescande pagina is niet meer in de tijdelijke map. Er is niets vastgelegd. Scan dit formulier opnieuw.')
  }
  const name = `${code ? `formulier-${code}` : 'gescande-pagina'}-gescand-${scannedOn}${page.form && page.form.sheets > 1 ? `-blad-${page.form.sheet}` : ''}.png`
  return { fileName: name, bytes }
}

function signedNote(names: string[], guardianName: string | null, sources: string[]): string {
  const scanned = `Gescand: ${sources.join('; ')}.`
  if (names.length > 0) return `${scanned} Ondertekend door ${names.join(' en ')}.`
  return `${scanned} Geen handtekening gevonden; bij het bevestigen vastgelegd ${guardianName ? `als antwoord van ${guardianName}` : 'zonder ouder/verzorger'}.`
}

export function confirmScannedForm(ctx: CoreContext, input: ScanConfirmInput): ScanConfirmResult {
  const actor = requireStaffName(ctx)
  const session = requireSession(ctx, input.sessionId)
  return ctx.db.transaction(() => {
    const found = findSessionForm(ctx, session, input.formKey)
    if (!found) throw new AppError('not_found', 'Dit formulier staat niet (meer) in deze scan. Vernieuw het scherm.')
    const { form, view } = found
    if (view.state === 'confirmed') throw new AppError('conflict', `Het formulier van ${view.pupil.name} is al bevestigd; het wordt niet nog eens vastgelegd.`)
    if (view.state !== 'open') throw new AppError('conflict', view.message ?? 'Dit formulier kan niet worden vastgelegd.')
    const rowIds = new Set(view.rows.map((r) => r.purposeId))
    const stray = input.answers.find((a) => !rowIds.has(a.purposeId))
    if (stray) throw new AppError('validation', 'Een antwoord hoort bij een doel dat niet op dit formulier staat. Er is niets vastgelegd. Vernieuw het scherm.')
    const chosen = input.answers.filter((a) => a.answer !== 'none')
    if (chosen.length === 0) {
      throw new AppError('validation', 'Bij geen enkel doel staat een antwoord. Er is niets vastgelegd. Kies J of N bij wat de ouder invulde, of sla dit formulier over.')
    }
    const guardian = input.guardianId === null ? null : form.pupil.guardians.find((g) => g.id === input.guardianId)
    if (guardian === undefined) throw new AppError('validation', `Deze ouder/verzorger hoort niet bij ${view.pupil.name}. Er is niets vastgelegd. Kies een van de ouders/verzorgers.`, 'guardianId')
    const signers = view.guardians.filter((g) => g.signed === true).map((g) => g.name)
    const sourceDetail = form.code ? `teruggekomen formulier ${form.code}, gescand ${formatDate(session.scannedOn)}` : `gescande pagina zonder formuliercode, gescand ${formatDate(session.scannedOn)}`
    const note = signedNote(signers, guardian?.name ?? null, view.sources)
    const effectiveFrom = localIsoDate(ctx.now())
    // Each answer is proved by the page it is on (a form of several sheets: each sheet its own scan).
    const pageOf = (purposeId: number): ScannedPage => form.pages.find((p) => p.answers.some((a) => a.purposeId === purposeId)) ?? (form.pages[0] as ScannedPage)
    const perPage = new Map<ScannedPage, { purposeId: number; decision: 'granted' | 'refused' }[]>()
    for (const a of chosen) {
      if (a.answer === 'none') continue
      const page = pageOf(a.purposeId)
      perPage.set(page, [...(perPage.get(page) ?? []), { purposeId: a.purposeId, decision: DECISION[a.answer] }])
    }
    let first = true
    for (const [page, decisions] of perPage) {
      const common = {
        decisions,
        guardianId: guardian?.id ?? null,
        effectiveFrom,
        sourceDetail,
        note,
        attachment: proofOf(page, form.code, session.scannedOn),
        ...(first && input.consentStamp !== undefined ? { consentStamp: input.consentStamp } : {}),
      }
      if (form.round) recordReturn(ctx, { ...common, code: form.round.code })
      else recordConsent(ctx, { ...common, pupilId: form.pupil.id, source: 'paper_form' })
      first = false
    }
    const campaign = form.round ? getCampaign(ctx, form.round.campaignId) : null
    writeAudit(ctx.db, ctx.now(), {
      actor,
      action: 'scan.confirm',
      entity: 'campaign',
      entityId: form.round?.campaignId ?? null,
      pupilId: form.pupil.id,
      newValue: { code: form.code, answers: chosen.length, guardianId: guardian?.id ?? null, signed: signers.length, pages: form.pages.length, campaign: form.round?.campaignName ?? null },
    })
    session.confirmed.add(form.key)
    const after = findSessionForm(ctx, session, form.key)
    const name = displayName(form.pupil)
    return {
      form: after?.view ?? view,
      recorded: chosen.length,
      campaign: campaign ? { id: campaign.id, name: campaign.name, returned: campaign.returned, total: campaign.total } : null,
      message: `Formulier van ${name} vastgelegd: ${chosen.length} ${chosen.length === 1 ? 'antwoord' : 'antwoorden'}, met de scan als bewijs${campaign ? `; ronde '${campaign.name}': ${campaign.returned} van ${campaign.total} terug` : ''}.`,
    }
  })()
}

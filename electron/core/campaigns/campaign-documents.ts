// A round's documents: the consent forms with the round's own code on each (the forms are marked
// as printed once the file reached the user; a print stopped with Stoppen, or a cancelled save
// dialog, writes no file and records nothing), and the reminder list of forms not yet returned.
import type { ApiParsed } from '../../../shared/api.ts'
import type { DocumentResult } from '../../../shared/documents.contract.ts'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { consentFormsPdf } from '../documents/consent-form.ts'
import { rememberLayouts } from '../scan/layouts.ts'
import { deliver } from '../documents/deliver.ts'
import { letterhead } from '../documents/document-settings.ts'
import { consentFormsData } from '../documents/documents.service.ts'
import { fileSafe } from '../documents/dossier-export.ts'
import { loadFonts } from '../documents/pdf-base.ts'
import { trackProgress, yieldToOthers } from '../progress.ts'
import { pupilFormCode } from './campaigns.queries.ts'
import { formsToPrint, getCampaign, recordFormsPrinted } from './campaigns.service.ts'
import { reminderListPdf } from './reminder-list.ts'

function fonts(ctx: CoreContext) {
  if (!ctx.resourcesDir) throw new AppError('internal', 'De lettertypen voor PDF-documenten zijn niet gevonden.')
  return loadFonts(ctx.resourcesDir)
}

const pagesLabel = (pages: number): string => (pages === 1 ? 'pagina' : "pagina's")

/** The round's forms (optionally of some groups) as one PDF, each with the round's own code. */
export async function printForms(ctx: CoreContext, input: ApiParsed<'campaigns.printForms'>): Promise<DocumentResult> {
  const campaign = getCampaign(ctx, input.id)
  const forms = formsToPrint(ctx, input.id, input.groupIds)
  // The round's own code on each form instead of the pupil's, so the desk can count it as returned.
  const codes = new Map(forms.map((f) => [pupilFormCode(ctx.db, f.pupilId) as string, f.code]))
  const data = consentFormsData(ctx, { pupilIds: forms.map((f) => f.pupilId), delivery: 'data', onlyWithoutAnswer: false })
  const pupils = data.pupils.map((p) => ({ ...p, formCode: codes.get(p.formCode) ?? p.formCode }))
  const progress = trackProgress(ctx, input.progressId, pupils.length)
  let made: Awaited<ReturnType<typeof consentFormsPdf>>
  try {
    made = await consentFormsPdf({ ...data, pupils }, fonts(ctx), { onProgress: progress.update, yieldToOthers })
    // A stop asked while the file was being finished is still in time: nothing is written yet.
    progress.update(pupils.length)
  } finally {
    progress.end()
  }
  rememberLayouts(ctx, made.layouts)
  const fileName = `toestemmingsformulieren-${fileSafe(campaign.name)}-${localIsoDate(ctx.now())}.pdf`
  const result = await deliver(ctx, input.delivery, { fileName, mimeType: 'application/pdf', bytes: made.pdf, count: made.pages, countLabel: pagesLabel(made.pages) })
  if (result.delivered !== 'cancelled')
    recordFormsPrinted(
      ctx,
      input.id,
      forms.map((f) => f.code),
    )
  return result
}

/** The list of forms not yet returned, per group, to hand to the teachers. */
export async function reminderList(ctx: CoreContext, input: ApiParsed<'campaigns.reminderList'>): Promise<DocumentResult> {
  const campaign = getCampaign(ctx, input.id)
  const { pdf, pages } = await reminderListPdf({ letterhead: letterhead(ctx), generatedAt: ctx.now(), campaign }, fonts(ctx))
  const fileName = `herinneringslijst-${fileSafe(campaign.name)}-${localIsoDate(ctx.now())}.pdf`
  return deliver(ctx, input.delivery, { fileName, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: pagesLabel(pages) })
}

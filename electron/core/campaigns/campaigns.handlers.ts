import type { CampaignsOutputs } from '../../../shared/campaigns.contract.ts'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { deliver } from '../documents/deliver.ts'
import { letterhead } from '../documents/document-settings.ts'
import { consentFormsPdf } from '../documents/consent-form.ts'
import { rememberLayouts } from '../scan/layouts.ts'
import { consentFormsData } from '../documents/documents.service.ts'
import { fileSafe } from '../documents/dossier-export.ts'
import { loadFonts } from '../documents/pdf-base.ts'
import type { HandlersFor } from '../handler-types.ts'
import { closeCampaign, findForm, formsToPrint, getCampaign, listCampaigns, recordReturn, startCampaign } from './campaigns.service.ts'
import { reminderListPdf } from './reminder-list.ts'

function fonts(ctx: CoreContext) {
  if (!ctx.resourcesDir) throw new AppError('internal', 'De lettertypen voor PDF-documenten zijn niet gevonden.')
  return loadFonts(ctx.resourcesDir)
}

export const campaignsHandlers: HandlersFor<keyof CampaignsOutputs> = {
  'campaigns.list': (ctx) => listCampaigns(ctx),
  'campaigns.get': (ctx, input) => getCampaign(ctx, input.id),
  'campaigns.start': (ctx, input) => startCampaign(ctx, input),
  'campaigns.close': (ctx, input) => closeCampaign(ctx, input.id),
  'campaigns.findForm': (ctx, input) => findForm(ctx, input.code),
  'campaigns.recordReturn': (ctx, input) => recordReturn(ctx, input),
  'campaigns.printForms': async (ctx, input) => {
    const campaign = getCampaign(ctx, input.id)
    const forms = ctx.db.transaction(() => formsToPrint(ctx, input.id, input.groupIds))()
    // The round's own code on each form instead of the pupil's, so the desk can count it as returned.
    const pupilCode = ctx.db.prepare(`SELECT form_code FROM pupils WHERE id = ?`).pluck()
    const codes = new Map(forms.map((f) => [pupilCode.get(f.pupilId) as string, f.code]))
    const data = consentFormsData(ctx, { pupilIds: forms.map((f) => f.pupilId), delivery: 'data', onlyWithoutAnswer: false })
    const pupils = data.pupils.map((p) => ({ ...p, formCode: codes.get(p.formCode) ?? p.formCode }))
    const { pdf, pages, layouts } = await consentFormsPdf({ ...data, pupils }, fonts(ctx))
    rememberLayouts(ctx, layouts)
    const fileName = `toestemmingsformulieren-${fileSafe(campaign.name)}-${localIsoDate(ctx.now())}.pdf`
    return deliver(ctx, input.delivery, { fileName, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: pages === 1 ? 'pagina' : "pagina's" })
  },
  'campaigns.reminderList': async (ctx, input) => {
    const campaign = getCampaign(ctx, input.id)
    const { pdf, pages } = await reminderListPdf({ letterhead: letterhead(ctx), generatedAt: ctx.now(), campaign }, fonts(ctx))
    const fileName = `herinneringslijst-${fileSafe(campaign.name)}-${localIsoDate(ctx.now())}.pdf`
    return deliver(ctx, input.delivery, { fileName, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: pages === 1 ? 'pagina' : "pagina's" })
  },
}

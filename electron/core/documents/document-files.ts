// The documents as files, made from the current records and delivered (saved, opened, or handed
// back as data): consent forms, the geen-toestemmingslijst, class lists, and the pupil's dossier,
// whose every copy that leaves the register is logged.
import type { ApiParsed } from '../../../shared/api.ts'
import type { DocumentResult } from '../../../shared/documents.contract.ts'
import { displayName, localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { assertClockNotBehind } from '../db/register-clock.ts'
import { getSettings } from '../settings/settings.service.ts'
import { classListBcc, classListCsv, classListVcf } from './class-list-export.ts'
import { classListPdf } from './class-list.ts'
import { consentFormsPdf } from './consent-form.ts'
import { rememberLayouts } from '../scan/layouts.ts'
import { deliver, type MadeFile } from './deliver.ts'
import { letterhead } from './document-settings.ts'
import { classListData, consentFormsData, noConsentListData } from './documents.service.ts'
import { dossierData } from './dossier-data.ts'
import { dossierZip, fileSafe } from './dossier-export.ts'
import { dossierPdf } from './dossier.ts'
import { noConsentListPdf } from './no-consent-list.ts'
import { loadFonts, type Fonts } from './pdf-base.ts'
import { trackProgress, yieldToOthers } from '../progress.ts'

const fonts = (ctx: CoreContext): Fonts => {
  if (!ctx.resourcesDir) throw new AppError('internal', 'De lettertypen voor PDF-documenten zijn niet gevonden.')
  return loadFonts(ctx.resourcesDir)
}

const name = (ctx: CoreContext, ...parts: string[]): string => [...parts.map(fileSafe), localIsoDate(ctx.now())].join('-')
const PAGES = (n: number): string => (n === 1 ? 'pagina' : "pagina's")

/** The file, made from the current records. */
const makeDocument = {
  async consentForms(ctx: CoreContext, input: ApiParsed<'documents.consentForms'>): Promise<MadeFile> {
    const data = consentFormsData(ctx, input)
    const progress = trackProgress(ctx, input.progressId, data.pupils.length)
    try {
      const { pdf, pages, layouts } = await consentFormsPdf(data, fonts(ctx), { onProgress: progress.update, yieldToOthers })
      // A stop asked while the file was being finished is still in time: nothing is written yet.
      progress.update(data.pupils.length)
      rememberLayouts(ctx, layouts)
      return { fileName: `${name(ctx, ...data.fileParts)}.pdf`, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: PAGES(pages) }
    } finally {
      progress.end()
    }
  },

  async noConsentList(ctx: CoreContext, input: ApiParsed<'documents.noConsentList'>): Promise<MadeFile> {
    const data = noConsentListData(ctx, input)
    const { pdf, pages } = await noConsentListPdf(data, fonts(ctx))
    const what = input.eventName ? [input.eventName] : [data.groupNames.length > 3 ? `${data.groupNames.length} groepen` : `groep ${data.groupNames.join(' ')}`]
    const only = data.filterNote ? [data.filterNote] : []
    return { fileName: `${name(ctx, 'wie-mag-niet-op-de-foto', ...what, ...only)}.pdf`, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: PAGES(pages) }
  },

  async classList(ctx: CoreContext, input: ApiParsed<'documents.classList'>): Promise<MadeFile> {
    const data = classListData(ctx, input.groupId)
    const base = name(ctx, 'klassenlijst', `groep ${data.group.name}`)
    if (input.format === 'csv') {
      const bytes = classListCsv(data)
      const rows = bytes.toString('utf8').split('\r\n').length - 2
      return { fileName: `${base}.csv`, mimeType: 'text/csv', bytes, count: rows, countLabel: rows === 1 ? 'regel' : 'regels' }
    }
    if (input.format === 'vcf') {
      const { vcf, count } = classListVcf(data)
      if (count === 0) {
        throw new AppError(
          'validation',
          `In groep ${data.group.name} zit nog geen enkele ouder in de groepsapp met een mobiel nummer en toestemming om contactgegevens te delen. Er is geen vCard gemaakt; er is niets veranderd.`,
        )
      }
      return { fileName: `${name(ctx, 'contactpersonen-groepsapp', `groep ${data.group.name}`)}.vcf`, mimeType: 'text/vcard', bytes: vcf, count, countLabel: count === 1 ? 'contactpersoon' : 'contactpersonen' }
    }
    if (input.format === 'bcc') {
      const { text, count } = classListBcc(data)
      if (count === 0) {
        throw new AppError('validation', `In groep ${data.group.name} hoeft niemand per e-mail geïnformeerd te worden: alle ouders met een e-mailadres zitten in de groepsapp. Er is geen lijst gemaakt.`)
      }
      return { fileName: `${name(ctx, 'e-mailadressen-bcc', `groep ${data.group.name}`)}.txt`, mimeType: 'text/plain', bytes: text, count, countLabel: count === 1 ? 'e-mailadres' : 'e-mailadressen' }
    }
    const { pdf, pages } = await classListPdf(data, fonts(ctx))
    return { fileName: `${base}.pdf`, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: PAGES(pages) }
  },

  async dossier(ctx: CoreContext, input: ApiParsed<'documents.dossier'>): Promise<MadeFile> {
    const { data, attachmentBytes, mailBytes } = dossierData(ctx, input.pupilId, input.requesterGuardianId)
    const base = name(ctx, 'dossier', displayName(data.pupil))
    const { pdf, pages } = await dossierPdf(data, letterhead(ctx), fonts(ctx))
    if (input.format === 'zip') {
      const bytes = dossierZip(data, pdf, attachmentBytes, base, mailBytes)
      return { fileName: `${base}.zip`, mimeType: 'application/zip', bytes, count: 3 + data.attachments.length + (data.mails?.length ?? 0), countLabel: 'bestanden' }
    }
    return { fileName: `${base}.pdf`, mimeType: 'application/pdf', bytes: pdf, count: pages, countLabel: PAGES(pages) }
  },
}

/** A copy of the pupil's file left the register: who, when, in which form. */
function auditDossierExport(ctx: CoreContext, pupilId: number, format: string, fileName: string): void {
  writeAudit(ctx.db, ctx.now(), { actor: getSettings(ctx).staffName, action: 'dossier.export', entity: 'pupil', entityId: pupilId, pupilId, newValue: { format, fileName } })
}

export const deliverConsentForms = async (ctx: CoreContext, input: ApiParsed<'documents.consentForms'>): Promise<DocumentResult> => deliver(ctx, input.delivery, await makeDocument.consentForms(ctx, input))

export const deliverNoConsentList = async (ctx: CoreContext, input: ApiParsed<'documents.noConsentList'>): Promise<DocumentResult> => deliver(ctx, input.delivery, await makeDocument.noConsentList(ctx, input))

export const deliverClassList = async (ctx: CoreContext, input: ApiParsed<'documents.classList'>): Promise<DocumentResult> => deliver(ctx, input.delivery, await makeDocument.classList(ctx, input))

/** The dossier, logged once it is delivered (not when the save dialog was cancelled). */
export async function exportDossier(ctx: CoreContext, input: ApiParsed<'documents.dossier'>): Promise<DocumentResult> {
  assertClockNotBehind(ctx.db, ctx.now()) // the export is logged: refused before a file is made, not after it is saved
  const file = await makeDocument.dossier(ctx, input)
  const result = await deliver(ctx, input.delivery, file)
  if (result.delivered !== 'cancelled') auditDossierExport(ctx, input.pupilId, input.format, file.fileName)
  return result
}

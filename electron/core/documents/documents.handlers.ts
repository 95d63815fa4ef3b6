// The documents' methods: each maps its input to one service call.
import type { DocumentsOutputs } from '../../../shared/documents.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { progressOf } from '../progress.ts'
import { getDocumentSettings, saveDocumentSettings } from './document-settings.ts'
import { deliverClassList, deliverConsentForms, deliverNoConsentList, exportDossier } from './document-files.ts'

export const documentsHandlers: HandlersFor<keyof DocumentsOutputs> = {
  'documents.consentForms': (ctx, input) => deliverConsentForms(ctx, input),
  'documents.noConsentList': (ctx, input) => deliverNoConsentList(ctx, input),
  'documents.classList': (ctx, input) => deliverClassList(ctx, input),
  'documents.dossier': (ctx, input) => exportDossier(ctx, input),
  'documents.progress': (ctx, input) => progressOf(ctx, input.progressId),
  'documents.settings': (ctx) => getDocumentSettings(ctx),
  'documents.saveSettings': (ctx, input) => saveDocumentSettings(ctx, input),
}

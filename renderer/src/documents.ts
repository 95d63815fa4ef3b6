// Making a document from the screen: call the method, follow a batch of forms while it runs (its
// progress id: events in the desktop app, a progress question in the harness), and hand the result
// to the user (in the desktop app the main process saved or opened it; in the browser harness it
// comes back as bytes and is offered as a download). A batch can be stopped (jobs.cancel) as the
// import preview can: the core stops at its next page and writes nothing. A file kept in a pupil's
// file (a scan, a parent's e-mail) and the import's workbooks are opened or saved the same way.
import type { ApiInput } from '../../shared/api.ts'
import type { Delivery, DocumentResult } from '../../shared/documents.contract.ts'
import { PRINT_STOPPED_MESSAGE } from '../../shared/documents.labels.ts'
import type { ErrorInfo } from '../../shared/errors.ts'
import { invoke } from './api.ts'
import { downloadBase64 } from './components/fields.tsx'

export type DocumentMethod = 'documents.consentForms' | 'documents.noConsentList' | 'documents.classList' | 'documents.dossier' | 'campaigns.printForms' | 'campaigns.reminderList' | FileMethod

/**
 * Files opened or saved as they are, not to print: those kept in a pupil's file (a scan, a parent's
 * e-mail) and the import's workbooks (the rows with errors, the empty enrolment form).
 */
export type FileMethod = 'attachments.get' | 'mail.get' | 'imports.rejectedRows' | 'imports.template'
const FILE_METHODS: readonly DocumentMethod[] = ['attachments.get', 'mail.get', 'imports.rejectedRows', 'imports.template']

/** Whether 'Openen' is to print from (a made document) or to look at and work in (a file). */
export const opensToPrint = (method: DocumentMethod): boolean => !FILE_METHODS.includes(method)
export type DocumentInput<M extends DocumentMethod> = Omit<ApiInput<M>, 'delivery' | 'progressId'>

/** The documents made in batches of forms: they show a progress bar and can be stopped. */
export const isBatch = (method: DocumentMethod): boolean => method === 'documents.consentForms' || method === 'campaigns.printForms'

/** The desktop app (save dialog, system viewer) or the browser harness (downloads only). */
export const isDesktop = (): boolean => Boolean(window.api)

export type Outcome = { ok: true; message: string; result: DocumentResult } | { ok: false; error: ErrorInfo }

function describe(r: DocumentResult): string {
  if (r.delivered === 'cancelled') return 'Niet opgeslagen.'
  const what = `${r.fileName} (${r.count} ${r.countLabel})`
  if (r.delivered === 'saved') return `Opgeslagen: ${r.path} (${r.count} ${r.countLabel}).`
  if (r.delivered === 'opened') return `Geopend: ${what}. Druk af vanuit het venster dat nu opent.`
  return `Gedownload: ${what}. Open het bestand om het af te drukken.`
}

/** A file opened as it is: nothing to print; a mail opens in the mail program. */
function describeFile(r: DocumentResult): string {
  if (r.delivered === 'cancelled') return 'Niet opgeslagen.'
  if (r.delivered === 'saved') return `Opgeslagen: ${r.path}.`
  if (r.delivered === 'opened') return r.mimeType === 'message/rfc822' || r.mimeType === 'application/vnd.ms-outlook' ? `Geopend in het e-mailprogramma: ${r.fileName}.` : `Geopend: ${r.fileName}.`
  return `Gedownload: ${r.fileName}.`
}

/** A fresh progress id for one batch: to follow it and to stop it. */
export const newProgressId = (): string => `p-${crypto.randomUUID()}`

/** Asks the core to stop the batch `progressId`; its call then answers 'cancelled' (see makeDocument). */
export async function stopDocument(progressId: string): Promise<void> {
  await invoke('jobs.cancel', { progressId })
}

/**
 * Makes the document. With `batch` (a batch of forms) the call carries its progress id, and
 * `onProgress` gets (done, total) between pages; a stopped batch answers with PRINT_STOPPED_MESSAGE.
 */
export async function makeDocument<M extends DocumentMethod>(method: M, input: DocumentInput<M>, delivery: Delivery, batch?: { progressId: string; onProgress: (done: number, total: number) => void }): Promise<Outcome> {
  const progressId = batch && isBatch(method) ? batch.progressId : undefined
  const full = { ...input, delivery, ...(progressId ? { progressId } : {}) } as ApiInput<M>
  const state = { finished: false }
  const poll = async (id: string): Promise<void> => {
    while (!state.finished) {
      await new Promise((r) => setTimeout(r, 150))
      if (state.finished) break
      const p = await invoke('documents.progress', { progressId: id })
      if (p.ok && p.value.running && !state.finished) batch?.onProgress(p.value.done, p.value.total)
    }
  }
  const polling = progressId ? poll(progressId) : Promise.resolve()
  const r = await invoke(method, full)
  state.finished = true
  await polling
  if (!r.ok) return { ok: false, error: r.error.code === 'cancelled' ? { ...r.error, message: PRINT_STOPPED_MESSAGE } : r.error }
  const result = r.value as DocumentResult
  if (result.delivered === 'data') downloadBase64(result.fileName, result.mimeType, result.data)
  return { ok: true, message: opensToPrint(method) ? describe(result) : describeFile(result), result }
}

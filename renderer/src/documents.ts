// Making a document from the screen: call the method, ask for progress while a batch runs, and
// hand the result to the user (in the desktop app the main process saved or opened it; in the
// browser harness it comes back as bytes and is offered as a download).
import type { ApiInput } from '../../shared/api.ts'
import type { Delivery, DocumentResult } from '../../shared/documents.contract.ts'
import type { ErrorInfo } from '../../shared/errors.ts'
import { invoke } from './api.ts'
import { downloadBase64 } from './components/fields.tsx'

export type DocumentMethod = 'documents.consentForms' | 'documents.noConsentList' | 'documents.classList' | 'documents.dossier'
export type DocumentInput<M extends DocumentMethod> = Omit<ApiInput<M>, 'delivery' | 'progressId'>

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

/**
 * Makes the document. `onProgress` gets (done, total) while a batch of consent forms runs; the
 * main process answers 'documents.progress' between pages.
 */
export async function makeDocument<M extends DocumentMethod>(method: M, input: DocumentInput<M>, delivery: Delivery, onProgress?: (done: number, total: number) => void): Promise<Outcome> {
  const progressId = onProgress && method === 'documents.consentForms' ? `p-${crypto.randomUUID()}` : undefined
  const full = { ...input, delivery, ...(progressId ? { progressId } : {}) } as ApiInput<M>
  const state = { finished: false }
  const poll = async (id: string): Promise<void> => {
    while (!state.finished) {
      await new Promise((r) => setTimeout(r, 150))
      if (state.finished) break
      const p = await invoke('documents.progress', { progressId: id })
      if (p.ok && p.value.running && !state.finished) onProgress?.(p.value.done, p.value.total)
    }
  }
  const polling = progressId ? poll(progressId) : Promise.resolve()
  const r = await invoke(method, full)
  state.finished = true
  await polling
  if (!r.ok) return { ok: false, error: r.error }
  const result = r.value as DocumentResult
  if (result.delivered === 'data') downloadBase64(result.fileName, result.mimeType, result.data)
  return { ok: true, message: describe(result), result }
}

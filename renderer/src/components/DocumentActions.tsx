// The buttons that make documents on the print, group, pupil and no-consent pages; a batch of
// forms shows its progress with Stoppen (PrintJob). With `kept`, the same buttons for the files
// kept in a pupil's file (a proof's scan, a parent's e-mail) in the history and the dossier.
import { useState } from 'react'
import type { Delivery } from '../../../shared/documents.contract.ts'
import type { ErrorInfo } from '../../../shared/errors.ts'
import { isDesktop, opensToPrint, type DocumentInput, type DocumentMethod } from '../documents.ts'
import './document-actions.css'
import { usePrintJob } from './PrintJob.tsx'

export interface DocumentItem<M extends DocumentMethod = DocumentMethod> {
  /** What the buttons make, e.g. 'Klassenlijst (CSV voor Excel)'. */
  label: string
  method: M
  input: DocumentInput<M>
  /** A tooltip on the label (a kept file's SHA-256). */
  title?: string
}

/**
 * Buttons that make documents: in the desktop app 'Openen om af te drukken' (the system viewer,
 * print from there; a file such as a kept scan or a workbook just 'Openen') and 'Opslaan als…';
 * in the browser a download. One status line for all. `kept`: files kept in the register,
 * stacked under their name in a table cell, each button named after its file.
 */
export function DocumentActions({ items, compact = false, kept = false }: { items: DocumentItem[]; compact?: boolean; kept?: boolean }) {
  const [busy, setBusy] = useState<string>()
  const [message, setMessage] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const { run: make, progress } = usePrintJob()

  // By position: two kept files may have the same name and size.
  const run = async (at: number, item: DocumentItem, delivery: Delivery) => {
    setBusy(`${at}:${delivery}`)
    setMessage(undefined)
    setError(undefined)
    const outcome = await make(item.method, item.input as never, delivery)
    setBusy(undefined)
    if (outcome.ok) setMessage(outcome.message)
    else if (outcome.error.code === 'cancelled') setMessage(outcome.error.message)
    else setError(outcome.error)
  }

  const desktop = isDesktop()
  return (
    <div className={['doc-actions', compact || kept ? 'compact' : '', kept ? 'kept' : ''].filter(Boolean).join(' ')}>
      <ul>
        {items.map((item, at) => (
          <li key={`${at}:${item.label}`}>
            <span className="doc-label" title={item.title}>
              {item.label}
            </span>
            <span className="doc-buttons">
              {desktop ? (
                <>
                  <button
                    type="button"
                    disabled={busy !== undefined}
                    onClick={() => run(at, item, 'open')}
                    title={opensToPrint(item.method) ? 'Opent het document in het standaardprogramma; druk daar af.' : 'Opent het bestand in het standaardprogramma; een e-mail in het e-mailprogramma.'}
                    aria-label={kept ? `${item.label} openen` : undefined}
                  >
                    {busy === `${at}:open` ? 'Bezig…' : opensToPrint(item.method) ? 'Openen om af te drukken' : 'Openen'}
                  </button>
                  <button type="button" disabled={busy !== undefined} onClick={() => run(at, item, 'save')} aria-label={kept ? `${item.label} opslaan als` : undefined}>
                    {busy === `${at}:save` ? 'Bezig…' : 'Opslaan als…'}
                  </button>
                </>
              ) : (
                <button type="button" disabled={busy !== undefined} onClick={() => run(at, item, 'data')} aria-label={`${item.label} downloaden`}>
                  {busy === `${at}:data` ? 'Bezig…' : 'Downloaden'}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {progress}
      {message && (
        <p className="ok doc-status" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="error doc-status" role="alert">
          {error.message}
        </p>
      )}
    </div>
  )
}

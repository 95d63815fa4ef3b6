import { useState } from 'react'
import type { Delivery } from '../../../shared/documents.contract.ts'
import type { ErrorInfo } from '../../../shared/errors.ts'
import { isDesktop, makeDocument, type DocumentInput, type DocumentMethod } from '../documents.ts'
import './document-actions.css'
import { ProgressBar } from './ProgressBar.tsx'

export interface DocumentItem<M extends DocumentMethod = DocumentMethod> {
  /** What the buttons make, e.g. 'Klassenlijst (CSV voor Excel)'. */
  label: string
  method: M
  input: DocumentInput<M>
}

/**
 * Buttons that make documents: in the desktop app 'Openen om af te drukken' (the system viewer,
 * print from there) and 'Opslaan als…'; in the browser a download. One status line for all.
 */
export function DocumentActions({ items, compact = false }: { items: DocumentItem[]; compact?: boolean }) {
  const [busy, setBusy] = useState<string>()
  const [progress, setProgress] = useState<{ done: number; total: number }>()
  const [message, setMessage] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()

  const run = async (item: DocumentItem, delivery: Delivery) => {
    setBusy(`${item.label}:${delivery}`)
    setMessage(undefined)
    setError(undefined)
    setProgress(item.method === 'documents.consentForms' ? { done: 0, total: 0 } : undefined)
    const outcome = await makeDocument(item.method, item.input as never, delivery, (done, total) => setProgress({ done, total }))
    setBusy(undefined)
    setProgress(undefined)
    if (outcome.ok) setMessage(outcome.message)
    else setError(outcome.error)
  }

  const desktop = isDesktop()
  return (
    <div className={compact ? 'doc-actions compact' : 'doc-actions'}>
      <ul>
        {items.map((item) => (
          <li key={item.label}>
            <span className="doc-label">{item.label}</span>
            <span className="doc-buttons">
              {desktop ? (
                <>
                  <button type="button" disabled={busy !== undefined} onClick={() => run(item, 'open')} title="Opent het document in het standaardprogramma; druk daar af.">
                    {busy === `${item.label}:open` ? 'Bezig…' : 'Openen om af te drukken'}
                  </button>
                  <button type="button" disabled={busy !== undefined} onClick={() => run(item, 'save')}>
                    {busy === `${item.label}:save` ? 'Bezig…' : 'Opslaan als…'}
                  </button>
                </>
              ) : (
                <button type="button" disabled={busy !== undefined} onClick={() => run(item, 'data')} aria-label={`${item.label} downloaden`}>
                  {busy === `${item.label}:data` ? 'Bezig…' : 'Downloaden'}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {progress && <ProgressBar {...progress} />}
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

// One document being made from a screen, with the progress bar and 'Stoppen' of a batch of forms
// (the Afdrukken page's forms, a round's forms): the buttons that start documents share it, so each
// screen stops a print the same way, as the import preview is stopped (jobs.cancel by progress id).
import { useRef, useState, type ReactNode } from 'react'
import type { Delivery } from '../../../shared/documents.contract.ts'
import { isBatch, makeDocument, newProgressId, stopDocument, type DocumentInput, type DocumentMethod, type Outcome } from '../documents.ts'
import { ProgressBar } from './ProgressBar.tsx'
import './progress-bar.css'

interface Batch {
  progressId: string
  done: number
  total: number
  stopping: boolean
}

/** `run` makes a document (one at a time); `progress` is the bar with Stoppen while a batch runs, else null. */
export function usePrintJob(): { run: <M extends DocumentMethod>(method: M, input: DocumentInput<M>, delivery: Delivery) => Promise<Outcome>; progress: ReactNode } {
  const [batch, setBatch] = useState<Batch>()
  const running = useRef<string | undefined>(undefined)

  const run = async <M extends DocumentMethod>(method: M, input: DocumentInput<M>, delivery: Delivery): Promise<Outcome> => {
    const progressId = isBatch(method) ? newProgressId() : undefined
    running.current = progressId
    setBatch(progressId ? { progressId, done: 0, total: 0, stopping: false } : undefined)
    try {
      return await makeDocument(method, input, delivery, progressId ? { progressId, onProgress: (done, total) => setBatch((b) => (b?.progressId === progressId ? { ...b, done, total } : b)) } : undefined)
    } finally {
      running.current = undefined
      setBatch(undefined)
    }
  }
  const stop = () => {
    const id = running.current
    if (!id) return
    setBatch((b) => (b ? { ...b, stopping: true } : b))
    void stopDocument(id)
  }

  const progress = batch ? (
    <div className="print-progress">
      <ProgressBar done={batch.done} total={batch.total} />
      <button type="button" className="stop" disabled={batch.stopping} onClick={stop}>
        {batch.stopping ? 'Wordt gestopt…' : 'Stoppen'}
      </button>
    </div>
  ) : null
  return { run, progress }
}

// The busy / error / submit pattern of every form: one save at a time (a double click, a second
// Enter or Ctrl+Enter while the first request runs sends nothing, so the second never meets the
// version the first just raised: 'door iemand anders gewijzigd' beside 'Opgeslagen'), whether
// one runs (to disable the button), and the error of the last attempt for the form to show.
import { useCallback, useRef, useState, type FormEvent } from 'react'
import type { ErrorInfo } from '../../../shared/errors.ts'

export interface Save {
  /** Runs `work` unless a save of this form is still running; then it does nothing. */
  run: (work: () => Promise<void>) => Promise<void>
  /** A form's onSubmit: keeps the browser from sending the form itself, then run(work). */
  submit: (work: () => Promise<void>) => (e: FormEvent) => Promise<void>
  busy: boolean
  /** What went wrong the last time; the form clears it when a save succeeds. */
  error: ErrorInfo | undefined
  setError: (error: ErrorInfo | undefined) => void
}

export function useSave(): Save {
  const running = useRef(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorInfo>()
  const run = useCallback(async (work: () => Promise<void>) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      await work()
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  const submit = (work: () => Promise<void>) => (e: FormEvent) => {
    e.preventDefault()
    return run(work)
  }
  return { run, submit, busy, error, setError }
}

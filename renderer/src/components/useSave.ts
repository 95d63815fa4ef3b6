// One save at a time per form: a double click, a second Enter or Ctrl+Enter while the first
// request runs sends nothing, so the second never meets the version the first just raised
// ('door iemand anders gewijzigd' beside 'Opgeslagen').
import { useCallback, useRef, useState } from 'react'

export interface SingleSave {
  /** Runs `work` unless a save of this form is still running; then it does nothing. */
  run: (work: () => Promise<void>) => Promise<void>
  busy: boolean
}

export function useSingleSave(): SingleSave {
  const running = useRef(false)
  const [busy, setBusy] = useState(false)
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
  return { run, busy }
}

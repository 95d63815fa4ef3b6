// Every screen shows the register as it is now: after a restore, an import, a new school year,
// or a change by another window or the terminal, without a manual reload. A change made here
// is announced at once; a change made elsewhere is noticed by a cheap poll of the register's
// stamp (it moves with every commit of any connection, and with a restored file).
import { useEffect } from 'react'
import { invoke } from './api.ts'

const EVENT = 'register-changed'
const POLL_MS = 3_000

/** Tells every open screen to load its data again. */
export function announceRegisterChanged(): void {
  window.dispatchEvent(new Event(EVENT))
}

/** Calls `reload` whenever the register changed (not on mount). */
export function useRegisterChanges(reload: () => void): void {
  useEffect(() => {
    window.addEventListener(EVENT, reload)
    return () => window.removeEventListener(EVENT, reload)
  }, [reload])
}

/** Watches the register's stamp while the app is open; returns the stop function. */
export function watchRegister(): () => void {
  let last: string | undefined
  let stopped = false
  const check = async () => {
    const r = await invoke('app.info', {})
    if (stopped || !r.ok) return
    if (last !== undefined && r.value.registerStamp !== last) announceRegisterChanged()
    last = r.value.registerStamp
  }
  void check()
  const timer = setInterval(() => void check(), POLL_MS)
  // A change made in this window: take the new stamp without announcing it twice.
  const onChange = () => void check()
  window.addEventListener(EVENT, onChange)
  return () => {
    stopped = true
    clearInterval(timer)
    window.removeEventListener(EVENT, onChange)
  }
}

// A message that something went wrong, in the red of every error on the screens. `alert`
// makes a screen reader say it at once: for errors that come from what the user just did.
// `banner` sets it in the band across a form or a step (always an alert: it answers a click).
import type { ReactNode } from 'react'

export function ErrorText({ children, alert = false, banner = false }: { children: ReactNode; alert?: boolean; banner?: boolean }) {
  return (
    <p className={banner ? 'form-banner error' : 'error'} role={alert || banner ? 'alert' : undefined}>
      {children}
    </p>
  )
}

// A message that something went wrong, in the red of every error on the screens. `alert`
// makes a screen reader say it at once: for errors that come from what the user just did.
import type { ReactNode } from 'react'

export function ErrorText({ children, alert = false }: { children: ReactNode; alert?: boolean }) {
  return (
    <p className="error" role={alert ? 'alert' : undefined}>
      {children}
    </p>
  )
}

// The row of buttons under a form or a step: the main action first, then the others.
import type { ReactNode } from 'react'

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="actions">{children}</div>
}

// The row of buttons under a form or a step: the main action first, then the others. SaveActions
// is that row for a form that saves: its submit button, then 'Opgeslagen' or 'Annuleren'.
import type { ReactNode } from 'react'

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="actions">{children}</div>
}

export function SaveActions({ label = 'Opslaan', busy = false, saved = false, onCancel }: { label?: string; busy?: boolean; saved?: boolean; onCancel?: () => void }) {
  return (
    <FormActions>
      <button className="primary" type="submit" disabled={busy}>
        {label}
      </button>
      {saved && (
        <span className="ok" role="status">
          Opgeslagen
        </span>
      )}
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      )}
    </FormActions>
  )
}

// The app's own confirmation for a big step (rollover, removal, restore, leaving the demo,
// starting a round): a modal dialog that says what will happen in numbers and names, with the
// step's own button and 'Annuleren'. Escape or 'Annuleren' changes nothing.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { FormActions } from './FormActions.tsx'

export interface ConfirmList {
  /** '20 leerlingen verlaten de school op 31-07-2027:' */
  heading: string
  names: string[]
}

export interface ConfirmRequest {
  title: string
  /** What happens, one sentence each, with the numbers. */
  lines: string[]
  /** Who or what it concerns, by name. */
  lists?: ConfirmList[]
  confirmLabel: string
  danger?: boolean
}

const SHOWN = 40

function NameList({ list }: { list: ConfirmList }) {
  const [all, setAll] = useState(false)
  const names = all ? list.names : list.names.slice(0, SHOWN)
  return (
    <div className="confirm-list">
      <p>{list.heading}</p>
      <ul>
        {names.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      {list.names.length > names.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          en nog {list.names.length - names.length}: toon ze allemaal
        </button>
      )}
    </div>
  )
}

function Dialog({ request, onAnswer }: { request: ConfirmRequest; onAnswer: (yes: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault()
        onAnswer(false)
      }}
    >
      <h2 id="confirm-title">{request.title}</h2>
      {request.lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      {request.lists
        ?.filter((l) => l.names.length > 0)
        .map((l, i) => (
          <NameList key={i} list={l} />
        ))}
      <FormActions>
        <button type="button" className={request.danger ? 'danger' : 'primary'} onClick={() => onAnswer(true)}>
          {request.confirmLabel}
        </button>
        <button type="button" autoFocus onClick={() => onAnswer(false)}>
          Annuleren
        </button>
      </FormActions>
    </dialog>
  )
}

/** `const { dialog, ask } = useConfirm()`: render `dialog`, and `if (!(await ask({...}))) return`. */
export function useConfirm(): { dialog: ReactNode; ask: (request: ConfirmRequest) => Promise<boolean> } {
  const [pending, setPending] = useState<{ request: ConfirmRequest; resolve: (yes: boolean) => void }>()
  const ask = useCallback((request: ConfirmRequest) => new Promise<boolean>((resolve) => setPending({ request, resolve })), [])
  const dialog = pending ? (
    <Dialog
      request={pending.request}
      onAnswer={(yes) => {
        setPending(undefined)
        pending.resolve(yes)
      }}
    />
  ) : null
  return { dialog, ask }
}

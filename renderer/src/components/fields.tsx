import { useState, type ReactNode } from 'react'
import { parseDutchDate } from '../../../shared/dates.ts'
import { formatDate } from '../../../shared/domain.ts'
import type { ErrorInfo, Result } from '../../../shared/errors.ts'
import type { ChosenFile, FilePurpose } from '../../../shared/files.contract.ts'
import { choosesInMain, invoke, registerFiles } from '../api.ts'
import { ErrorText } from './ErrorText.tsx'

const isAbout = (field: string | undefined, name: string): boolean => field === name || field?.startsWith(`${name}.`) === true

/** The message of `error` about the field `name` (the first, or one of its other issues); undefined if none. */
export function fieldMessage(error: ErrorInfo | undefined, name: string): string | undefined {
  if (!error) return undefined
  if (isAbout(error.field, name)) return error.message
  return error.issues?.find((i) => isAbout(i.field, name))?.message
}

/** A labelled control with its Dutch error (when the error is about this field) or a hint. */
export function Field({ label, name, error, hint, children }: { label: string; name: string; error?: ErrorInfo; hint?: string; children: ReactNode }) {
  const mine = fieldMessage(error, name)
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {mine ? (
        <small className="error" role="alert">
          {mine}
        </small>
      ) : hint ? (
        <small>{hint}</small>
      ) : null}
    </label>
  )
}

/** What a form says, at the field, of a date that does not exist; nothing is saved while one is there. */
export const IMPOSSIBLE_DATE = 'Deze datum bestaat niet. Er is niets opgeslagen. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 28-02-2024.'

/**
 * The fields of a form whose typed date does not exist, as a validation error with every one of
 * them at its field; undefined when all dates are fine. A form checks this before it saves.
 */
export function impossibleDates(bad: Record<string, boolean>): ErrorInfo | undefined {
  const fields = Object.keys(bad).filter((k) => bad[k])
  if (fields.length === 0) return undefined
  return { code: 'validation', message: IMPOSSIBLE_DATE, field: fields[0], issues: fields.map((field) => ({ field, message: IMPOSSIBLE_DATE })) }
}

/**
 * A date typed the Dutch way (dd-mm-jjjj, also 7-4-2013 or 7 april 2013); the value is ISO.
 * An impossible date stays visible with a message instead of being lost, and `onBad` tells the
 * form, so that it saves nothing while the date cannot be read.
 */
export function DateInput({ name, value, onChange, invalid, onBad }: { name: string; value: string; onChange: (iso: string) => void; invalid?: boolean; onBad?: (bad: boolean) => void }) {
  const [text, setText] = useState(formatDate(value))
  const [bad, setBad] = useState(false)
  const [shown, setShown] = useState(value)
  if (value !== shown) {
    // The value changed from outside (another pupil loaded): show it.
    setShown(value)
    setText(formatDate(value))
    setBad(false)
  }
  return (
    <>
      <input
        name={name}
        value={text}
        placeholder="dd-mm-jjjj"
        inputMode="numeric"
        aria-invalid={bad || invalid}
        onChange={(e) => {
          const typed = e.target.value
          setText(typed)
          const iso = typed.trim() === '' ? '' : parseDutchDate(typed)
          setBad(iso === null)
          onBad?.(iso === null)
          if (iso !== null) {
            setShown(iso)
            onChange(iso)
          }
        }}
      />
      {bad && !invalid && <small className="error">Deze datum bestaat niet. Schrijf hem als dd-mm-jjjj.</small>}
    </>
  )
}

/** Offers a file that came back as data (the browser harness; the desktop app opens or saves in main) as a download. */
export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The files of a drop as tokens the core reads them by (the desktop app passes their paths, the harness uploads each once); undefined when nothing was dropped. */
export async function droppedFiles(transfer: DataTransfer): Promise<Result<ChosenFile[]> | undefined> {
  const files = [...transfer.files]
  if (files.length === 0) return undefined
  return registerFiles(files.map((file) => ({ file, name: file.name })))
}

/** The first file of a drop as a token the core reads it by; undefined when nothing was dropped. */
export async function droppedFile(transfer: DataTransfer): Promise<Result<ChosenFile> | undefined> {
  const file = transfer.files[0]
  if (!file) return undefined
  const r = await registerFiles([{ file, name: file.name }])
  return r.ok ? { ok: true, value: r.value[0] as ChosenFile } : r
}

/**
 * Files from outside (a mail, a logo, a signed form's scan, a dossier's attachments), chosen as the
 * import and scan screens choose theirs: in the desktop app main's open dialog (files.choose, with
 * the purpose's file types), in the web harness the browser's file input (each file uploaded once).
 * Either way the page gets tokens, never the bytes. `onChosen` is not called when the dialog is
 * cancelled.
 */
export function ChooseFiles({
  purpose,
  label,
  accept,
  multiple,
  disabled,
  invalid,
  onChosen,
}: {
  purpose: FilePurpose
  label: string
  accept: string
  multiple?: boolean
  disabled?: boolean
  invalid?: boolean
  onChosen: (r: Result<ChosenFile[]>) => void
}) {
  if (choosesInMain) {
    const choose = async () => {
      const r = await invoke('files.choose', { purpose })
      if (!r.ok) return onChosen(r)
      if (r.value.files.length > 0) onChosen({ ok: true, value: multiple ? r.value.files : r.value.files.slice(0, 1) })
    }
    return (
      <button type="button" disabled={disabled} aria-invalid={invalid} onClick={() => void choose()}>
        {label}
      </button>
    )
  }
  const open = (e: { currentTarget: HTMLElement }) => e.currentTarget.parentElement?.querySelector<HTMLInputElement>('input[type=file]')?.click()
  return (
    <span className="file-picker">
      <span
        className="button-like"
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled}
        onClick={(e) => !disabled && open(e)}
        onKeyDown={(e) => {
          if (disabled || (e.key !== 'Enter' && e.key !== ' ')) return
          e.preventDefault()
          open(e)
        }}
      >
        {label}
      </span>
      <input
        type="file"
        hidden
        accept={accept}
        multiple={multiple}
        aria-label={label.replace(/…$/, '')}
        aria-invalid={invalid}
        disabled={disabled}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])]
          e.currentTarget.value = ''
          if (files.length > 0) void registerFiles(files.map((file) => ({ file, name: file.name }))).then(onChosen)
        }}
      />
    </span>
  )
}

/** One file from outside (a mail, a logo): ChooseFiles for a single file. */
export function ChooseFile({ onChosen, ...props }: Omit<Parameters<typeof ChooseFiles>[0], 'multiple' | 'onChosen'> & { onChosen: (r: Result<ChosenFile>) => void }) {
  return <ChooseFiles {...props} onChosen={(r) => onChosen(r.ok ? { ok: true, value: r.value[0] as ChosenFile } : r)} />
}

/**
 * The message of an error that no field of this form shows: a general one, or one about a field
 * that is not on this form (e.g. 'staffName': fill in your name at Instellingen first).
 */
export function FormError({ error, fields }: { error: ErrorInfo | undefined; fields: readonly string[] }) {
  const atField = error?.field !== undefined && fields.some((f) => isAbout(error.field, f))
  if (!error || atField) return null
  return <ErrorText alert>{error.message}</ErrorText>
}

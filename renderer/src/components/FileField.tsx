// A form's field for files kept with what it saves (the scan of a signed form, a dossier entry's
// attachments): chosen with its button or dropped on it, held as tokens (the core reads each file
// where it lies when the form is saved). A file over 20 MB is refused at once, by the size the core
// measured when it was chosen, with the same Dutch message the core gives; nothing is kept of it.
import type { DragEvent } from 'react'
import { attachmentTooLargeMessage, MAX_ATTACHMENT_BYTES } from '../../../shared/domain.ts'
import type { ErrorInfo, Result } from '../../../shared/errors.ts'
import type { ChosenFile, FilePurpose } from '../../../shared/files.contract.ts'
import { ChooseFiles, droppedFiles, fieldMessage } from './fields.tsx'

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'

export function FileField({
  label,
  name,
  purpose,
  multiple,
  files,
  error,
  onChange,
  onRefused,
}: {
  label: string
  /** The input field the core names in its errors ('attachment', 'attachments'). */
  name: string
  purpose: FilePurpose
  multiple?: boolean
  files: readonly ChosenFile[]
  error: ErrorInfo | undefined
  /** The files now chosen (a new choice replaces the one before). */
  onChange: (files: ChosenFile[]) => void
  /** A choice that is not kept: too large, or the file could not be handed to the program. */
  onRefused: (error: ErrorInfo) => void
}) {
  const mine = fieldMessage(error, name)
  const take = (r: Result<ChosenFile[]> | undefined) => {
    if (!r) return
    if (!r.ok) return onRefused({ ...r.error, field: name })
    const tooLarge = r.value.find((f) => f.size > MAX_ATTACHMENT_BYTES)
    if (tooLarge) return onRefused({ code: 'validation', field: name, message: attachmentTooLargeMessage(tooLarge.name.replace(/^.*[\\/]/, '')) })
    onChange(multiple ? r.value : r.value.slice(0, 1))
  }
  const drop = (e: DragEvent) => {
    e.preventDefault()
    void droppedFiles(e.dataTransfer).then(take)
  }
  return (
    <div className="field file-field" role="group" aria-label={label} onDragOver={(e) => e.preventDefault()} onDrop={drop}>
      <span>{label}</span>
      <span className="file-picker">
        <ChooseFiles purpose={purpose} label={multiple ? 'Bestanden kiezen…' : 'Bestand kiezen…'} accept={ACCEPT} multiple={multiple} invalid={mine !== undefined} onChosen={take} />
        <span className="file-names">{files.length > 0 ? files.map((f) => f.name).join(', ') : multiple ? 'Geen bestanden gekozen' : 'Geen bestand gekozen'}</span>
      </span>
      {mine ? (
        <small className="error" role="alert">
          {mine}
        </small>
      ) : (
        <small>{multiple ? 'Kies de bestanden of sleep ze hierheen.' : 'Kies het bestand of sleep het hierheen.'}</small>
      )}
    </div>
  )
}

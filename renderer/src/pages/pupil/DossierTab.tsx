// The pupil's Dossier tab: notes and correspondence, and a new entry with its attachments (chosen
// or dropped: the page holds their tokens, the core reads each file where it lies on save).
import { useState } from 'react'
import { formatDate, localIsoDate, type PupilDetail } from '../../../../shared/domain.ts'
import type { ChosenFile } from '../../../../shared/files.contract.ts'
import { invoke } from '../../api.ts'
import { DateInput, Field, FormError, impossibleDates } from '../../components/fields.tsx'
import { FileField } from '../../components/FileField.tsx'
import { useSave } from '../../components/useSave.ts'
import { useLoad } from '../../useLoad.ts'
import { KeptFiles } from './KeptFiles.tsx'
import { SaveActions } from '../../components/FormActions.tsx'

const KINDS = ['notitie', 'brief', 'e-mail', 'gesprek', 'besluit', 'incident']

/** The pupil's file: notes and correspondence, with attachments. */
export function DossierTab({ pupil }: { pupil: PupilDetail }) {
  const [tick, setTick] = useState(0)
  const entries = useLoad('dossier.list', { pupilId: pupil.id }, String(tick))
  const [form, setForm] = useState(() => ({ entryDate: localIsoDate(new Date()), kind: 'notitie', title: '', body: '' }))
  const [files, setFiles] = useState<ChosenFile[]>([])
  const [adding, setAdding] = useState(false)
  const [badDate, setBadDate] = useState(false)
  const saving = useSave()
  const { error, setError } = saving

  const save = saving.submit(async () => {
    const bad = impossibleDates({ entryDate: badDate })
    if (bad) return setError(bad)
    const attachments = files.map((f) => ({ token: f.token }))
    const r = await invoke('dossier.save', { pupilId: pupil.id, ...form, attachments })
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setAdding(false)
    setFiles([])
    setForm({ ...form, title: '', body: '' })
    setTick((t) => t + 1)
  })

  return (
    <>
      <div className="toolbar">
        {!adding && (
          <button className="primary" onClick={() => setAdding(true)}>
            Stuk toevoegen
          </button>
        )}
      </div>
      {adding && (
        <form className="card" onSubmit={save}>
          <h2>Nieuw stuk in het dossier</h2>
          <div className="row three">
            <Field label="Datum" name="entryDate" error={error}>
              <DateInput name="entryDate" value={form.entryDate} invalid={error?.field === 'entryDate'} onBad={setBadDate} onChange={(v) => setForm({ ...form, entryDate: v })} />
            </Field>
            <Field label="Soort" name="kind" error={error}>
              <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                {KINDS.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            </Field>
            <Field label="Titel" name="title" error={error}>
              <input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            </Field>
          </div>
          <Field label="Tekst" name="body" error={error}>
            <textarea rows={4} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
          </Field>
          <FileField
            label="Bijlagen (PDF, JPG, PNG; hoogstens 20 MB per bestand)"
            name="attachments"
            purpose="dossier"
            multiple
            files={files}
            error={error}
            onChange={(chosen) => {
              setError(undefined)
              setFiles(chosen)
            }}
            onRefused={(e) => {
              setFiles([])
              setError(e)
            }}
          />
          <FormError error={error} fields={['entryDate', 'kind', 'title', 'body', 'attachments']} />
          <SaveActions label="Opslaan in dossier" busy={saving.busy} onCancel={() => setAdding(false)} />
        </form>
      )}
      {entries.data?.length === 0 && !adding && <p className="empty">Het dossier is nog leeg.</p>}
      {entries.data?.map((e) => (
        <article key={e.id} className="card dossier-entry">
          <header>
            <span className="tag">{e.kind}</span> <strong>{e.title}</strong>
            <span className="muted">
              {' '}
              · {formatDate(e.entryDate)} · {e.createdBy}
            </span>
          </header>
          {e.body && <p className="body">{e.body}</p>}
          {(e.attachments.length > 0 || e.mail) && (
            <div className="attachments">
              <KeptFiles attachments={e.attachments} mail={e.mail} />
            </div>
          )}
        </article>
      ))}
    </>
  )
}

import { useState, type FormEvent } from 'react'
import type { Purpose } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'
import { useSave } from '../../components/useSave.ts'
import { Field, FormError } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

type Form = { label: string; description: string; sortOrder: string; active: boolean }

function PurposeEditor({ purpose, onDone, onCancel }: { purpose?: Purpose; onDone: () => void; onCancel: () => void }) {
  const [form, setForm] = useState<Form>({
    label: purpose?.label ?? '',
    description: purpose?.description ?? '',
    sortOrder: purpose ? String(purpose.sortOrder) : '',
    active: purpose?.active ?? true,
  })
  // The row version the form was filled from, whatever the list shows by the time it is saved.
  const [rowVersion] = useState(purpose?.rowVersion)
  const reworded = purpose !== undefined && (form.label.trim() !== purpose.label || form.description.trim() !== purpose.description)
  const saving = useSave()
  const { error, setError } = saving
  const save = (e: FormEvent) => {
    e.preventDefault()
    return saving.run(async () => {
      const input = { label: form.label, description: form.description, active: form.active, sortOrder: form.sortOrder === '' ? undefined : Number(form.sortOrder) }
      const r = await invoke('purposes.save', purpose ? { ...input, id: purpose.id, rowVersion: rowVersion ?? purpose.rowVersion } : input)
      if (!r.ok) return setError(r.error)
      onDone()
    })
  }
  return (
    <form className="card" onSubmit={save}>
      <h2>{purpose ? `Doel wijzigen: ${purpose.label}` : 'Nieuw doel'}</h2>
      <Field label="Naam van het doel" name="label" error={error}>
        <input name="label" value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} />
      </Field>
      <Field label="Omschrijving (staat op het toestemmingsformulier)" name="description" error={error}>
        <textarea name="description" rows={3} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
      </Field>
      <div className="row two">
        <Field label="Volgorde" name="sortOrder" error={error} hint="Lager staat eerder op het formulier.">
          <input name="sortOrder" inputMode="numeric" value={form.sortOrder} onChange={(e) => setForm({ ...form, sortOrder: e.target.value.replace(/\D/g, '') })} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
          In gebruik (staat op formulieren en lijsten)
        </label>
      </div>
      {reworded && (
        <p className="warning" role="note">
          U wijzigt de tekst van dit doel. Antwoorden die ouders op de oude tekst gaven blijven bewaard, maar worden gemarkeerd als 'opnieuw vragen'.
        </p>
      )}
      <FormError error={error} fields={['label', 'description', 'sortOrder']} />
      <FormActions>
        <button className="primary" type="submit" disabled={saving.busy}>
          Opslaan
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </FormActions>
    </form>
  )
}

/** The purposes the school asks consent for: wording, order, in use; each wording is kept as a version. */
export function PurposesPage() {
  const purposes = useLoad('purposes.list', { includeInactive: true })
  const [editing, setEditing] = useState<number | 'new'>()
  const done = () => {
    setEditing(undefined)
    purposes.reload()
  }
  return (
    <>
      <h1>Doelen</h1>
      <p className="lead-small">Waarvoor de school toestemming vraagt. Een doel dat niet meer in gebruik is, blijft in de geschiedenis staan.</p>
      {editing === 'new' ? (
        <PurposeEditor onDone={done} onCancel={() => setEditing(undefined)} />
      ) : (
        <div className="toolbar">
          <button className="primary" onClick={() => setEditing('new')}>
            Doel toevoegen
          </button>
        </div>
      )}
      {purposes.error && <ErrorText>{purposes.error}</ErrorText>}
      <table className="list">
        <thead>
          <tr>
            <th>Doel</th>
            <th>Omschrijving</th>
            <th className="num">Versie</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {purposes.data?.map((p) =>
            editing === p.id ? (
              <tr key={p.id}>
                <td colSpan={5}>
                  <PurposeEditor purpose={p} onDone={done} onCancel={() => setEditing(undefined)} />
                </td>
              </tr>
            ) : (
              <tr key={p.id} className={p.active ? undefined : 'inactive'}>
                <td>
                  <strong>{p.label}</strong>
                  <div className="muted code">{p.code}</div>
                </td>
                <td className="muted">{p.description}</td>
                <td className="num">{p.version}</td>
                <td>{p.active ? 'In gebruik' : 'Niet in gebruik'}</td>
                <td>
                  <button onClick={() => setEditing(p.id)}>Wijzigen</button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </>
  )
}

import { useState } from 'react'
import type { Purpose } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'
import { useSave } from '../../components/useSave.ts'
import { Field, FormError } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { SaveActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'
import { ListTable } from '../../components/ListTable.tsx'

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
  const save = saving.submit(async () => {
    const input = { label: form.label, description: form.description, active: form.active, sortOrder: form.sortOrder === '' ? undefined : Number(form.sortOrder) }
    const r = await invoke('purposes.save', purpose ? { ...input, id: purpose.id, rowVersion: rowVersion ?? purpose.rowVersion } : input)
    if (!r.ok) return setError(r.error)
    onDone()
  })
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
      <SaveActions busy={saving.busy} onCancel={onCancel} />
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
      <ListTable
        rows={purposes.data}
        rowKey={(p) => p.id}
        rowClassName={(p) => (p.active ? undefined : 'inactive')}
        renderOpened={(p) => editing === p.id && <PurposeEditor purpose={p} onDone={done} onCancel={() => setEditing(undefined)} />}
        columns={[
          {
            header: 'Doel',
            render: (p) => (
              <>
                <strong>{p.label}</strong>
                <div className="muted code">{p.code}</div>
              </>
            ),
          },
          { header: 'Omschrijving', className: 'muted', render: (p) => p.description },
          { header: 'Versie', headerClassName: 'num', className: 'num', render: (p) => p.version },
          { header: 'Status', render: (p) => (p.active ? 'In gebruik' : 'Niet in gebruik') },
          { render: (p) => <button onClick={() => setEditing(p.id)}>Wijzigen</button> },
        ]}
      />
    </>
  )
}

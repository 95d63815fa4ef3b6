import { useState } from 'react'
import type { Guardian, PupilDetail } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'
import { Field, FormError, fieldMessage } from '../../components/fields.tsx'
import { useSave } from '../../components/useSave.ts'
import { FormActions, SaveActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

type GuardianForm = { name: string; relation: string; email: string; phone: string; inGroupApp: boolean; preferredChannel: 'app' | 'email' }
const EMPTY: GuardianForm = { name: '', relation: '', email: '', phone: '', inGroupApp: true, preferredChannel: 'app' }

function GuardianEditor({ pupil, guardian, onDone, onCancel }: { pupil: PupilDetail; guardian?: Guardian; onDone: () => void; onCancel: () => void }) {
  const [form, setForm] = useState<GuardianForm>(guardian ? { ...guardian } : EMPTY)
  // The version the form was filled from: a guardian reloaded meanwhile may show a change this form does not.
  const [version] = useState(guardian?.version)
  const saving = useSave()
  const { error, setError } = saving
  const save = saving.submit(async () => {
    const input = { name: form.name, relation: form.relation, email: form.email, phone: form.phone, inGroupApp: form.inGroupApp, preferredChannel: form.preferredChannel, pupilId: pupil.id }
    const r = await invoke('guardians.save', guardian ? { ...input, id: guardian.id, version: version ?? guardian.version } : input)
    if (!r.ok) return setError(r.error)
    onDone()
  })
  const text = (key: 'name' | 'relation' | 'email' | 'phone', label: string, hint?: string) => (
    <Field label={label} name={key} error={error} hint={hint}>
      <input name={key} value={form[key]} aria-invalid={fieldMessage(error, key) !== undefined} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </Field>
  )
  return (
    <form className="guardian-editor" onSubmit={save}>
      <div className="row two">
        {text('name', 'Naam')}
        {text('relation', 'Relatie', 'bijv. moeder, vader, verzorger')}
      </div>
      <div className="row two">
        {text('email', 'E-mail')}
        {text('phone', 'Telefoon')}
      </div>
      <label className="check">
        <input type="checkbox" checked={form.inGroupApp} onChange={(e) => setForm({ ...form, inGroupApp: e.target.checked, preferredChannel: e.target.checked ? form.preferredChannel : 'email' })} />
        Zit in de groepsapp van de klas
      </label>
      <label className="field inline">
        <span>Nieuws liefst via</span>
        <select value={form.preferredChannel} onChange={(e) => setForm({ ...form, preferredChannel: e.target.value as 'app' | 'email' })}>
          <option value="app">de app</option>
          <option value="email">e-mail</option>
        </select>
      </label>
      {guardian && guardian.otherPupils.length > 0 && <p className="hint">Wijzigingen gelden ook voor {guardian.otherPupils.map((p) => p.name).join(', ')}.</p>}
      <FormError error={error} fields={['name', 'relation', 'email', 'phone']} />
      <SaveActions busy={saving.busy} onCancel={onCancel} />
    </form>
  )
}

function LinkExisting({ pupil, onDone }: { pupil: PupilDetail; onDone: (p: PupilDetail) => void }) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<(Guardian & { pupils: string })[]>([])
  const [error, setError] = useState<string>()
  const search = async (q: string) => {
    setQuery(q)
    const r = await invoke('guardians.search', { query: q })
    setHits(r.ok ? r.value.filter((g) => !pupil.guardians.some((x) => x.id === g.id)) : [])
  }
  const link = async (g: Guardian) => {
    const r = await invoke('guardians.link', { pupilId: pupil.id, guardianId: g.id, relation: '' })
    if (r.ok) onDone(r.value)
    else setError(r.error.message)
  }
  return (
    <div className="link-existing">
      <input type="search" value={query} placeholder="Zoek een bekende ouder (broer of zus op school): naam, e-mail of telefoon" aria-label="Zoek bekende ouder" onChange={(e) => void search(e.target.value)} />
      {hits.map((g) => (
        <div key={g.id} className="hit">
          <span>
            <strong>{g.name}</strong> {g.pupils && <small>ouder van {g.pupils}</small>}
          </span>
          <button type="button" onClick={() => void link(g)}>
            Koppelen
          </button>
        </div>
      ))}
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  )
}

/** Guardians of the pupil; one guardian is shared by siblings. */
export function GuardiansSection({ pupil, onChanged }: { pupil: PupilDetail; onChanged: (p: PupilDetail) => void }) {
  const [editing, setEditing] = useState<number | 'new' | 'link'>()
  const [error, setError] = useState<string>()
  const reload = async () => {
    setEditing(undefined)
    const r = await invoke('pupils.get', { id: pupil.id })
    if (r.ok) onChanged(r.value)
  }
  const unlink = async (g: Guardian) => {
    if (!confirm(`${g.name} loskoppelen van deze leerling? De gegevens van ${g.name} blijven bewaard${g.otherPupils.length ? ' bij de andere kinderen' : ''}.`)) return
    const r = await invoke('guardians.unlink', { pupilId: pupil.id, guardianId: g.id })
    if (r.ok) onChanged(r.value)
    else setError(r.error.message)
  }
  return (
    <section className="card">
      <h2>Ouders/verzorgers</h2>
      {pupil.guardians.length === 0 && <p className="empty-small">Nog geen ouders/verzorgers vastgelegd.</p>}
      {pupil.guardians.map((g) =>
        editing === g.id ? (
          <GuardianEditor key={g.id} pupil={pupil} guardian={g} onDone={() => void reload()} onCancel={() => setEditing(undefined)} />
        ) : (
          <div key={g.id} className="guardian">
            <div>
              <strong>{g.name}</strong> {g.relation && <span className="muted">({g.relation})</span>}
              <div className="muted">{[g.email, g.phone].filter(Boolean).join(' · ') || 'geen contactgegevens'}</div>
              <div className="tags">
                {g.inGroupApp ? <span className="tag">in de groepsapp</span> : <span className="tag warn">niet in de groepsapp: informeren per e-mail</span>}
                {g.otherPupils.length > 0 && <span className="tag">ook ouder van {g.otherPupils.map((p) => p.name).join(', ')}</span>}
              </div>
            </div>
            <div className="guardian-actions">
              <button type="button" onClick={() => setEditing(g.id)}>
                Wijzigen
              </button>
              <button type="button" onClick={() => void unlink(g)}>
                Loskoppelen
              </button>
            </div>
          </div>
        ),
      )}
      {editing === 'new' && <GuardianEditor pupil={pupil} onDone={() => void reload()} onCancel={() => setEditing(undefined)} />}
      {editing === 'link' && (
        <LinkExisting
          pupil={pupil}
          onDone={(p) => {
            setEditing(undefined)
            onChanged(p)
          }}
        />
      )}
      {error && <ErrorText>{error}</ErrorText>}
      {editing === undefined && (
        <FormActions>
          <button type="button" onClick={() => setEditing('new')}>
            Ouder/verzorger toevoegen
          </button>
          <button type="button" onClick={() => setEditing('link')}>
            Bekende ouder koppelen
          </button>
        </FormActions>
      )}
    </section>
  )
}

import { useState, type FormEvent } from 'react'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { invoke } from '../../api.ts'
import { CoverageBar } from '../../components/CoverageBar.tsx'
import { Field } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { Legend } from '../group/GroupPage.tsx'
import '../no-consent/no-consent.css'

function NewGroup({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState({ name: '', teacherName: '', teacherEmail: '' })
  const [error, setError] = useState<ErrorInfo>()
  const save = async (e: FormEvent) => {
    e.preventDefault()
    const r = await invoke('groups.save', form)
    if (!r.ok) return setError(r.error)
    setForm({ name: '', teacherName: '', teacherEmail: '' })
    setError(undefined)
    onDone()
  }
  return (
    <form className="card" onSubmit={save}>
      <h2>Groep toevoegen aan dit schooljaar</h2>
      <div className="row three">
        <Field label="Naam van de groep" name="name" error={error} hint="bijv. 1/2a, 5 of 8b">
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field label="Leerkracht" name="teacherName" error={error}>
          <input name="teacherName" value={form.teacherName} onChange={(e) => setForm({ ...form, teacherName: e.target.value })} />
        </Field>
        <Field label="E-mail leerkracht" name="teacherEmail" error={error}>
          <input name="teacherEmail" value={form.teacherEmail} onChange={(e) => setForm({ ...form, teacherEmail: e.target.value })} />
        </Field>
      </div>
      {error && !error.field && <p className="error">{error.message}</p>}
      <div className="actions">
        <button className="primary" type="submit">
          Groep toevoegen
        </button>
      </div>
    </form>
  )
}

/** Every group of this school year, with its coverage per purpose at a glance. */
export function GroupsPage() {
  const overview = useLoad('groups.overview', {})
  const [adding, setAdding] = useState(false)
  const groups = overview.data?.groups ?? []
  const total = groups.reduce((sum, g) => sum + g.pupilCount, 0)
  return (
    <>
      <div className="page-head">
        <h1>Groepen</h1>
        <button onClick={() => setAdding(!adding)}>{adding ? 'Sluiten' : 'Groep toevoegen'}</button>
      </div>
      {adding && (
        <NewGroup
          onDone={() => {
            setAdding(false)
            overview.reload()
          }}
        />
      )}
      {overview.error && (
        <p className="error" role="alert">
          {overview.error}
        </p>
      )}
      {overview.data === undefined ? null : groups.length === 0 ? (
        <p className="empty">Nog geen groepen in dit schooljaar. Voeg een groep toe of importeer inschrijfformulieren.</p>
      ) : (
        <section className="card">
          <div className="grid-head">
            <p className="muted">Per groep en doel: hoeveel leerlingen toestemming hebben, geweigerd zijn of nog geen antwoord gaven.</p>
            <Legend />
          </div>
          <div className="table-wide">
            <table className="list compact groups-overview">
              <thead>
                <tr>
                  <th>Groep</th>
                  <th>Leerkracht</th>
                  <th className="num">Leerlingen</th>
                  {overview.data.purposes.map((p) => (
                    <th key={p.id} className="rotated" title={p.label}>
                      <span>{p.label}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.id}>
                    <td className="nowrap">
                      <a href={`#/groep/${g.id}`}>{g.name}</a>
                    </td>
                    <td>{g.teacherName || <span className="muted">nog niet ingevuld</span>}</td>
                    <td className="num">{g.pupilCount}</td>
                    {g.coverage.map((c) => (
                      <td key={c.purposeId} className="bar-cell">
                        <CoverageBar coverage={c} width={64} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={2}>
                    Totaal {groups.length} {groups.length === 1 ? 'groep' : 'groepen'}
                  </td>
                  <td className="num">{total}</td>
                  <td colSpan={overview.data.purposes.length} />
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      )}
    </>
  )
}

// Next year's groups in the rollover preview: name, year levels, teacher; add or drop a group.
import type { GroupRow, Outcome } from './rollover-state.ts'
import { FormActions } from '../../components/FormActions.tsx'

export function RolloverGroups({ rows, outcomes, onChange }: { rows: GroupRow[]; outcomes: Outcome[]; onChange: (rows: GroupRow[]) => void }) {
  const set = (key: number, patch: Partial<GroupRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const count = (name: string) => outcomes.filter((o) => o.target !== null && o.target === name.trim()).length
  const add = () => onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, name: '', teacherName: '', teacherEmail: '', levelsText: '' }])
  return (
    <section className="card">
      <h2>Groepen volgend jaar</h2>
      <p className="muted">Pas de namen, leerjaren en leerkrachten aan zoals de school volgend jaar is ingedeeld. Een combinatiegroep heeft twee leerjaren, bijvoorbeeld 1/2.</p>
      <table className="list compact rollover">
        <thead>
          <tr>
            <th>Groep</th>
            <th>Leerjaren</th>
            <th>Leerkracht</th>
            <th className="num">Leerlingen volgend jaar</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>
                <input aria-label={`Naam van groep ${r.name || 'nieuw'}`} value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Leerjaren van groep ${r.name}`} value={r.levelsText} placeholder="bijv. 1/2" onChange={(e) => set(r.key, { levelsText: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Leerkracht van groep ${r.name}`} value={r.teacherName} placeholder="later invullen kan ook" onChange={(e) => set(r.key, { teacherName: e.target.value })} />
              </td>
              <td className="num">{count(r.name)}</td>
              <td>
                <button type="button" aria-label={`Groep ${r.name} vervalt`} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
                  Vervalt
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormActions>
        <button type="button" onClick={add}>
          Groep toevoegen
        </button>
      </FormActions>
    </section>
  )
}

// Next year's groups in the rollover preview: name, year levels, teacher; add or drop a group.
import type { GroupRow, Outcome } from './rollover-state.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { ListTable } from '../../components/ListTable.tsx'

export function RolloverGroups({ rows, outcomes, onChange }: { rows: GroupRow[]; outcomes: Outcome[]; onChange: (rows: GroupRow[]) => void }) {
  const set = (key: number, patch: Partial<GroupRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const count = (name: string) => outcomes.filter((o) => o.target !== null && o.target === name.trim()).length
  const add = () => onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, name: '', teacherName: '', teacherEmail: '', levelsText: '' }])
  return (
    <section className="card">
      <h2>Groepen volgend jaar</h2>
      <p className="muted">Pas de namen, leerjaren en leerkrachten aan zoals de school volgend jaar is ingedeeld. Een combinatiegroep heeft twee leerjaren, bijvoorbeeld 1/2.</p>
      <ListTable
        className="compact rollover"
        rows={rows}
        rowKey={(r) => r.key}
        columns={[
          { header: 'Groep', render: (r) => <input aria-label={`Naam van groep ${r.name || 'nieuw'}`} value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} /> },
          { header: 'Leerjaren', render: (r) => <input aria-label={`Leerjaren van groep ${r.name}`} value={r.levelsText} placeholder="bijv. 1/2" onChange={(e) => set(r.key, { levelsText: e.target.value })} /> },
          {
            header: 'Leerkracht',
            render: (r) => <input aria-label={`Leerkracht van groep ${r.name}`} value={r.teacherName} placeholder="later invullen kan ook" onChange={(e) => set(r.key, { teacherName: e.target.value })} />,
          },
          { header: 'Leerlingen volgend jaar', headerClassName: 'num', className: 'num', render: (r) => count(r.name) },
          {
            render: (r) => (
              <button type="button" aria-label={`Groep ${r.name} vervalt`} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
                Vervalt
              </button>
            ),
          },
        ]}
      />
      <FormActions>
        <button type="button" onClick={add}>
          Groep toevoegen
        </button>
      </FormActions>
    </section>
  )
}

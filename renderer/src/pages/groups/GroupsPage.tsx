import { useState } from 'react'
import { CoverageBar, CoverageLegend } from '../../components/CoverageBar.tsx'
import { purposeColumns } from '../../components/PurposeHeaders.tsx'
import { ListTable } from '../../components/ListTable.tsx'
import { useLoad } from '../../useLoad.ts'
import { GroupForm } from '../../components/GroupForm.tsx'
import '../../components/consent-overview.css'
import type { GroupOverview } from '../../../../shared/domain.ts'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'

type GroupRow = GroupOverview['groups'][number]

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
        <GroupForm
          onSaved={() => {
            setAdding(false)
            overview.reload()
          }}
        />
      )}
      {overview.error && <ErrorText alert>{overview.error}</ErrorText>}
      {overview.data === undefined ? null : groups.length === 0 ? (
        <p className="empty">Nog geen groepen in dit schooljaar. Voeg een groep toe of importeer inschrijfformulieren.</p>
      ) : (
        <section className="card">
          <div className="grid-head">
            <p className="muted">Per groep en doel: hoeveel leerlingen toestemming hebben, geweigerd zijn of nog geen antwoord gaven.</p>
            <CoverageLegend />
          </div>
          <div className="table-wide">
            <ListTable
              className="compact groups-overview"
              rows={groups}
              rowKey={(g) => g.id}
              columns={[
                { header: 'Groep', className: 'nowrap', render: (g) => <a href={href({ name: 'group', id: g.id })}>{g.name}</a> },
                { header: 'Leerkracht', render: (g) => g.teacherName || <span className="muted">nog niet ingevuld</span> },
                { header: 'Leerlingen', className: 'num', headerClassName: 'num', render: (g) => g.pupilCount },
                ...purposeColumns<GroupRow>(overview.data.purposes, {
                  className: 'bar-cell',
                  render: (g, p) => {
                    const c = g.coverage.find((x) => x.purposeId === p.id)
                    return c && <CoverageBar coverage={c} width={64} />
                  },
                }),
              ]}
              footer={
                <tr>
                  <td colSpan={2}>
                    Totaal {groups.length} {groups.length === 1 ? 'groep' : 'groepen'}
                  </td>
                  <td className="num">{total}</td>
                  <td colSpan={overview.data.purposes.length} />
                </tr>
              }
            />
          </div>
        </section>
      )}
    </>
  )
}

import { useState } from 'react'
import { CoverageBar, CoverageLegend } from '../../components/CoverageBar.tsx'
import { PurposeHeaders } from '../../components/PurposeHeaders.tsx'
import { useLoad } from '../../useLoad.ts'
import { GroupForm } from '../../components/GroupForm.tsx'
import '../../components/consent-overview.css'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'

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
            <table className="list compact groups-overview">
              <thead>
                <tr>
                  <th>Groep</th>
                  <th>Leerkracht</th>
                  <th className="num">Leerlingen</th>
                  <PurposeHeaders purposes={overview.data.purposes} />
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.id}>
                    <td className="nowrap">
                      <a href={href({ name: 'group', id: g.id })}>{g.name}</a>
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

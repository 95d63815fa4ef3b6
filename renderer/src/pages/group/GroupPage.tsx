import { useState } from 'react'
import { CoverageBar, CoverageLegend } from '../../components/CoverageBar.tsx'
import { PurposeHeaders } from '../../components/PurposeHeaders.tsx'
import { useLoad } from '../../useLoad.ts'
import { GroupForm } from '../../components/GroupForm.tsx'
import { sortName } from '../../../../shared/domain.ts'
import { formatMoment } from '../../../../shared/dates.ts'
import { GroupDocuments } from './GroupDocuments.tsx'
import '../../components/consent-overview.css'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { ListTable } from '../../components/ListTable.tsx'

const MARKS = { granted: '✓', refused: '✗', unknown: '?' } as const

/** Who may be in which pictures: every pupil of the group against every purpose. */
function ConsentMatrix({ groupId }: { groupId: number }) {
  const pupils = useLoad('pupils.list', { groupId })
  const list = useLoad('consent.noConsentList', { groupIds: [groupId] })
  if (pupils.error || list.error) return <ErrorText>{pupils.error ?? list.error}</ErrorText>
  if (!pupils.data || !list.data) return null
  const status = new Map(list.data.rows.map((r) => [`${r.pupilId}:${r.purposeId}`, r.decision]))
  return (
    <section className="card">
      <h2>Per leerling</h2>
      <div className="table-wide">
        <table className="list compact matrix">
          <thead>
            <tr>
              <th>Leerling</th>
              <PurposeHeaders purposes={list.data.purposes} />
            </tr>
          </thead>
          <tbody>
            {pupils.data.map((pupil) => (
              <tr key={pupil.id}>
                <td>
                  <a href={href({ name: 'pupil', id: pupil.id, tab: 'toestemming' })}>{sortName(pupil)}</a>
                </td>
                {list.data?.purposes.map((p) => {
                  const d = status.get(`${pupil.id}:${p.id}`) ?? 'granted'
                  const label = d === 'granted' ? 'toestemming' : d === 'refused' ? 'geweigerd' : 'geen antwoord'
                  return (
                    <td key={p.id} className={`mark ${d}`} title={`${p.label}: ${label}`} aria-label={`${p.label}: ${label}`}>
                      {MARKS[d]}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="made-at">✓ toestemming · ✗ geweigerd · ? geen antwoord (telt als geen toestemming). Gemaakt op {formatMoment(list.data.generatedAt)}.</p>
    </section>
  )
}

/** One group: its coverage per purpose at a glance, and its no-consent list. */
export function GroupPage({ id }: { id: number }) {
  const overview = useLoad('groups.overview', {})
  const groups = useLoad('groups.list', {}, String(overview.data?.generatedAt))
  const [editing, setEditing] = useState(false)
  const group = overview.data?.groups.find((g) => g.id === id)
  const summary = groups.data?.find((g) => g.id === id)
  if (overview.error) return <ErrorText>{overview.error}</ErrorText>
  if (!overview.data) return <p className="loading">Laden…</p>
  if (!group) return <ErrorText>Deze groep bestaat niet in dit schooljaar.</ErrorText>
  const coverageOf = (purposeId: number) => group.coverage.find((c) => c.purposeId === purposeId)
  return (
    <>
      <header className="pupil-header">
        <div>
          <h1>Groep {group.name}</h1>
          <p className="pupil-meta">
            {group.teacherName || 'Geen leerkracht ingevuld'} · {group.pupilCount} leerlingen
          </p>
        </div>
        <button onClick={() => setEditing(!editing)}>{editing ? 'Sluiten' : 'Groep wijzigen'}</button>
      </header>
      {editing && summary && (
        <GroupForm
          group={summary}
          onSaved={() => {
            setEditing(false)
            overview.reload()
          }}
        />
      )}
      <section className="card">
        <div className="grid-head">
          <h2>Toestemming per doel</h2>
          <CoverageLegend />
        </div>
        <ListTable
          className="compact coverage"
          rows={overview.data.purposes}
          rowKey={(p) => p.id}
          columns={[
            { render: (p) => p.label },
            {
              render: (p) => {
                const c = coverageOf(p.id)
                return c && <CoverageBar coverage={c} width={220} />
              },
            },
            { className: 'num', render: (p) => `${coverageOf(p.id)?.granted ?? 0} ja` },
            { className: 'num', render: (p) => `${coverageOf(p.id)?.refused ?? 0} nee` },
            { className: 'num', render: (p) => `${coverageOf(p.id)?.unknown ?? 0} geen antwoord` },
          ]}
        />
        <p className="made-at">Gemaakt op {formatMoment(overview.data.generatedAt)}.</p>
      </section>
      <GroupDocuments groupId={group.id} name={group.name} />
      <ConsentMatrix groupId={group.id} />
    </>
  )
}

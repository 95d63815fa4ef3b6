import { useState } from 'react'
import { rowConflict, rowPlace, rowRefused, type NoConsentPage as NoConsentData } from '../../../../shared/no-consent-page.ts'
import { DocumentActions } from '../../components/DocumentActions.tsx'
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx'
import { useLoad } from '../../useLoad.ts'
import { formatMoment } from '../../../../shared/dates.ts'
import '../../components/consent-overview.css'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { GroupSelect } from '../../components/GroupSelect.tsx'
import { PurposeSelect } from '../../components/PurposeSelect.tsx'

type StatusFilter = 'both' | 'refused' | 'unknown'

/** A row is its code (rowCode): the pupil's place in the answer's pupils, the decision and whether parents differ. */
const columnsFor = (data: NoConsentData): Column<number>[] => {
  const pupil = (code: number) => data.pupils[rowPlace(code)] ?? [0, '', -1]
  return [
    {
      header: 'Leerling',
      cell: (code) => {
        const [id, name] = pupil(code)
        return <a href={href({ name: 'pupil', id, tab: 'toestemming' })}>{name}</a>
      },
    },
    { header: 'Groep', className: 'col-group', cell: (code) => data.groups[pupil(code)[2]] ?? '—' },
    {
      header: 'Status',
      className: 'col-status',
      cell: (code) => (
        <>
          <span className={`badge ${rowRefused(code) ? 'refused' : 'unknown'}`}>{rowRefused(code) ? 'Geweigerd' : 'Geen antwoord'}</span>
          {rowConflict(code) && <span className="badge ask-again">ouders verschillen</span>}
        </>
      ),
    },
  ]
}

/**
 * The geen-toestemmingslijst per purpose: refused and no answer, never mixed up; made from the
 * records now, filtered in the core, in the compact form of consent.noConsentPage (names once,
 * one number per row). Each purpose's table draws only the rows in view.
 */
export function NoConsentList({ groupIds, purposeIds, status = 'both' }: { groupIds?: number[]; purposeIds?: number[]; status?: StatusFilter }) {
  const list = useLoad('consent.noConsentPage', { groupIds, purposeIds, only: status })
  if (list.error) return <ErrorText>{list.error}</ErrorText>
  if (!list.data) return <p className="loading">Laden…</p>
  const data = list.data
  const columns = columnsFor(data)
  return (
    <div className="no-consent" aria-busy={list.loading}>
      <p className="made-at">
        Gemaakt op {formatMoment(data.generatedAt)} uit de actuele antwoorden.{' '}
        <button className="link" onClick={list.reload}>
          Vernieuwen
        </button>
      </p>
      {data.purposes.map((p, i) => {
        const mine = data.rows[i] ?? []
        return (
          <section key={p.id} className="card purpose-list">
            <h2>
              {p.label} <span className="count">{mine.length === 0 ? 'iedereen heeft toestemming' : `${mine.length.toLocaleString('nl-NL')} ${mine.length === 1 ? 'leerling' : 'leerlingen'}`}</span>
            </h2>
            {mine.length > 0 && <VirtualTable label={`Geen toestemming: ${p.label}`} rows={mine} rowKey={rowPlace} columns={columns} rowHeight={33} maxHeight="min(24rem, 60vh)" firstHeight={400} className="compact" />}
          </section>
        )
      })}
    </div>
  )
}

export function NoConsentPage() {
  const groups = useLoad('groups.list', {})
  const purposes = useLoad('purposes.list', {})
  const [groupId, setGroupId] = useState<number>()
  const [purposeId, setPurposeId] = useState<number>()
  const [status, setStatus] = useState<StatusFilter>('both')
  return (
    <>
      <h1>Geen toestemming</h1>
      <p className="lead-small">Leerlingen van wie de ouders/verzorgers geen toestemming gaven, of nog niet antwoordden. Geen antwoord telt als geen toestemming.</p>
      <div className="toolbar filters">
        <label>
          Groep <GroupSelect aria-label="Groep" groups={groups.data} value={groupId} onChange={setGroupId} emptyLabel="Hele school" />
        </label>
        <label>
          Doel <PurposeSelect aria-label="Doel" purposes={purposes.data} value={purposeId} onChange={setPurposeId} emptyLabel="Alle doelen" />
        </label>
        <label>
          Status{' '}
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="both">Geweigerd en geen antwoord</option>
            <option value="refused">Alleen geweigerd</option>
            <option value="unknown">Alleen geen antwoord</option>
          </select>
        </label>
      </div>
      {groups.data && groups.data.length > 0 && (
        <section className="card print-from-screen" aria-label="Afdrukken">
          <p>Afdrukken voor de leerkracht of de fotograaf, met dezelfde keuze als hierboven: één regel per leerling, met een vakje per doel.</p>
          <DocumentActions
            compact
            key={`${groupId ?? 'all'}-${purposeId ?? 'all'}-${status}`}
            items={[
              {
                label: `Wie mag niet op de foto: ${groupId ? `groep ${groups.data.find((g) => g.id === groupId)?.name ?? ''}` : 'hele school'}${status === 'refused' ? ', alleen geweigerd' : status === 'unknown' ? ', alleen geen antwoord' : ''}`,
                method: 'documents.noConsentList',
                input: { groupIds: groupId ? [groupId] : groups.data.map((g) => g.id), ...(purposeId ? { purposeIds: [purposeId] } : {}), only: status },
              },
            ]}
          />
        </section>
      )}
      <NoConsentList groupIds={groupId ? [groupId] : undefined} purposeIds={purposeId ? [purposeId] : undefined} status={status} />
    </>
  )
}

import { useMemo, useState } from 'react'
import { formatDate, sortName } from '../../../../shared/domain.ts'
import { useLoad } from '../../useLoad.ts'

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()

export function PupilsPage() {
  const pupils = useLoad('pupils.list', {})
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    const q = fold(filter.trim())
    const all = pupils.data ?? []
    return q ? all.filter((p) => fold(`${p.firstName} ${p.lastNamePrefix} ${p.lastName} ${p.studentNumber ?? ''}`).includes(q)) : all
  }, [pupils.data, filter])

  return (
    <>
      <h1>Leerlingen</h1>
      <div className="toolbar">
        <input type="search" placeholder="Zoek op naam of leerlingnummer" aria-label="Zoek leerling" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="count">{pupils.data ? `${shown.length} van ${pupils.data.length} leerlingen` : ''}</span>
      </div>
      {pupils.error && <p className="error" role="alert">{pupils.error}</p>}
      {pupils.data?.length === 0 ? (
        <p className="empty">Nog geen leerlingen. Importeer inschrijfformulieren via Importeren.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Naam</th>
              <th>Groep</th>
              <th>Geboortedatum</th>
              <th>Leerlingnummer</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td>{sortName(p)}</td>
                <td>{p.groupName ?? '—'}</td>
                <td>{formatDate(p.birthDate)}</td>
                <td>{p.studentNumber ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

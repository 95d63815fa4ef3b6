import { useLoad } from '../../useLoad.ts'

export function GroupsPage() {
  const groups = useLoad('groups.list', {})
  return (
    <>
      <h1>Groepen</h1>
      {groups.error && <p className="error" role="alert">{groups.error}</p>}
      {groups.data?.length === 0 ? (
        <p className="empty">Nog geen groepen in dit schooljaar.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Groep</th>
              <th>Leerkracht</th>
              <th className="num">Leerlingen</th>
            </tr>
          </thead>
          <tbody>
            {groups.data?.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{g.teacherName || '—'}</td>
                <td className="num">{g.pupilCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

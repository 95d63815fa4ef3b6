import { useLoad } from '../../useLoad.ts'

export function GroupsPage() {
  const groups = useLoad('groups.list', {})
  const total = groups.data?.reduce((sum, g) => sum + g.pupilCount, 0) ?? 0
  return (
    <>
      <h1>Groepen</h1>
      {groups.error && (
        <p className="error" role="alert">
          {groups.error}
        </p>
      )}
      {groups.data === undefined ? null : groups.data.length === 0 ? (
        <p className="empty">Nog geen groepen in dit schooljaar.</p>
      ) : (
        <div className="table-scroll narrow">
          <table className="list">
            <thead>
              <tr>
                <th className="col-group">Groep</th>
                <th>Leerkracht</th>
                <th className="num">Leerlingen</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((g) => (
                <tr key={g.id}>
                  <td className="col-group">
                    <a className="row-link" href={`#/groep/${g.id}`}>
                      {g.name}
                    </a>
                  </td>
                  <td>{g.teacherName || <span className="muted">nog niet ingevuld</span>}</td>
                  <td className="num">{g.pupilCount}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={2}>
                  Totaal {groups.data.length} {groups.data.length === 1 ? 'groep' : 'groepen'}
                </td>
                <td className="num">{total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  )
}

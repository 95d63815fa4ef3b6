// The Logboek's lines as a table: when, who, the pupil (a link), and what happened in a sentence.
import type { AuditLine } from '../../../shared/audit.contract.ts'
import { formatMoment } from '../../../shared/dates.ts'
import { href } from '../router.ts'

export function AuditTable({ lines, showPupil }: { lines: AuditLine[]; showPupil: boolean }) {
  return (
    <table className="list audit">
      <caption className="visually-hidden">Wijzigingen, de nieuwste eerst</caption>
      <thead>
        <tr>
          <th scope="col">Wanneer</th>
          <th scope="col">Wie</th>
          {showPupil && <th scope="col">Leerling</th>}
          <th scope="col">Wat er gebeurde</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((a) => (
          <tr key={a.id}>
            <td className="nowrap">{formatMoment(a.at)}</td>
            <td>{a.actor}</td>
            {showPupil && <td>{a.pupilId !== null && a.pupilName ? <a href={href({ name: 'pupil', id: a.pupilId, tab: 'logboek' })}>{a.pupilName}</a> : <span className="muted">—</span>}</td>}
            <td>
              {a.sentence}
              {a.scrubbedAt && <div className="muted">Persoonsgegevens hieruit verwijderd na de bewaartermijn ({formatMoment(a.scrubbedAt)}).</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

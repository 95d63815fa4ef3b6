// The Logboek's lines as a table: when, who, the pupil (a link), and what happened in a sentence.
import type { AuditLine } from '../../../shared/audit.contract.ts'
import { formatMoment } from '../../../shared/dates.ts'
import { href } from '../router.ts'
import { ListTable, type ListColumn } from './ListTable.tsx'

const WHEN: ListColumn<AuditLine> = { header: 'Wanneer', className: 'nowrap', render: (a) => formatMoment(a.at) }
const WHO: ListColumn<AuditLine> = { header: 'Wie', render: (a) => a.actor }
const PUPIL: ListColumn<AuditLine> = {
  header: 'Leerling',
  render: (a) => (a.pupilId !== null && a.pupilName ? <a href={href({ name: 'pupil', id: a.pupilId, tab: 'logboek' })}>{a.pupilName}</a> : <span className="muted">—</span>),
}
const WHAT: ListColumn<AuditLine> = {
  header: 'Wat er gebeurde',
  render: (a) => (
    <>
      {a.sentence}
      {a.scrubbedAt && <div className="muted">Persoonsgegevens hieruit verwijderd na de bewaartermijn ({formatMoment(a.scrubbedAt)}).</div>}
    </>
  ),
}

export function AuditTable({ lines, showPupil }: { lines: AuditLine[]; showPupil: boolean }) {
  return <ListTable className="audit" caption="Wijzigingen, de nieuwste eerst" rows={lines} rowKey={(a) => a.id} columns={showPupil ? [WHEN, WHO, PUPIL, WHAT] : [WHEN, WHO, WHAT]} />
}

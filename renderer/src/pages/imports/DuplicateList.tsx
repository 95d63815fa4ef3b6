import { displayName, formatDate } from '../../../../shared/domain.ts'
import type { PossibleDuplicate, PreviewPupil, RowDecision } from '../../../../shared/imports.contract.ts'
import { Paged } from './Paged.tsx'
import { rowText } from './PreviewLists.tsx'
import { href } from '../../router.ts'
import { ListTable } from '../../components/ListTable.tsx'

const encode = (d: RowDecision | undefined): string => (d ? (d.pupilId !== undefined ? `update:${d.pupilId}` : d.action) : '')

function decode(row: string, value: string): RowDecision | undefined {
  if (value === '') return undefined
  const [action, id] = value.split(':')
  return { row, action: action as RowDecision['action'], ...(id ? { pupilId: Number(id) } : {}) }
}

const pupilLine = (p: PossibleDuplicate['pupils'][number]): string => [p.name, p.studentNumber ? `nr. ${p.studentNumber}` : '', formatDate(p.birthDate), p.group ? `groep ${p.group}` : ''].filter(Boolean).join(' · ')

/** Possible duplicates: per row the choice skip, a new pupil, or the same as a pupil in the register (or as the other row). */
export function DuplicateList(props: {
  duplicates: readonly PossibleDuplicate[]
  byKey: Map<string, PreviewPupil>
  decisions: Record<string, RowDecision>
  busy: boolean
  resetKey: string
  onDecide: (row: string, d: RowDecision | undefined) => void
}) {
  return (
    <Paged items={props.duplicates} resetKey={props.resetKey} hint="Of zoek hierboven op naam.">
      {(shown) => (
        <ul className="change-list duplicates">
          {shown.map((d) => (
            <li key={d.id} className="change-item">
              <p className="dup-message">{d.message}</p>
              {d.pupils.length > 0 && (
                <ul className="candidates">
                  {d.pupils.map((c) => (
                    <li key={c.id}>
                      In het register: <a href={href({ name: 'pupil', id: c.id })}>{pupilLine(c)}</a>
                    </li>
                  ))}
                </ul>
              )}
              <ListTable
                className="compact dup-rows"
                rows={d.rows.flatMap((row, i) => {
                  const p = props.byKey.get(row)
                  return p ? [{ row, i, p }] : []
                })}
                rowKey={(r) => r.row}
                columns={[
                  {
                    render: ({ p }) => (
                      <>
                        <strong>{displayName(p)}</strong>
                        <div className="muted small">{[p.studentNumber ? `nr. ${p.studentNumber}` : '', formatDate(p.birthDate), p.group ? `groep ${p.group}` : '', rowText(p)].filter(Boolean).join(' · ')}</div>
                      </>
                    ),
                  },
                  {
                    className: 'col-choice',
                    render: ({ row, i, p }) => (
                      <select aria-label={`Keuze voor ${displayName(p)}, ${rowText(p)}`} value={encode(props.decisions[row])} disabled={props.busy} onChange={(e) => props.onDecide(row, decode(row, e.target.value))}>
                        <option value="">Niet gekozen: {p.action === 'skip' ? 'wordt overgeslagen' : 'wordt geïmporteerd'}</option>
                        <option value="skip">Overslaan: deze rij niet importeren</option>
                        <option value="new">Nieuwe leerling toevoegen</option>
                        {d.pupils.map((c) => (
                          <option key={c.id} value={`update:${c.id}`}>
                            Is {c.name}
                            {c.studentNumber ? ` (nr. ${c.studentNumber})` : ''}: die bijwerken
                          </option>
                        ))}
                        {d.kind === 'in_import' && d.pupils.length === 0 && i > 0 && <option value="update">Dezelfde leerling als hierboven: samenvoegen</option>}
                      </select>
                    ),
                  },
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Paged>
  )
}

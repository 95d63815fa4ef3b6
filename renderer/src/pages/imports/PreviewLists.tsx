// The lists of the preview: new, changed and unchanged pupils, and rows with errors. Each shows
// at most a few hundred rows at a time (see Paged).
import { displayName, formatDate } from '../../../../shared/domain.ts'
import { SOURCE_LABELS } from '../../../../shared/domain.ts'
import type { ConsentChange, FieldChange, ImportRowError, PreviewGuardian, PreviewPupil } from '../../../../shared/imports.contract.ts'
import { DECISION_WORDS } from '../../../../shared/imports.labels.ts'
import { Paged } from './Paged.tsx'
import { ListTable, type ListColumn } from '../../components/ListTable.tsx'
import { href } from '../../router.ts'

const SEARCH_HINT = 'Of zoek hierboven op naam, groep of bestand.'

export const baseName = (file: string): string => file.replace(/^.*[\\/]/, '')
export const rowText = (p: { file: string; row: number }): string => `${baseName(p.file)}, rij ${p.row}`

function NameCell({ pupil }: { pupil: PreviewPupil }) {
  const name = displayName(pupil)
  const typed = pupil.nameAsTyped !== null ? <small className="muted as-typed"> (in het bestand: {pupil.nameAsTyped})</small> : null
  return pupil.pupilId !== null ? (
    <>
      <a className="row-link" href={href({ name: 'pupil', id: pupil.pupilId })}>
        {name}
      </a>
      {typed}
    </>
  ) : (
    <span className="pupil-name">
      {name}
      {typed}
    </span>
  )
}

/** A family address under two names: kept as two guardians, said so, for the user to check. */
function SameEmailNotes({ guardians }: { guardians: readonly PreviewGuardian[] }) {
  const notes = guardians.filter((g) => g.sameEmailAs.length > 0)
  if (notes.length === 0) return null
  return (
    <>
      {notes.map((g) => (
        <div key={g.name} className="warn-note small same-email">
          Let op: {g.email} is ook het e-mailadres van {g.sameEmailAs.join(' en ')}. {g.name} wordt als aparte ouder/verzorger vastgelegd. Is het dezelfde persoon? Schrijf de naam in het bestand dan hetzelfde en lees het
          opnieuw in.
        </div>
      ))}
    </>
  )
}

function ConsentAnswers({ pupil, labels }: { pupil: PreviewPupil; labels: Map<string, string> }) {
  const by = (d: 'granted' | 'refused') =>
    Object.entries(pupil.consents)
      .filter(([, v]) => v === d)
      .map(([code]) => labels.get(code) ?? code)
  const yes = by('granted')
  const no = by('refused')
  if (yes.length + no.length === 0) return <span className="muted">geen antwoorden</span>
  return (
    <div className="answers">
      {yes.length > 0 && (
        <div>
          <span className="badge granted">ja</span> {yes.join(', ')}
        </div>
      )}
      {no.length > 0 && (
        <div>
          <span className="badge refused">nee</span> {no.join(', ')}
        </div>
      )}
    </div>
  )
}

/** A preview list as a table, a few hundred rows at a time. */
function PagedTable<T>({ items, resetKey, className, rowKey, columns }: { items: readonly T[]; resetKey: string; className: string; rowKey: (row: T, index: number) => string; columns: ListColumn<T>[] }) {
  return (
    <Paged items={items} resetKey={resetKey} hint={SEARCH_HINT}>
      {(shown) => <ListTable className={className} rows={shown} rowKey={rowKey} columns={columns} />}
    </Paged>
  )
}

/** The new or unchanged pupils of the preview. */
function PupilTable({ pupils, resetKey, columns }: { pupils: readonly PreviewPupil[]; resetKey: string; columns: ListColumn<PreviewPupil>[] }) {
  return <PagedTable items={pupils} resetKey={resetKey} className="compact preview-table" rowKey={(p) => p.key} columns={columns} />
}

const BIRTH_DATE: ListColumn<PreviewPupil> = { header: 'Geboortedatum', headerClassName: 'col-date', className: 'col-date', render: (p) => formatDate(p.birthDate) }
const GROUP: ListColumn<PreviewPupil> = { header: 'Groep', headerClassName: 'col-group', className: 'col-group', render: (p) => p.group ?? '—' }

export function NewList({ pupils, labels, resetKey }: { pupils: readonly PreviewPupil[]; labels: Map<string, string>; resetKey: string }) {
  return (
    <PupilTable
      pupils={pupils}
      resetKey={resetKey}
      columns={[
        {
          header: 'Leerling',
          render: (p) => (
            <>
              <NameCell pupil={p} />
              <div className="muted small">{[p.studentNumber ? `nr. ${p.studentNumber}` : '', rowText(p)].filter(Boolean).join(' · ')}</div>
            </>
          ),
        },
        BIRTH_DATE,
        GROUP,
        {
          header: 'Ouders/verzorgers',
          headerClassName: 'col-guardians',
          render: (p) => (
            <>
              {p.guardians.map((g) => g.name || g.email || g.phone).join(', ') || <span className="muted">geen</span>}
              <SameEmailNotes guardians={p.guardians} />
            </>
          ),
        },
        { header: 'Toestemming', headerClassName: 'col-consent', render: (p) => <ConsentAnswers pupil={p} labels={labels} /> },
      ]}
    />
  )
}

function FieldLine({ change }: { change: FieldChange }) {
  return (
    <li>
      <span className="what">{change.label}:</span> {change.old === '' ? <span className="muted">leeg</span> : <del>{change.old}</del>} →{' '}
      {change.new === '' ? <span className="muted">leeg</span> : <ins>{change.new}</ins>}
    </li>
  )
}

/** 'Website van de school: toestemming → geweigerd', with a warning when the answer now in the register was recorded by hand. */
export function ConsentLine({ change }: { change: ConsentChange }) {
  return (
    <li className="consent-change">
      <span className="what">{change.label}:</span> <span className={`badge ${change.old}`}>{DECISION_WORDS[change.old]}</span> → <span className={`badge ${change.new}`}>{DECISION_WORDS[change.new]}</span>
      {change.currentSource && (
        <span className="warn-note">
          {' '}
          Nu vastgelegd via {SOURCE_LABELS[change.currentSource].toLowerCase()}
          {change.currentSince ? ` (${formatDate(change.currentSince)})` : ''}: controleer welk antwoord het nieuwste is.
        </span>
      )}
      {change.replacesDisagreement && (
        <span className="warn-note">
          {' '}
          De ouders antwoorden nu verschillend; dit antwoord uit de import geldt voor beide ouders samen en komt in de plaats van hun eigen antwoorden. Controleer het met de ouders, of sla deze leerling over.
        </span>
      )}
    </li>
  )
}

export function ChangedList({ pupils, resetKey }: { pupils: readonly PreviewPupil[]; resetKey: string }) {
  return (
    <Paged items={pupils} resetKey={resetKey} hint={SEARCH_HINT}>
      {(shown) => (
        <ul className="change-list">
          {shown.map((p) => (
            <li key={p.key} className="change-item">
              <div className="who">
                <NameCell pupil={p} />
                <span className="muted">
                  {p.group ? `groep ${p.group}` : 'geen groep'} · {rowText(p)}
                </span>
              </div>
              <ul className="changes">
                {p.changes.map((c) => (
                  <FieldLine key={c.field} change={c} />
                ))}
                {p.consentChanges.map((c) => (
                  <ConsentLine key={c.purpose} change={c} />
                ))}
              </ul>
              <SameEmailNotes guardians={p.guardians} />
            </li>
          ))}
        </ul>
      )}
    </Paged>
  )
}

export function UnchangedList({ pupils, resetKey }: { pupils: readonly PreviewPupil[]; resetKey: string }) {
  return <PupilTable pupils={pupils} resetKey={resetKey} columns={[{ header: 'Leerling', render: (p) => <NameCell pupil={p} /> }, BIRTH_DATE, GROUP, { header: 'Uit', className: 'source', render: (p) => rowText(p) }]} />
}

export function ErrorList({ errors, resetKey }: { errors: readonly ImportRowError[]; resetKey: string }) {
  return (
    <PagedTable
      items={errors}
      resetKey={resetKey}
      className="compact preview-table errors"
      rowKey={(e, i) => `${e.fileIndex}/${e.sheet}/${e.row}/${i}`}
      columns={[
        { header: 'Bestand', className: 'source', render: (e) => baseName(e.file) },
        { header: 'Blad', render: (e) => e.sheet },
        { header: 'Rij', headerClassName: 'num', className: 'num', render: (e) => e.row },
        { header: 'Kolom', render: (e) => e.column ?? '—' },
        { header: 'Waarde', className: 'value', render: (e) => e.value },
        { header: 'Wat is er mis', className: 'reason', render: (e) => e.message },
      ]}
    />
  )
}

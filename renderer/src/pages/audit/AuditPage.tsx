// The Logboek: every change in plain sentences, filtered by pupil, kind, staff member and date,
// searched, and paged; every control is a labelled form control, so the keyboard reaches all.
import { useState } from 'react'
import { AUDIT_KINDS, type AuditKind } from '../../../../shared/audit.labels.ts'
import { displayName } from '../../../../shared/domain.ts'
import { DateInput } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { AuditTable } from '../../components/AuditTable.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

const PAGE_SIZE = 50

/** openedFor: the pupil of '#/logboek?leerling=12', so a pupil's page can open the Logboek filtered on them. */
export function AuditPage({ openedFor }: { openedFor?: number }) {
  const [pupilId, setPupilId] = useState<number | undefined>(openedFor)
  const [kind, setKind] = useState<AuditKind | ''>('')
  const [actor, setActor] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [query, setQuery] = useState('')
  const [page, setPage] = useState(1)
  const pupils = useLoad('pupils.list', { includeLeft: true })
  const filters = { pupilId, kind: kind || undefined, actor: actor || undefined, from: from || undefined, to: to || undefined, query: query || undefined }
  const log = useLoad('audit.page', { ...filters, page, pageSize: PAGE_SIZE })
  const change = (f: () => void) => {
    f()
    setPage(1)
  }
  const total = log.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))

  return (
    <>
      <h1>Logboek</h1>
      <p className="lead-small">Elke wijziging van persoonsgegevens en toestemming: wie, wanneer en wat. Het logboek kan niet worden gewijzigd.</p>
      <form className="audit-filters card" role="search" aria-label="Logboek filteren" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Zoeken</span>
          <input type="search" value={query} placeholder="naam, woord of waarde" onChange={(e) => change(() => setQuery(e.target.value))} />
        </label>
        <label className="field">
          <span>Leerling</span>
          <select value={pupilId ?? ''} onChange={(e) => change(() => setPupilId(e.target.value ? Number(e.target.value) : undefined))}>
            <option value="">Alle leerlingen</option>
            {pupils.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {displayName(p)}
                {p.groupName ? ` (groep ${p.groupName})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Soort wijziging</span>
          <select value={kind} onChange={(e) => change(() => setKind(e.target.value as AuditKind | ''))}>
            <option value="">Alle soorten</option>
            {Object.entries(AUDIT_KINDS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Medewerker</span>
          <select value={actor} onChange={(e) => change(() => setActor(e.target.value))}>
            <option value="">Iedereen</option>
            {log.data?.actors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Vanaf</span>
          <DateInput name="from" value={from} onChange={(v) => change(() => setFrom(v))} />
        </label>
        <label className="field">
          <span>Tot en met</span>
          <DateInput name="to" value={to} onChange={(v) => change(() => setTo(v))} />
        </label>
      </form>
      {log.error && <ErrorText alert>{log.error}</ErrorText>}
      <p className="count" role="status" aria-live="polite">
        {log.data ? (total === 0 ? 'Geen wijzigingen gevonden met deze filters.' : `${total} ${total === 1 ? 'wijziging' : 'wijzigingen'}; pagina ${page} van ${pages}`) : 'Laden…'}
      </p>
      {log.data && log.data.lines.length > 0 && <AuditTable lines={log.data.lines} showPupil={pupilId === undefined} />}
      {pages > 1 && (
        <nav className="actions pager" aria-label="Pagina's van het logboek">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Vorige pagina
          </button>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Volgende pagina
          </button>
        </nav>
      )}
    </>
  )
}

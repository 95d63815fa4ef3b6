import { useMemo, useState, type DragEvent } from 'react'
import { formatDate, sortName } from '../../../../shared/domain.ts'
import { fold } from '../../../../shared/text.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import type { MailPreview } from '../../../../shared/mail.contract.ts'
import { invoke } from '../../api.ts'
import { readFileBase64 } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { holdMailFor } from '../../pending-mail.ts'

/** 'overal ja', or how many purposes are refused / unanswered: the gaps at a glance. */
function ConsentSummary({ summary }: { summary: { refused: number; unknown: number; askAgain: number } | undefined }) {
  if (!summary) return null
  if (summary.refused + summary.unknown === 0) return <span className="muted">{summary.askAgain ? `overal ja · ${summary.askAgain} opnieuw vragen` : 'overal ja'}</span>
  return (
    <span className="badges">
      {summary.refused > 0 && <span className="badge refused">{summary.refused} × nee</span>}
      {summary.unknown > 0 && <span className="badge unknown">{summary.unknown} × geen antwoord</span>}
    </span>
  )
}

export function PupilsPage() {
  const groups = useLoad('groups.list', {})
  const [groupId, setGroupId] = useState<number>()
  const [includeLeft, setIncludeLeft] = useState(false)
  const pupils = useLoad('pupils.list', { groupId, includeLeft })
  const consent = useLoad('pupils.consentSummary', { groupId })
  const [filter, setFilter] = useState('')
  const query = filter.trim()
  const shown = useMemo(() => {
    const q = fold(query)
    const all = pupils.data ?? []
    return q ? all.filter((p) => fold(`${p.firstName} ${p.lastNamePrefix} ${p.lastName} ${p.studentNumber ?? ''}`).includes(q)) : all
  }, [pupils.data, query])
  const total = pupils.data?.length ?? 0
  const plural = (n: number): string => (n === 1 ? 'leerling' : 'leerlingen')
  // A parent's e-mail dropped on the list: whose pupil it is about, by the sender's address.
  const [dropped, setDropped] = useState<MailPreview>()
  const [mailError, setMailError] = useState<ErrorInfo>()
  const dropMail = async (e: DragEvent) => {
    e.preventDefault()
    const f = e.dataTransfer.files[0]
    if (!f) return
    const file = { fileName: f.name, data: await readFileBase64(f) }
    const r = await invoke('mail.read', { mail: file })
    if (!r.ok) {
      setDropped(undefined)
      return setMailError(r.error)
    }
    setMailError(undefined)
    setDropped(r.value)
    holdMailFor(file, r.value.suggestedPupils.map((p) => p.pupilId))
  }

  return (
    <div className="page-fill" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void dropMail(e)}>
      <div className="page-head">
        <h1>Leerlingen</h1>
        <a className="button" href="#/leerling/nieuw">
          Nieuwe leerling
        </a>
      </div>
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter op naam of leerlingnummer"
          aria-label="Filter de lijst"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select aria-label="Groep" value={groupId ?? ''} onChange={(e) => setGroupId(e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">Alle groepen</option>
          {groups.data?.map((g) => (
            <option key={g.id} value={g.id}>
              Groep {g.name}
            </option>
          ))}
        </select>
        <label className="check inline-check">
          <input type="checkbox" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />
          Ook vertrokken leerlingen
        </label>
        <span className="count" role="status">
          {pupils.data && total > 0 && (query ? `${shown.length} van ${total} ${plural(total)}` : `${total} ${plural(total)}`)}
        </span>
      </div>
      {mailError && (
        <p className="error" role="alert">
          {mailError.message}
        </p>
      )}
      {dropped && (
        <div className="mail-suggestions" role="status" aria-label="Leerlingen bij deze e-mail">
          E-mail van {dropped.fromName || dropped.fromAddress} ({formatDate(dropped.sentDate)}): '{dropped.subject || '(geen onderwerp)'}'.{' '}
          {dropped.suggestedPupils.length === 0 ? (
            'Dit adres hoort bij geen ouder/verzorger in het register. Zoek de leerling op naam en sleep de e-mail daar op het tabblad Toestemming.'
          ) : (
            <>
              Open de leerling om het antwoord vast te leggen:{' '}
              {dropped.suggestedPupils.map((p, i) => (
                <span key={p.pupilId}>
                  {i > 0 && ', '}
                  <a href={`#/leerling/${p.pupilId}/toestemming`}>
                    {p.name}
                    {p.groupName ? ` (groep ${p.groupName})` : ''}
                  </a>
                </span>
              ))}
            </>
          )}
        </div>
      )}
      {pupils.error && (
        <p className="error" role="alert">
          {pupils.error}
        </p>
      )}
      {pupils.data === undefined ? null : total === 0 && groupId !== undefined ? (
        <p className="empty">Geen leerlingen in deze groep.</p>
      ) : total === 0 ? (
        <p className="empty">
          Nog geen leerlingen. Importeer de inschrijfformulieren via <a href="#/importeren">Importeren</a>.
        </p>
      ) : shown.length === 0 ? (
        <p className="empty">
          Geen leerling gevonden met <strong>{query}</strong>. Zoek op voornaam, achternaam of leerlingnummer.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="list">
            <thead>
              <tr>
                <th>Naam</th>
                <th className="col-group">Groep</th>
                <th className="col-date">Geboortedatum</th>
                <th className="col-number">Leerlingnummer</th>
                <th className="col-consent">Toestemming</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a className="row-link" href={`#/leerling/${p.id}`}>
                      {sortName(p)}
                    </a>
                    {p.leftOn && <span className="tag"> vertrokken {formatDate(p.leftOn)}</span>}
                  </td>
                  <td className="col-group">{p.groupName ?? <span className="muted">geen groep</span>}</td>
                  <td className="col-date">{formatDate(p.birthDate)}</td>
                  <td className="col-number">{p.studentNumber ?? ''}</td>
                  <td className="col-consent">
                    <ConsentSummary summary={consent.data?.[p.id]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

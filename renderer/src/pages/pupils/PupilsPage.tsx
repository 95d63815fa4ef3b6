import { useMemo, useState, type DragEvent } from 'react'
import { formatDate, sortName, type PupilSummary } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import type { MailPreview } from '../../../../shared/mail.contract.ts'
import { invoke } from '../../api.ts'
import { droppedFile } from '../../components/fields.tsx'
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx'
import { useLoad } from '../../useLoad.ts'
import { useMediaQuery } from '../../useMediaQuery.ts'
import { holdMailFor } from '../../pending-mail.ts'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { GroupSelect } from '../../components/GroupSelect.tsx'

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

type Summary = { refused: number; unknown: number; askAgain: number }

/** The birth date and student number of a pupil, in one line (the hover text of a name in a narrow window). */
const particulars = (p: PupilSummary): string => [sortName(p), p.birthDate && `geboren ${formatDate(p.birthDate)}`, p.studentNumber && `nr. ${p.studentNumber}`].filter(Boolean).join(' · ')

/** The list's columns; in a narrow window (or zoomed in) only name, group and consent, so the name keeps its room. */
function pupilColumns(consent: Record<number, Summary> | undefined, narrow: boolean): Column<PupilSummary>[] {
  const columns: Column<PupilSummary>[] = [
    {
      header: 'Naam',
      cell: (p) => (
        <>
          <a className="row-link" href={href({ name: 'pupil', id: p.id })} title={particulars(p)}>
            {sortName(p)}
          </a>
          {p.leftOn && <span className="tag"> vertrokken {formatDate(p.leftOn)}</span>}
        </>
      ),
    },
    { header: 'Groep', className: 'col-group', cell: (p) => p.groupName ?? <span className="muted">geen groep</span> },
    { header: 'Geboorte\u00addatum', className: 'col-date', cell: (p) => formatDate(p.birthDate) },
    { header: 'Leerling\u00adnummer', className: 'col-number', cell: (p) => p.studentNumber ?? '' },
    { header: 'Toestemming', className: 'col-consent', cell: (p) => <ConsentSummary summary={consent?.[p.id]} /> },
  ]
  return narrow ? columns.filter((c) => c.className !== 'col-date' && c.className !== 'col-number') : columns
}

export function PupilsPage() {
  const groups = useLoad('groups.list', {})
  const [groupId, setGroupId] = useState<number>()
  const [includeLeft, setIncludeLeft] = useState(false)
  const [filter, setFilter] = useState('')
  const query = filter.trim()
  // The whole list once; a filter is answered in the core (the search index) with the ids that
  // match, in list order. The screen only draws the rows in view.
  const pupils = useLoad('pupils.filter', { groupId, includeLeft })
  const matching = useLoad('pupils.matching', { groupId, includeLeft, query }, '', query !== '')
  const consent = useLoad('pupils.consentSummary', { groupId })
  const byId = useMemo(() => new Map((pupils.data?.pupils ?? []).map((p) => [p.id, p])), [pupils.data])
  const shown = useMemo(
    // Until the first answer to a filter is in, the whole list stays (never 'nothing found' too soon).
    () => (query === '' || !matching.data ? (pupils.data?.pupils ?? []) : matching.data.ids.flatMap((id) => byId.get(id) ?? [])),
    [query, pupils.data, matching.data, byId],
  )
  const total = pupils.data?.total ?? 0
  const busy = pupils.loading || (query !== '' && matching.loading)
  const narrow = useMediaQuery('(max-width: 900px)')
  const columns = useMemo(() => pupilColumns(consent.data, narrow), [consent.data, narrow])
  const plural = (count: number): string => (count === 1 ? 'leerling' : 'leerlingen')
  const n = (count: number): string => count.toLocaleString('nl-NL') // 10.000
  // A parent's e-mail dropped on the list: whose pupil it is about, by the sender's address.
  const [dropped, setDropped] = useState<MailPreview>()
  const [mailError, setMailError] = useState<ErrorInfo>()
  const dropMail = async (e: DragEvent) => {
    e.preventDefault()
    const chosen = await droppedFile(e.dataTransfer)
    if (!chosen) return
    if (!chosen.ok) {
      setDropped(undefined)
      return setMailError(chosen.error)
    }
    const file = chosen.value
    const r = await invoke('mail.read', { mail: { token: file.token } })
    if (!r.ok) {
      setDropped(undefined)
      return setMailError(r.error)
    }
    setMailError(undefined)
    setDropped(r.value)
    holdMailFor(
      file,
      r.value.suggestedPupils.map((p) => p.pupilId),
    )
  }

  return (
    <div className="page-fill" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void dropMail(e)}>
      <div className="page-head">
        <h1>Leerlingen</h1>
        <a className="button" href={href({ name: 'pupil', id: 'nieuw' })}>
          Nieuwe leerling
        </a>
      </div>
      <div className="toolbar">
        <input type="search" placeholder="Filter op naam of leerlingnummer" aria-label="Filter de lijst" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <GroupSelect aria-label="Groep" groups={groups.data} value={groupId} onChange={setGroupId} emptyLabel="Alle groepen" />
        <label className="check inline-check">
          <input type="checkbox" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />
          Ook vertrokken leerlingen
        </label>
        <span className="count" role="status">
          {pupils.data && total > 0 && (query ? `${n(shown.length)} van ${n(total)} ${plural(total)}` : `${n(total)} ${plural(total)}`)}
        </span>
      </div>
      {mailError && <ErrorText alert>{mailError.message}</ErrorText>}
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
                  <a href={href({ name: 'pupil', id: p.pupilId, tab: 'toestemming' })}>
                    {p.name}
                    {p.groupName ? ` (groep ${p.groupName})` : ''}
                  </a>
                </span>
              ))}
            </>
          )}
        </div>
      )}
      {pupils.error && <ErrorText alert>{pupils.error}</ErrorText>}
      {pupils.data === undefined ? null : total === 0 && groupId !== undefined ? (
        <p className="empty">Geen leerlingen in deze groep.</p>
      ) : total === 0 ? (
        <p className="empty">
          Nog geen leerlingen. Importeer de inschrijfformulieren via <a href={href({ name: 'imports' })}>Importeren</a>.
        </p>
      ) : shown.length === 0 ? (
        <p className="empty">
          Geen leerling gevonden met <strong>{query}</strong>. Zoek op voornaam, achternaam of leerlingnummer.
        </p>
      ) : (
        <VirtualTable label="Leerlingen" busy={busy} rows={shown} rowKey={(p) => p.id} columns={columns} />
      )}
    </div>
  )
}

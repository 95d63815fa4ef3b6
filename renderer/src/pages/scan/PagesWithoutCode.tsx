// Pages of the scan without a (known) form code: a parent's own letter, a page the reader could not
// read, an old form whose code names its pupil but whose boxes cannot be read (offered to that
// pupil at once). Each can be looked at, given to a pupil found by name (its answers are then
// filled in by hand, with the page as proof), or skipped.
import { useState } from 'react'
import type { PupilHit } from '../../../../shared/domain.ts'
import type { ScanPageView } from '../../../../shared/scan.contract.ts'
import { invoke } from '../../api.ts'

const STATUS: Record<ScanPageView['status'], string> = { no_code: 'Geen code', unreadable: 'Niet te lezen', unknown_code: 'Onbekende code', old_form: 'Ouder formulier' }

function PageRow({ sessionId, page, onAssign, onSkip }: { sessionId: string; page: ScanPageView; onAssign: (pupilId: number) => void; onSkip: () => void }) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<PupilHit[]>([])
  const [image, setImage] = useState<string>()
  const [error, setError] = useState<string>()
  const search = async (q: string) => {
    setQuery(q)
    if (q.trim().length < 2) return setHits([])
    const r = await invoke('pupils.search', { query: q, limit: 8 })
    if (r.ok) setHits(r.value)
  }
  const show = async () => {
    const r = await invoke('scan.page', { sessionId, pageIndex: page.pageIndex })
    if (r.ok) setImage(r.value.image)
    else setError(r.error.message)
  }
  return (
    <li className="scan-page">
      <div>
        <strong>{page.source}</strong> <span className="badge unknown">{STATUS[page.status]}</span>
        <p className="muted">{page.message}</p>
        {error && <p className="error">{error}</p>}
        {image && <img className="scan-page-image" src={image} alt={`Gescande pagina: ${page.source}`} />}
      </div>
      <div className="scan-page-actions">
        {page.pupil && (
          <div className="actions">
            <button className="primary" onClick={() => page.pupil && onAssign(page.pupil.id)}>
              Toewijzen aan {page.pupil.name}
              {page.pupil.groupName ? ` (groep ${page.pupil.groupName})` : ''}
            </button>
          </div>
        )}
        <label className="field">
          <span>Leerling zoeken voor deze pagina</span>
          <input type="search" value={query} onChange={(e) => void search(e.target.value)} placeholder="Naam of leerlingnummer" />
        </label>
        {hits.length > 0 && (
          <ul className="scan-hits" aria-label="Gevonden leerlingen">
            {hits.map((h) => (
              <li key={h.id}>
                <button onClick={() => onAssign(h.id)}>
                  Toewijzen aan {[h.firstName, h.lastNamePrefix, h.lastName].filter(Boolean).join(' ')}
                  {h.groupName ? ` (groep ${h.groupName})` : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="actions">
          {!image && <button onClick={() => void show()}>Pagina bekijken</button>}
          <button onClick={onSkip}>Overslaan</button>
        </div>
      </div>
    </li>
  )
}

export function PagesWithoutCode({ sessionId, pages, onAssign, onSkip }: { sessionId: string; pages: ScanPageView[]; onAssign: (pageIndex: number, pupilId: number) => void; onSkip: (pageIndex: number) => void }) {
  if (pages.length === 0) return null
  return (
    <section className="card">
      <h2>Pagina’s zonder herkende code ({pages.length})</h2>
      <p className="muted">Hoort een pagina bij een leerling, zoek de leerling en wijs de pagina toe; de antwoorden vult u daarna zelf in. Anders: overslaan (er wordt niets vastgelegd).</p>
      <ul className="scan-pages">
        {pages.map((p) => (
          <PageRow key={p.pageIndex} sessionId={sessionId} page={p} onAssign={(id) => onAssign(p.pageIndex, id)} onSkip={() => onSkip(p.pageIndex)} />
        ))}
      </ul>
    </section>
  )
}

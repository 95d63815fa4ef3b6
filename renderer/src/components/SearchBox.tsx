import { useEffect, useRef, useState } from 'react'
import { formatDate, sortName, type PupilHit } from '../../../shared/domain.ts'
import { invoke } from '../api.ts'
import { go } from '../router.ts'
import './search.css'

const FORM_CODE = /^\s*tr-?[2-9a-z]{6}\s*$/i

/** Find a pupil from anywhere: Ctrl+K, type a name, number, guardian or form code, Enter. */
export function SearchBox() {
  const input = useRef<HTMLInputElement>(null)
  const latest = useRef(0)
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<PupilHit[]>([])
  const [active, setActive] = useState(0)
  const [open, setOpen] = useState(false)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        input.current?.focus()
        input.current?.select()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const search = async (q: string) => {
    setQuery(q)
    setActive(0)
    setOpen(true)
    const ticket = ++latest.current
    const r = await invoke('pupils.search', { query: q, limit: 8 })
    if (ticket === latest.current) setHits(r.ok ? r.value : [])
  }

  const choose = (hit: PupilHit | undefined) => {
    if (!hit) return
    go(`leerling/${hit.id}${FORM_CODE.test(query) ? '/toestemming' : ''}`)
    setOpen(false)
    setQuery('')
    setHits([])
    input.current?.blur()
  }

  return (
    <div className="searchbox" role="search">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder="Zoek leerling: naam, leerlingnummer, ouder of formuliercode   (Ctrl+K)"
        aria-label="Zoek leerling"
        aria-expanded={open && query !== ''}
        aria-controls="search-results"
        onChange={(e) => void search(e.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1))
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
          else if (e.key === 'Enter') choose(hits[active])
          else if (e.key === 'Escape') setOpen(false)
          else return
          e.preventDefault()
        }}
      />
      {open && query.trim() !== '' && (
        <ul id="search-results" className="search-results" role="listbox">
          {hits.length === 0 && <li className="search-empty">Geen leerling gevonden voor '{query}'.</li>}
          {hits.map((h, i) => (
            <li key={h.id} role="option" aria-selected={i === active} onMouseDown={() => choose(h)} onMouseEnter={() => setActive(i)}>
              <span className="hit-name">{sortName(h)}</span>
              <span className="hit-meta">
                {h.groupName ? `groep ${h.groupName}` : 'geen groep'}
                {h.birthDate ? ` · ${formatDate(h.birthDate)}` : ''}
                {h.studentNumber ? ` · nr. ${h.studentNumber}` : ''}
              </span>
              {h.guardianNames && <span className="hit-guardians">{h.guardianNames}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import { useEffect, useRef, useState } from 'react'
import { formatDate, sortName, type PupilHit } from '../../../shared/domain.ts'
import { invoke } from '../api.ts'
import { go, type Route } from '../router.ts'
import './search.css'

// A form code as printed ('TR-K7M3QP') or typed without its prefix ('k7m3qp').
const FORM_CODE = /^\s*(tr-?)?[2-9a-hj-km-np-z]{6}\s*$/i
const asFormCode = (typed: string): string => `TR-${typed.trim().toUpperCase().replace(/^TR-?/, '')}`

/** Find a pupil from anywhere: Ctrl+K, type a name, number, guardian or form code, Enter. */
export function SearchBox() {
  const input = useRef<HTMLInputElement>(null)
  const latest = useRef(0)
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<PupilHit[]>([])
  // The query the shown hits belong to, and the answer to the latest query (maybe still on its way):
  // Enter right after typing acts on what was typed, never on the hits of a letter before.
  const [hitsFor, setHitsFor] = useState('')
  const latestHits = useRef<Promise<PupilHit[]>>(Promise.resolve([]))
  const [active, setActive] = useState(0)
  const [open, setOpen] = useState(false)
  const [codeError, setCodeError] = useState<string>()

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
    setCodeError(undefined)
    setActive(0)
    setOpen(true)
    const ticket = ++latest.current
    const answer = invoke('pupils.search', { query: q, limit: 8 }).then((r) => (r.ok ? r.value : []))
    latestHits.current = answer
    const found = await answer
    if (ticket === latest.current) {
      setHits(found)
      setHitsFor(q)
    }
  }

  const done = (route: Route) => {
    go(route)
    setOpen(false)
    setQuery('')
    setHits([])
    setHitsFor('')
    input.current?.blur()
  }

  /** A pupil, or (for a code) the returned form of a consent round, opened on the consent grid. */
  const choose = async (hit: PupilHit | undefined) => {
    if (FORM_CODE.test(query)) {
      const form = await invoke('campaigns.findForm', { code: asFormCode(query) })
      if (form.ok) return done({ name: 'pupil', id: form.value.pupil.id, tab: 'toestemming', formCode: form.value.code })
      if (form.error.code !== 'not_found') return setCodeError(form.error.message)
      if (hit) return done({ name: 'pupil', id: hit.id, tab: 'toestemming' })
      return setCodeError(form.error.message)
    }
    if (hit) done({ name: 'pupil', id: hit.id })
  }

  return (
    <div className="searchbox" role="search">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder="Zoek leerling: naam, leerlingnummer, ouder of formuliercode   (Ctrl+K)"
        role="combobox"
        aria-label="Zoek leerling"
        aria-autocomplete="list"
        aria-expanded={open && query.trim() !== ''}
        aria-controls="search-results"
        aria-activedescendant={open && hits[active] ? `search-hit-${hits[active].id}` : undefined}
        onChange={(e) => void search(e.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1))
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
          else if (e.key === 'Enter') void (hitsFor === query ? choose(hits[active]) : latestHits.current.then((found) => choose(found[0])))
          else if (e.key === 'Escape') setOpen(false)
          else return
          e.preventDefault()
        }}
      />
      {open && query.trim() !== '' && (
        <ul id="search-results" className="search-results" role="listbox" aria-label="Gevonden leerlingen" aria-busy={hitsFor !== query}>
          {codeError && (
            <li className="search-empty error" role="alert">
              {codeError}
            </li>
          )}
          {hits.length === 0 && !codeError && hitsFor !== query && <li className="search-empty">Zoeken…</li>}
          {hits.length === 0 && !codeError && hitsFor === query && <li className="search-empty">Geen leerling gevonden voor '{query}'. Druk op Enter om een formuliercode op te zoeken.</li>}
          {hits.map((h, i) => (
            <li key={h.id} id={`search-hit-${h.id}`} role="option" aria-selected={i === active} onMouseDown={() => void choose(h)} onMouseEnter={() => setActive(i)}>
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

// An access request (AVG art. 15) from the Print page: find the pupil, choose the guardian who
// asked (the other guardians' contact details are then left out of the copy), and make it.
import { useEffect, useState } from 'react'
import { displayName, type PupilDetail, type PupilHit } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'
import { DocumentActions } from '../../components/DocumentActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

export function DossierRequest() {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<PupilHit[]>([])
  const [pupil, setPupil] = useState<PupilDetail>()
  const [requester, setRequester] = useState<number>()
  const [error, setError] = useState<string>()

  const searching = query.trim().length >= 2
  useEffect(() => {
    if (!searching) return
    let current = true
    void invoke('pupils.search', { query, limit: 8, includeLeft: true }).then((r) => {
      if (current) setHits(r.ok ? r.value : [])
    })
    return () => {
      current = false
    }
  }, [query, searching])

  const choose = async (id: number) => {
    const r = await invoke('pupils.get', { id })
    if (!r.ok) return setError(r.error.message)
    setError(undefined)
    setPupil(r.value)
    setRequester(r.value.guardians[0]?.id)
    setHits([])
    setQuery('')
  }

  const base = pupil ? { pupilId: pupil.id, ...(requester ? { requesterGuardianId: requester } : {}) } : undefined
  return (
    <div className="dossier-request">
      <p>
        Een ouder vraagt welke gegevens de school over het kind heeft (AVG artikel 15). Het dossier beantwoordt dat: de gegevens, waarvoor en op welke grond, wie ze krijgt, hoe lang ze bewaard worden, de rechten en waar
        de ouder met een klacht terecht kan.
      </p>
      <label className="field">
        <span>Leerling</span>
        <input value={query} placeholder="Naam of formuliercode" aria-label="Leerling zoeken voor het dossier" onChange={(e) => setQuery(e.target.value)} />
      </label>
      {searching && hits.length > 0 && (
        <ul className="dossier-hits" aria-label="Gevonden leerlingen">
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" onClick={() => void choose(h.id)}>
                {displayName(h)}
                {h.groupName ? ` · groep ${h.groupName}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorText>{error}</ErrorText>}
      {pupil && base && (
        <>
          <label className="field">
            <span>Wie vroeg het dossier van {displayName(pupil)}?</span>
            <select aria-label="Wie vroeg het dossier" value={requester ?? ''} onChange={(e) => setRequester(e.target.value ? Number(e.target.value) : undefined)}>
              {pupil.guardians.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                  {g.relation ? ` (${g.relation})` : ''}
                </option>
              ))}
              <option value="">Niet één ouder: het volledige dossier</option>
            </select>
            <small>De telefoonnummers en e-mailadressen van de andere ouders/verzorgers blijven dan weg; het dossier zegt dat en waarom.</small>
          </label>
          <DocumentActions
            key={`${pupil.id}-${requester ?? 'all'}`}
            items={[
              { label: `Dossier ${displayName(pupil)} (PDF, om te lezen)`, method: 'documents.dossier', input: { ...base, format: 'pdf' } },
              { label: `Dossier ${displayName(pupil)} (ZIP: PDF, JSON en bijlagen)`, method: 'documents.dossier', input: { ...base, format: 'zip' } },
            ]}
          />
        </>
      )}
    </div>
  )
}

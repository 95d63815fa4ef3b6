import { useState } from 'react'
import { DocumentActions, type DocumentItem } from '../../components/DocumentActions.tsx'
import { isDesktop } from '../../documents.ts'
import { useLoad } from '../../useLoad.ts'
import { DossierRequest } from './DossierRequest.tsx'
import './print.css'
import { ErrorText } from '../../components/ErrorText.tsx'

type Kind = 'forms' | 'no-consent' | 'class-list' | 'dossier'

const KINDS: { key: Kind; title: string; text: string }[] = [
  { key: 'forms', title: 'Toestemmings\u00adformulieren', text: 'Eén leerling per pagina, ingevuld, met code en QR-code.' },
  { key: 'no-consent', title: 'Wie mag niet op de foto', text: 'Eén regel per leerling met een vakje per doel, voor leerkracht of fotograaf.' },
  { key: 'class-list', title: 'Klassenlijst groepsapp', text: 'Ouders en contactgegevens, als PDF, CSV of vCard; e-mailadressen voor BCC.' },
  { key: 'dossier', title: 'Leerlingdossier', text: 'Antwoord op een inzageverzoek: alles over één leerling, als PDF of ZIP.' },
]

/** Checkboxes for a set of ids, with 'alles' and 'niets'. */
function Checks({ legend, options, chosen, onChange, wide }: { legend: string; options: { id: number; label: string }[]; chosen: number[]; onChange: (ids: number[]) => void; wide?: boolean }) {
  return (
    <fieldset>
      <legend>
        {legend}
        <span className="check-links">
          <button type="button" onClick={() => onChange(options.map((o) => o.id))}>
            alles
          </button>
          <button type="button" onClick={() => onChange([])}>
            niets
          </button>
        </span>
      </legend>
      <div className={wide ? 'check-grid wide' : 'check-grid'}>
        {options.map((o) => (
          <label key={o.id}>
            <input type="checkbox" checked={chosen.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** Afdrukken: choose a document, its groups and purposes; open, save or download it. */
export function PrintPage() {
  const groups = useLoad('groups.list', {})
  const purposes = useLoad('purposes.list', {})
  const [kind, setKind] = useState<Kind>('forms')
  const [groupIds, setGroupIds] = useState<number[]>()
  const [purposeIds, setPurposeIds] = useState<number[]>()
  const [onlyWithoutAnswer, setOnlyWithoutAnswer] = useState(false)
  const [eventName, setEventName] = useState('')
  const [classGroup, setClassGroup] = useState<number>()

  if (groups.error || purposes.error) return <ErrorText>{groups.error ?? purposes.error}</ErrorText>
  if (!groups.data || !purposes.data) return <p className="loading">Laden…</p>
  const allGroups = groups.data.map((g) => ({ id: g.id, label: `Groep ${g.name} (${g.pupilCount})` }))
  const allPurposes = purposes.data.map((p) => ({ id: p.id, label: p.label }))
  const chosenGroups = groupIds ?? groups.data.map((g) => g.id)
  const chosenPurposes = purposeIds ?? purposes.data.map((p) => p.id)
  const wholeSchool = chosenGroups.length === groups.data.length
  const pupilTotal = groups.data.filter((g) => chosenGroups.includes(g.id)).reduce((n, g) => n + g.pupilCount, 0)
  const classGroupId = classGroup ?? groups.data[0]?.id
  const className = groups.data.find((g) => g.id === classGroupId)?.name ?? ''

  let items: DocumentItem[] = []
  let problem: string | undefined
  if (kind === 'forms') {
    if (chosenGroups.length === 0) problem = 'Kies minstens één groep.'
    else if (onlyWithoutAnswer && chosenPurposes.length === 0) problem = 'Kies minstens één doel.'
    else
      items = [
        {
          label: `Formulieren voor ${wholeSchool ? 'de hele school' : `${chosenGroups.length} ${chosenGroups.length === 1 ? 'groep' : 'groepen'}`}${onlyWithoutAnswer ? ', alleen zonder antwoord' : ` (${pupilTotal} leerlingen)`}`,
          method: 'documents.consentForms',
          input: { ...(wholeSchool ? {} : { groupIds: chosenGroups }), onlyWithoutAnswer, ...(onlyWithoutAnswer && purposeIds ? { purposeIds: chosenPurposes } : {}) },
        },
      ]
  } else if (kind === 'no-consent') {
    if (chosenGroups.length === 0) problem = 'Kies minstens één groep.'
    else if (chosenPurposes.length === 0) problem = 'Kies minstens één doel.'
    else
      items = [
        {
          label: `Wie mag niet op de foto: ${chosenGroups.length === 1 ? `groep ${groups.data.find((g) => g.id === chosenGroups[0])?.name}` : `${chosenGroups.length} groepen`}, ${chosenPurposes.length} ${chosenPurposes.length === 1 ? 'doel' : 'doelen'}`,
          method: 'documents.noConsentList',
          input: { groupIds: chosenGroups, purposeIds: chosenPurposes, eventName },
        },
      ]
  } else if (kind === 'class-list') {
    if (classGroupId === undefined) problem = 'Er zijn nog geen groepen.'
    else
      items = [
        { label: `Klassenlijst groep ${className} (PDF)`, method: 'documents.classList', input: { groupId: classGroupId, format: 'pdf' } },
        { label: `Klassenlijst groep ${className} (CSV voor Excel)`, method: 'documents.classList', input: { groupId: classGroupId, format: 'csv' } },
        { label: `Contactpersonen groep ${className} (vCard, wie in de groepsapp zit)`, method: 'documents.classList', input: { groupId: classGroupId, format: 'vcf' } },
        { label: `E-mailadressen groep ${className} (BCC, wie niet in de groepsapp zit)`, method: 'documents.classList', input: { groupId: classGroupId, format: 'bcc' } },
      ]
  }

  return (
    <>
      <h1>Afdrukken</h1>
      <div className="print-kinds" role="radiogroup" aria-label="Soort document">
        {KINDS.map((k) => (
          <label key={k.key}>
            <input type="radio" name="kind" value={k.key} checked={kind === k.key} onChange={() => setKind(k.key)} />
            <strong>{k.title}</strong>
            <small>{k.text}</small>
          </label>
        ))}
      </div>
      <section className="card print-options">
        {kind === 'dossier' ? (
          <DossierRequest />
        ) : (
          <>
            {kind === 'class-list' ? (
              <label className="field">
                <span>Groep</span>
                <select value={classGroupId ?? ''} onChange={(e) => setClassGroup(Number(e.target.value))}>
                  {groups.data.map((g) => (
                    <option key={g.id} value={g.id}>
                      Groep {g.name} ({g.pupilCount} leerlingen)
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <Checks legend="Groepen" options={allGroups} chosen={chosenGroups} onChange={setGroupIds} />
            )}
            {kind === 'forms' && (
              <label className="check-line">
                <input type="checkbox" checked={onlyWithoutAnswer} onChange={(e) => setOnlyWithoutAnswer(e.target.checked)} />
                <span>Alleen leerlingen zonder antwoord (of met een antwoord op een oude tekst) voor een van de gekozen doelen</span>
              </label>
            )}
            {(kind === 'no-consent' || (kind === 'forms' && onlyWithoutAnswer)) && <Checks legend="Doelen" options={allPurposes} chosen={chosenPurposes} onChange={setPurposeIds} wide />}
            {kind === 'no-consent' && (
              <label className="field">
                <span>Activiteit (mag leeg blijven)</span>
                <input value={eventName} maxLength={120} placeholder="bijv. Schoolfotograaf 12 maart" onChange={(e) => setEventName(e.target.value)} />
                <small>Komt in de titel: 'Wie mag niet op de foto: …'.</small>
              </label>
            )}
            <p className="print-hint">
              Gemaakt uit de gegevens van dit moment; de datum en tijd staan op elke pagina.{' '}
              {isDesktop() ? "Kies 'Openen om af te drukken' en druk af vanuit het venster dat opent." : 'Open het gedownloade bestand om het af te drukken.'}
            </p>
            {problem ? <ErrorText>{problem}</ErrorText> : <DocumentActions key={kind} items={items} />}
          </>
        )}
      </section>
    </>
  )
}

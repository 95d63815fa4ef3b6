import { useState } from 'react'
import {
  DECISION_LABELS,
  DESK_SOURCES,
  MAX_ATTACHMENT_BYTES,
  SOURCE_LABELS,
  localIsoDate,
  type ConsentCell,
  type Decision,
  type PupilDetail,
} from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { invoke } from '../../api.ts'
import { DateInput, Field, FilePicker, FormError, readFileBase64 } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'

const CHOICES: Decision[] = ['granted', 'refused', 'unknown']
const CHOICE_LABELS: Record<Decision, string> = { granted: 'Ja', refused: 'Nee', unknown: 'Geen antwoord' }

export function StatusBadge({ cell }: { cell: Pick<ConsentCell, 'decision' | 'askAgain' | 'conflict'> }) {
  return (
    <span className="badges">
      <span className={`badge ${cell.decision}`}>{DECISION_LABELS[cell.decision]}</span>
      {cell.askAgain && <span className="badge ask-again" title="Het doel is anders omschreven sinds dit antwoord">Opnieuw vragen</span>}
    </span>
  )
}

/** The consent grid: the current decision per purpose, and the answers of a form, mail or call to record. */
export function ConsentTab({ pupil, onSaved, formCode }: { pupil: PupilDetail; onSaved: (p: PupilDetail) => void; formCode?: string }) {
  const purposes = useLoad('purposes.list', {})
  // A returned form of a consent round, found by the code typed or scanned at the desk.
  const form = useLoad('campaigns.findForm', { code: formCode ?? '' }, '', formCode !== undefined)
  const returnedForm = formCode && form.data?.pupil.id === pupil.id ? form.data : undefined
  const [answers, setAnswers] = useState<Record<number, Decision>>({})
  const [guardianId, setGuardianId] = useState<number | null>(null)
  const [effectiveFrom, setEffectiveFrom] = useState(() => localIsoDate(new Date()))
  const [source, setSource] = useState<(typeof DESK_SOURCES)[number]>('paper_form')
  const [sourceDetail, setSourceDetail] = useState('')
  const [note, setNote] = useState('')
  const [scan, setScan] = useState<File>()
  const [error, setError] = useState<ErrorInfo>()
  const [done, setDone] = useState<string>()
  const [busy, setBusy] = useState(false)

  const cells = new Map(pupil.consent.map((c) => [c.purposeId, c]))
  const guardianName = (id: number) => pupil.guardians.find((g) => g.id === id)?.name ?? 'ouder/verzorger'
  const chosen = Object.entries(answers).map(([purposeId, decision]) => ({ purposeId: Number(purposeId), decision }))
  const setAll = (decision: Decision) => setAnswers(Object.fromEntries((purposes.data ?? []).map((p) => [p.id, decision])))

  const save = async () => {
    setDone(undefined)
    if (scan && scan.size > MAX_ATTACHMENT_BYTES) {
      return setError({ code: 'validation', field: 'attachment', message: 'De scan is groter dan 20 MB. Maak een kleinere scan (bijvoorbeeld in zwart-wit of met een lagere resolutie).' })
    }
    setBusy(true)
    const attachment = scan ? { fileName: scan.name, mimeType: scan.type as 'application/pdf', data: await readFileBase64(scan) } : undefined
    const given = { decisions: chosen, guardianId, effectiveFrom, sourceDetail, note, attachment, consentStamp: pupil.consentStamp }
    const r = returnedForm
      ? await invoke('campaigns.recordReturn', { ...given, code: returnedForm.code }).then((x) => (x.ok ? { ok: true as const, value: x.value.pupil } : x))
      : await invoke('consent.record', { ...given, pupilId: pupil.id, source })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setAnswers({})
    setNote('')
    setScan(undefined)
    setDone(`${chosen.length} ${chosen.length === 1 ? 'antwoord' : 'antwoorden'} vastgelegd${returnedForm ? `; formulier ${returnedForm.code} telt als terug` : ''}.`)
    onSaved(r.value)
  }

  return (
    <>
    {formCode && returnedForm && (
      <p className="form-banner" role="status">
        Teruggekomen formulier <strong>{returnedForm.code}</strong> van de ronde '{returnedForm.campaignName}'
        {returnedForm.returnedAt ? ' (al eerder als terug geteld)' : ''}. Vink de antwoorden aan zoals ze op het formulier staan.
      </p>
    )}
    {formCode && form.error && (
      <p className="form-banner error" role="alert">
        {form.error}
      </p>
    )}
    <div className="consent-layout">
      <section className="card consent-grid">
        <div className="grid-head">
          <h2>Toestemming per doel</h2>
          <div className="quick">
            <button type="button" onClick={() => setAll('granted')}>Alles ja</button>
            <button type="button" onClick={() => setAll('refused')}>Alles nee</button>
            <button type="button" onClick={() => setAnswers({})} disabled={chosen.length === 0}>Wissen</button>
          </div>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>Doel</th>
              <th>Nu</th>
              <th colSpan={3}>Nieuw antwoord</th>
            </tr>
          </thead>
          <tbody>
            {purposes.data?.map((p) => {
              const cell = cells.get(p.id)
              return (
                <tr key={p.id} className={answers[p.id] ? 'changed' : undefined}>
                  <td>
                    <div className="purpose-label">{p.label}</div>
                    {cell?.conflict && (
                      <div className="conflict">
                        Ouders antwoorden verschillend:{' '}
                        {cell.perGuardian.map((g) => `${guardianName(g.guardianId)} ${DECISION_LABELS[g.decision].toLowerCase()}`).join(', ')}. Het strengste antwoord telt.
                      </div>
                    )}
                  </td>
                  <td>{cell && <StatusBadge cell={cell} />}</td>
                  {CHOICES.map((d) => (
                    <td key={d} className="choice">
                      <label>
                        <input type="radio" name={`purpose-${p.id}`} value={d} checked={answers[p.id] === d} onChange={() => setAnswers({ ...answers, [p.id]: d })} aria-label={`${p.label}: ${CHOICE_LABELS[d]}`} />
                        {CHOICE_LABELS[d]}
                      </label>
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>

      <section className="card record-panel">
        <h2>Vastleggen</h2>
        <Field label="Antwoord van" name="guardianId" error={error}>
          <select value={guardianId ?? ''} onChange={(e) => setGuardianId(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">De ouders/verzorgers samen</option>
            {pupil.guardians.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
                {g.relation ? ` (${g.relation})` : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Gaat in op" name="effectiveFrom" error={error}>
          <DateInput name="effectiveFrom" value={effectiveFrom} onChange={setEffectiveFrom} />
        </Field>
        {!returnedForm && (
        <Field label="Hoe kwam het antwoord binnen?" name="source" error={error}>
          <select value={source} onChange={(e) => setSource(e.target.value as (typeof DESK_SOURCES)[number])}>
            {DESK_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        )}
        <Field label="Welk formulier of bericht" name="sourceDetail" error={error} hint="Bijvoorbeeld: toestemmingsformulier 2026-2027">
          <input value={sourceDetail} onChange={(e) => setSourceDetail(e.target.value)} />
        </Field>
        <Field label="Notitie" name="note" error={error}>
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <Field label="Scan of foto van het formulier (PDF, JPG, PNG; hoogstens 20 MB)" name="attachment" error={error}>
          <FilePicker accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" files={scan ? [scan] : []} onChange={(files) => setScan(files[0])} />
        </Field>
        <FormError error={error} fields={['guardianId', 'effectiveFrom', 'source', 'sourceDetail', 'note', 'attachment']} />
        <div className="actions">
          <button className="primary" disabled={chosen.length === 0 || busy} onClick={() => void save()}>
            {chosen.length === 0 ? 'Kies eerst antwoorden' : `${chosen.length} ${chosen.length === 1 ? 'antwoord' : 'antwoorden'} vastleggen`}
          </button>
        </div>
        {done && (
          <p className="ok" role="status">
            {done}
          </p>
        )}
      </section>
    </div>
    </>
  )
}

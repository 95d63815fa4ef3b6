// The pupil's Toestemming tab: the consent grid, and the panel that records the answers of a form,
// mail or call, with the scan of the signed form as proof (chosen or dropped: the page holds its
// token, the core reads the file where it lies when the answers are saved).
import { Fragment, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { DECISION_LABELS, DESK_SOURCES, SOURCE_LABELS, formatDate, localIsoDate, type ConsentCell, type Decision, type PupilDetail } from '../../../../shared/domain.ts'
import type { ChosenFile } from '../../../../shared/files.contract.ts'
import { invoke } from '../../api.ts'
import { DateInput, Field, FormError, impossibleDates } from '../../components/fields.tsx'
import { FileField } from '../../components/FileField.tsx'
import { useSave } from '../../components/useSave.ts'
import { useLoad } from '../../useLoad.ts'
import { ConflictNote } from './ConflictNote.tsx'
import { MailPanel, type LoadedMail } from './MailPanel.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

const CHOICES: Decision[] = ['granted', 'refused', 'unknown']
const CHOICE_LABELS: Record<Decision, string> = { granted: 'Ja', refused: 'Nee', unknown: 'Geen antwoord' }
/** The keys that answer the row that has focus: J(a), N(ee), G(een antwoord). */
const CHOICE_KEYS: Record<string, Decision> = { j: 'granted', n: 'refused', g: 'unknown' }
const today = (): string => localIsoDate(new Date())

export function StatusBadge({ cell }: { cell: Pick<ConsentCell, 'decision' | 'askAgain' | 'conflict'> }) {
  return (
    <span className="badges">
      <span className={`badge ${cell.decision}`}>{DECISION_LABELS[cell.decision]}</span>
      {cell.askAgain && (
        <span className="badge ask-again" title="Het doel is anders omschreven sinds dit antwoord">
          Opnieuw vragen
        </span>
      )}
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
  const [effectiveFrom, setEffectiveFrom] = useState(today)
  const [source, setSource] = useState<(typeof DESK_SOURCES)[number]>('paper_form')
  const [sourceDetail, setSourceDetail] = useState('')
  const [note, setNote] = useState('')
  const [scan, setScan] = useState<ChosenFile>()
  // A parent's e-mail read from a dropped or chosen file: the answer is then recorded from it.
  const [mail, setMail] = useState<LoadedMail>()
  // Raised after each save: the record panel's controls start again empty (a file input too).
  const [round, setRound] = useState(0)
  const [badDate, setBadDate] = useState(false)
  const [done, setDone] = useState<string>()
  const saving = useSave()
  const { error, setError } = saving
  const gridRef = useRef<HTMLTableElement>(null)

  const cells = new Map(pupil.consent.map((c) => [c.purposeId, c]))
  const guardianName = (id: number) => pupil.guardians.find((g) => g.id === id)?.name ?? 'ouder/verzorger'
  const chosen = Object.entries(answers).map(([purposeId, decision]) => ({ purposeId: Number(purposeId), decision }))
  const setAll = (decision: Decision) => setAnswers(Object.fromEntries((purposes.data ?? []).map((p) => [p.id, decision])))

  /** After a save nothing of the last form or call remains: the next answer brings its own proof. */
  const startClean = () => {
    setAnswers({})
    setGuardianId(null)
    setEffectiveFrom(today())
    setSource('paper_form')
    setSourceDetail('')
    setNote('')
    setScan(undefined)
    setMail(undefined)
    setBadDate(false)
    setRound((n) => n + 1)
  }
  const focusRow = (index: number) => {
    const rows = gridRef.current?.querySelectorAll<HTMLTableRowElement>('tbody tr.answer-row')
    const row = rows?.[Math.max(0, Math.min(index, (rows?.length ?? 1) - 1))]
    ;(row?.querySelector<HTMLInputElement>('input:checked') ?? row?.querySelector<HTMLInputElement>('input'))?.focus()
  }
  // Opened from the search box (focus nowhere): the first answer takes focus before the browser paints the grid, so a J/N
  // pressed the moment it shows already lands on it.
  const loaded = purposes.data !== undefined
  useLayoutEffect(() => {
    if (!loaded || (document.activeElement && document.activeElement !== document.body)) return
    gridRef.current?.querySelector<HTMLInputElement>('tbody tr.answer-row input')?.focus()
  }, [loaded, gridRef])

  const save = () =>
    saving.run(async () => {
      setDone(undefined)
      if (chosen.length === 0) return setError({ code: 'validation', field: 'decisions', message: 'Er is niets vastgelegd: kies eerst bij minstens één doel Ja, Nee of Geen antwoord.' })
      const bad = impossibleDates({ effectiveFrom: badDate })
      if (bad) return setError(bad)
      const attachment = scan ? { token: scan.token } : undefined
      const given = { decisions: chosen, guardianId, effectiveFrom, sourceDetail, note, attachment, consentStamp: pupil.consentStamp }
      const r = mail
        ? await invoke('mail.record', { pupilId: pupil.id, mail: { token: mail.file.token }, decisions: chosen, guardianId, effectiveFrom, note, consentStamp: pupil.consentStamp })
        : returnedForm
          ? await invoke('campaigns.recordReturn', { ...given, code: returnedForm.code }).then((x) => (x.ok ? { ok: true as const, value: x.value.pupil } : x))
          : await invoke('consent.record', { ...given, pupilId: pupil.id, source })
      if (!r.ok) return setError(r.error)
      setError(undefined)
      const who = guardianId === null ? 'de ouders/verzorgers samen' : guardianName(guardianId)
      startClean()
      setDone(
        `Opgeslagen: ${chosen.length} ${chosen.length === 1 ? 'antwoord' : 'antwoorden'} van ${who}${returnedForm ? `; formulier ${returnedForm.code} telt als terug` : ''}. ` +
          'Het formulier is weer leeg voor het volgende antwoord.',
      )
      onSaved(r.value)
      focusRow(0)
    })

  /** J, N or G answers the row with focus and moves on to the next row at once, so the next key, however fast, answers that row. */
  const answerByKey = (e: KeyboardEvent, purposeId: number, index: number) => {
    const decision = CHOICE_KEYS[e.key.toLowerCase()]
    if (!decision || e.ctrlKey || e.altKey || e.metaKey) return
    e.preventDefault()
    setAnswers((a) => ({ ...a, [purposeId]: decision }))
    setDone(undefined)
    focusRow(index + 1)
  }
  const saveByKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void save()
    }
  }

  return (
    <>
      {formCode && returnedForm && (
        <p className="form-banner" role="status">
          Teruggekomen formulier <strong>{returnedForm.code}</strong> van de ronde '{returnedForm.campaignName}'{returnedForm.returnedAt ? ' (al eerder als terug geteld)' : ''}. Vink de antwoorden aan zoals ze op het
          formulier staan.
        </p>
      )}
      {formCode && form.error && <ErrorText banner>{form.error}</ErrorText>}
      {done && (
        <p className="ok saved-banner" role="status">
          {done}
        </p>
      )}
      <div className="consent-layout" onKeyDown={saveByKey}>
        <section className="card consent-grid">
          <div className="grid-head">
            <h2>Toestemming per doel</h2>
            <div className="quick">
              <button type="button" onClick={() => setAll('granted')}>
                Alles ja
              </button>
              <button type="button" onClick={() => setAll('refused')}>
                Alles nee
              </button>
              <button type="button" onClick={() => setAnswers({})} disabled={chosen.length === 0}>
                Wissen
              </button>
            </div>
          </div>
          <p className="hint keys">Met het toetsenbord: Tab naar een doel, dan J (ja), N (nee) of G (geen antwoord); Ctrl+Enter legt vast.</p>
          <table className="grid" ref={gridRef}>
            <thead>
              <tr>
                <th>Doel</th>
                <th>Nu</th>
                <th colSpan={3}>Nieuw antwoord</th>
              </tr>
            </thead>
            <tbody>
              {purposes.data?.map((p, index) => {
                const cell = cells.get(p.id)
                return (
                  <Fragment key={p.id}>
                    <tr className={answers[p.id] ? 'answer-row changed' : 'answer-row'} onKeyDown={(e) => answerByKey(e, p.id, index)}>
                      <td>
                        <div className="purpose-label">{p.label}</div>
                      </td>
                      <td>{cell && <StatusBadge cell={cell} />}</td>
                      {CHOICES.map((d) => (
                        <td key={d} className="choice">
                          <label>
                            <input
                              type="radio"
                              name={`purpose-${p.id}`}
                              value={d}
                              checked={answers[p.id] === d}
                              onChange={() => {
                                setDone(undefined)
                                setAnswers({ ...answers, [p.id]: d })
                              }}
                              aria-label={`${p.label}: ${CHOICE_LABELS[d]}`}
                            />
                            {CHOICE_LABELS[d]}
                          </label>
                        </td>
                      ))}
                    </tr>
                    {cell?.conflict && (
                      <tr className="conflict-row">
                        <td colSpan={5}>
                          <ConflictNote
                            purposeLabel={p.label}
                            cell={cell}
                            guardians={pupil.guardians}
                            onJointAnswer={() => {
                              setGuardianId(null)
                              focusRow(index)
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        </section>

        <div className="record-column">
          <section className="card record-panel" key={round}>
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
              <DateInput name="effectiveFrom" value={effectiveFrom} invalid={error?.field === 'effectiveFrom'} onBad={setBadDate} onChange={setEffectiveFrom} />
            </Field>
            {mail && (
              <p className="hint">
                Uit de e-mail: bron e-mail, '{mail.preview.subject || '(geen onderwerp)'}, {formatDate(mail.preview.sentDate)}'; de e-mail wordt als bewijs bewaard.
              </p>
            )}
            {!returnedForm && !mail && (
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
            {!mail && (
              <Field label="Welk formulier of bericht" name="sourceDetail" error={error}>
                <input value={sourceDetail} placeholder="bijv. toestemmingsformulier 2026-2027" onChange={(e) => setSourceDetail(e.target.value)} />
              </Field>
            )}
            <Field label="Notitie" name="note" error={error}>
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
            {!mail && (
              <FileField
                label="Scan van het formulier (PDF, JPG, PNG; tot 20 MB)"
                name="attachment"
                purpose="signedForm"
                files={scan ? [scan] : []}
                error={error}
                onChange={(files) => {
                  setError(undefined)
                  setScan(files[0])
                }}
                onRefused={(e) => {
                  setScan(undefined)
                  setError(e)
                }}
              />
            )}
            <FormError error={error} fields={['guardianId', 'effectiveFrom', 'source', 'sourceDetail', 'note', 'attachment']} />
            <FormActions>
              <button className="primary" disabled={chosen.length === 0 || saving.busy} aria-keyshortcuts="Control+Enter" onClick={() => void save()}>
                {chosen.length === 0 ? 'Kies eerst antwoorden' : `${chosen.length} ${chosen.length === 1 ? 'antwoord' : 'antwoorden'} vastleggen`}
              </button>
            </FormActions>
          </section>
          {!returnedForm && (
            <MailPanel
              key={`mail-${round}`}
              pupil={pupil}
              mail={mail}
              onMail={(m) => {
                setMail(m)
                if (!m) return
                setGuardianId(m.preview.guardianMatches[0]?.guardianId ?? null)
                setEffectiveFrom(m.preview.sentDate)
                setSource('email')
              }}
            />
          )}
        </div>
      </div>
    </>
  )
}

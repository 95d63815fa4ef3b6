// One scanned form under review: each purpose row's crop beside the proposed answer (unclear and
// unsure rows first, marked), who signed, and the keyboard: J / N / G per row, arrows between rows,
// 1-9 or 0 for the guardian, Enter confirms, S skips. Nothing is recorded before Enter (or the button).
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ReviewAnswer, ScanFormView } from '../../../../shared/scan.contract.ts'
import { invoke } from '../../api.ts'

const ANSWER_LABEL: Record<ReviewAnswer, string> = { granted: 'Ja', refused: 'Nee', none: 'Leeg' }
const READING_LABEL: Record<string, string> = { ja: 'ja aangekruist', nee: 'nee aangekruist', geen: 'niets aangekruist', beide: 'ja én nee aangekruist', onduidelijk: 'onduidelijk' }
const KEYS: Record<string, ReviewAnswer> = { j: 'granted', n: 'refused', g: 'none' }

/** The guardian choice: an id, null for 'together' or 'without a guardian', undefined while not chosen. */
type Signer = number | null | undefined

export interface Confirmation {
  answers: { purposeId: number; answer: ReviewAnswer }[]
  guardianId: number | null
}

function initialSigner(form: ScanFormView): Signer {
  if (form.unsigned) return undefined
  return form.proposedGuardianId
}

export function FormReview({ sessionId, form, onConfirm, onSkip, busy }: { sessionId: string; form: ScanFormView; onConfirm: (c: Confirmation) => void; onSkip: () => void; busy: boolean }) {
  const [answers, setAnswers] = useState<Record<number, ReviewAnswer>>(() => Object.fromEntries(form.rows.map((r) => [r.purposeId, r.proposal])))
  const [current, setCurrent] = useState(0)
  const [signer, setSigner] = useState<Signer>(() => initialSigner(form))
  const [crops, setCrops] = useState<Record<number, string>>({})
  /** For a page given by hand (no rows to cut out): the whole page beside the answers. */
  const [wholePage, setWholePage] = useState<string>()
  const [hint, setHint] = useState<string>()
  const panel = useRef<HTMLDivElement>(null)
  const open = form.state === 'open'

  // Focus before the browser paints the new form: a key pressed the moment it shows reaches it (after a
  // passive effect it could land on the page's body, and the Enter for this form was lost). The page
  // mounts this component anew for each form (keyed by the form), so once is each form.
  useLayoutEffect(() => {
    panel.current?.focus({ preventScroll: true })
  }, [])
  useEffect(() => {
    let live = true
    if (!form.rows.some((r) => r.hasCrop)) {
      const [pageIndex] = form.pageIndexes
      if (pageIndex !== undefined) void invoke('scan.page', { sessionId, pageIndex }).then((r) => live && r.ok && setWholePage(r.value.image))
      return () => {
        live = false
      }
    }
    void invoke('scan.crops', { sessionId, formKey: form.key }).then((r) => {
      if (live && r.ok) setCrops(Object.fromEntries(r.value.rows.map((c) => [c.purposeId, c.image])))
    })
    return () => {
      live = false
    }
  }, [sessionId, form.key, form.rows, form.pageIndexes])

  const set = (purposeId: number, answer: ReviewAnswer) => setAnswers((a) => ({ ...a, [purposeId]: answer }))
  const confirm = () => {
    if (!open || busy) return
    if (signer === undefined) {
      setHint('Geen handtekening gevonden: kies eerst van wie de antwoorden zijn (toets 1, 2, … of 0 voor zonder ouder/verzorger).')
      return
    }
    setHint(undefined)
    onConfirm({ answers: form.rows.map((r) => ({ purposeId: r.purposeId, answer: answers[r.purposeId] ?? 'none' })), guardianId: signer })
  }
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Typing in a field is typing; the guardian's radio buttons take the review's keys too.
    if ((e.target instanceof HTMLInputElement && e.target.type !== 'radio') || e.ctrlKey || e.altKey || e.metaKey) return
    const row = form.rows[current]
    const key = e.key.toLowerCase()
    if (open && row && KEYS[key]) set(row.purposeId, KEYS[key])
    else if (e.key === 'ArrowDown') setCurrent((c) => Math.min(form.rows.length - 1, c + 1))
    else if (e.key === 'ArrowUp') setCurrent((c) => Math.max(0, c - 1))
    else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) confirm()
    else if (key === 's') onSkip()
    else if (open && key === '0') setSigner(null)
    else if (open && /^[1-9]$/.test(key) && form.guardians[Number(key) - 1]) setSigner(form.guardians[Number(key) - 1]?.id)
    else return
    e.preventDefault()
  }

  const signedNames = form.guardians.filter((g) => g.signed === true).map((g) => g.name)
  return (
    <div className="scan-form" ref={panel} tabIndex={-1} onKeyDown={onKey} aria-labelledby={`scan-form-${form.key}`}>
      <div className="page-head">
        <h2 id={`scan-form-${form.key}`}>
          Formulier van {form.pupil.name}
          {form.pupil.groupName ? `, groep ${form.pupil.groupName}` : ''}
        </h2>
        <span className="muted">{[form.code, ...form.sources].filter(Boolean).join(' · ')}</span>
      </div>
      {form.message && (
        <p className="scan-refused" role="alert">
          {form.message}
        </p>
      )}
      {form.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {wholePage && <img className="scan-page-image scan-whole" src={wholePage} alt={`Gescande pagina: ${form.sources.join(', ')}`} />}
      <table className="list scan-rows">
        <caption className="visually-hidden">Antwoorden per doel, zoals gelezen; onduidelijke regels eerst</caption>
        <thead>
          <tr>
            <th scope="col" className="scan-col-purpose">
              Doel
            </th>
            <th scope="col">Op het formulier</th>
            <th scope="col" className="scan-col-answer">
              Antwoord
            </th>
          </tr>
        </thead>
        <tbody>
          {form.rows.map((r, i) => {
            const answer = answers[r.purposeId] ?? 'none'
            return (
              <tr
                key={r.purposeId}
                className={[i === current ? 'current' : '', r.unclear ? 'unclear' : r.lowConfidence ? 'unsure' : ''].join(' ')}
                aria-current={i === current ? 'true' : undefined}
                onClick={() => setCurrent(i)}
              >
                <th scope="row">
                  {r.label}
                  {r.unclear && <span className="badge ask-again"> {r.reading === 'beide' ? `Onduidelijk: ${READING_LABEL.beide}` : r.reading ? 'Onduidelijk' : 'Zelf invullen'}</span>}
                  {r.lowConfidence && <span className="badge unknown"> Onzeker: {READING_LABEL[r.reading ?? ''] ?? ''}</span>}
                </th>
                <td className="scan-crop">
                  {crops[r.purposeId] ? <img src={crops[r.purposeId]} alt={`Gescande regel '${r.label}'`} /> : <span className="muted">{r.hasCrop ? 'Laden…' : 'zie de pagina hierboven'}</span>}
                </td>
                <td>
                  <span className="scan-choices" role="group" aria-label={`Antwoord voor '${r.label}'`}>
                    {(['granted', 'refused', 'none'] as const).map((a) => (
                      <button key={a} type="button" className={answer === a ? `chosen ${a}` : ''} aria-pressed={answer === a} disabled={!open} onClick={() => set(r.purposeId, a)}>
                        {ANSWER_LABEL[a]}
                      </button>
                    ))}
                  </span>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <fieldset className="scan-signer" disabled={!open}>
        <legend>{form.unsigned ? 'Geen handtekening gevonden. Van wie zijn deze antwoorden?' : `Ondertekend door ${signedNames.join(' en ') || 'een ouder/verzorger'}. Antwoorden van:`}</legend>
        {form.guardians.map((g, i) => (
          <label key={g.id} className="check">
            <input type="radio" name={`signer-${form.key}`} checked={signer === g.id} onChange={() => setSigner(g.id)} /> {i + 1}. {g.name}
            {g.signed === true ? ' (ondertekend)' : g.signed === false ? ' (niet ondertekend)' : ''}
          </label>
        ))}
        <label className="check">
          <input type="radio" name={`signer-${form.key}`} checked={signer === null} onChange={() => setSigner(null)} /> 0. {signedNames.length > 1 ? 'De ouders/verzorgers samen' : 'Zonder ouder/verzorger vastleggen'}
        </label>
      </fieldset>
      {hint && (
        <p className="error" role="alert">
          {hint}
        </p>
      )}
      <p className="scan-keys" aria-label="Toetsen">
        <kbd>J</kbd> ja · <kbd>N</kbd> nee · <kbd>G</kbd> leeg · <kbd>↑</kbd> <kbd>↓</kbd> vorig / volgend doel · <kbd>1</kbd> <kbd>2</kbd> ouder/verzorger · <kbd>0</kbd> zonder · <kbd>Enter</kbd> bevestigen ·{' '}
        <kbd>S</kbd> overslaan
      </p>
      <div className="actions">
        {open && (
          <button className="primary" disabled={busy} onClick={confirm}>
            Bevestigen en vastleggen (Enter)
          </button>
        )}
        <button onClick={onSkip}>{open ? 'Overslaan (S)' : 'Volgende formulier'}</button>
      </div>
    </div>
  )
}

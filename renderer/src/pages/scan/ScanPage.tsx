// Formulieren scannen: choose the scan of returned consent forms, read it in the background (with
// progress and a stop), then review form by form and confirm each with one key. Nothing is recorded
// before a form is confirmed; a form that came back already, is in the scan twice, or belongs to a
// closed round is shown with the reason and cannot be confirmed.
import { useEffect, useRef, useState } from 'react'
import type { ChosenFile } from '../../../../shared/files.contract.ts'
import type { ScanSessionView } from '../../../../shared/scan.contract.ts'
import { invoke } from '../../api.ts'
import { FormReview, type Confirmation } from './FormReview.tsx'
import { PagesWithoutCode } from './PagesWithoutCode.tsx'
import { ScanFiles } from './ScanFiles.tsx'
import './scan.css'

const STATE_LABEL = { open: 'Te bekijken', confirmed: 'Vastgelegd', already_returned: 'Al terug', duplicate: 'Dubbel', closed_round: 'Ronde afgesloten' } as const

function Reading({ progressId, onStop }: { progressId: string; onStop: () => void }) {
  const [p, setP] = useState({ done: 0, total: 0 })
  useEffect(() => {
    const timer = setInterval(() => void invoke('scan.progress', { progressId }).then((r) => r.ok && r.value.running && setP(r.value)), 300)
    return () => clearInterval(timer)
  }, [progressId])
  const pct = p.total === 0 ? 0 : Math.min(100, Math.round((p.done / p.total) * 100))
  return (
    <section className="card">
      <span className="progress" role="status">
        <span className="progress-bar" role="progressbar" aria-label="Voortgang van het lezen" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
          <span style={{ width: `${pct}%` }} />
        </span>
        <span className="progress-text">{p.total ? `Pagina ${p.done} van ${p.total} gelezen…` : 'De scan wordt gelezen…'}</span>
      </span>
      <div className="actions">
        <button onClick={onStop}>Stoppen</button>
      </div>
    </section>
  )
}

/** The scan on screen, kept while the user visits another page (a pupil, the round) and comes back. */
let openScan: string | undefined

export function ScanPage() {
  const [files, setFiles] = useState<ChosenFile[]>([])
  const [reading, setReading] = useState<string>()
  const [session, setSession] = useState<ScanSessionView>()
  const [selected, setSelected] = useState<string>()
  const [skipped, setSkipped] = useState<Set<string>>(new Set())
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const runs = useRef(0)

  useEffect(() => {
    if (!openScan) return
    void invoke('scan.session', { sessionId: openScan }).then((r) => {
      if (!r.ok) {
        openScan = undefined
        return
      }
      setSession(r.value)
      setSelected(r.value.forms.find((f) => f.state === 'open')?.key ?? r.value.forms[0]?.key)
    })
  }, [])

  const start = async () => {
    setError(undefined)
    setStatus(undefined)
    const progressId = `p-scan-${Date.now()}-${++runs.current}`
    setReading(progressId)
    try {
      // Tokens only: the core reads the files where they lie (and refuses a scan too large from its size).
      const r = await invoke('scan.start', { files: files.map((f) => ({ token: f.token })), progressId })
      if (!r.ok) return setError(r.error.message)
      openScan = r.value.sessionId
      setSession(r.value)
      setSkipped(new Set())
      setSelected(r.value.forms.find((f) => f.state === 'open')?.key ?? r.value.forms[0]?.key)
    } finally {
      setReading(undefined)
    }
  }
  const nextOpen = (view: ScanSessionView, after: string | undefined, skip: Set<string>) => {
    const forms = view.forms
    const from = Math.max(
      0,
      forms.findIndex((f) => f.key === after),
    )
    const order = [...forms.slice(from + 1), ...forms.slice(0, from + 1)]
    return order.find((f) => f.state === 'open' && !skip.has(f.key) && f.key !== after)?.key
  }
  const confirm = async (key: string, c: Confirmation) => {
    if (!session) return
    const form = session.forms.find((f) => f.key === key)
    setBusy(true)
    setError(undefined)
    // Busy until the next form is on screen: a second Enter meanwhile must not reach the form just recorded.
    try {
      const r = await invoke('scan.confirm', { sessionId: session.sessionId, formKey: key, ...c, ...(form ? { consentStamp: form.consentStamp } : {}) })
      if (!r.ok) return setError(r.error.message)
      // The answer carries the form as it is now; the others are as they were (no reload of hundreds of forms).
      const fresh = { ...session, forms: session.forms.map((f) => (f.key === key ? r.value.form : f)) }
      setSession(fresh)
      setSelected(nextOpen(fresh, key, skipped) ?? key)
      setStatus(r.value.message)
    } finally {
      setBusy(false)
    }
  }
  const skip = (key: string) => {
    if (!session) return
    const more = new Set(skipped).add(key)
    setSkipped(more)
    setSelected(nextOpen(session, key, more) ?? key)
  }
  const assign = async (pageIndex: number, pupilId: number) => {
    if (!session) return
    const r = await invoke('scan.assign', { sessionId: session.sessionId, pageIndex, pupilId })
    if (!r.ok) return setError(r.error.message)
    setSession(r.value)
    setSelected(`pagina-${pageIndex + 1}`)
  }
  const done = async () => {
    if (session) await invoke('scan.close', { sessionId: session.sessionId })
    openScan = undefined
    setSession(undefined)
    setFiles([])
    setStatus('De scan is gesloten. Wat u bevestigde, is vastgelegd; de rest niet.')
  }

  const form = session?.forms.find((f) => f.key === selected)
  const confirmed = session?.forms.filter((f) => f.state === 'confirmed').length ?? 0
  const allSeen = session !== undefined && session.forms.length > 0 && !session.forms.some((f) => f.state === 'open' && !skipped.has(f.key))
  return (
    <div className="scan">
      <h1>Formulieren scannen</h1>
      {!session && !reading && (
        <section className="card">
          <p>
            Scan de teruggekomen toestemmingsformulieren op de kopieermachine (één PDF, of een map met JPG-, PNG- of TIFF-bestanden) en kies de bestanden. Het programma leest per formulier de code en de aangekruiste
            antwoorden; u controleert ze en legt elk formulier vast met Enter.
          </p>
          <ScanFiles files={files} onChange={setFiles} onError={setError} />
          <div className="actions scan-start">
            <button className="primary" disabled={files.length === 0} onClick={() => void start()}>
              Scan lezen
            </button>
          </div>
        </section>
      )}
      {reading && <Reading progressId={reading} onStop={() => void invoke('jobs.cancel', { progressId: reading })} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p className="ok" role="status">
          {status}
        </p>
      )}
      {session && (
        <>
          {session.notice && (
            <p className="scan-notice" role="alert">
              {session.notice}
            </p>
          )}
          <div className="toolbar">
            <span className="count">
              {session.pageCount} {session.pageCount === 1 ? 'pagina' : "pagina's"} gelezen · {session.forms.length} formulieren · {confirmed} vastgelegd · {session.pages.length} zonder code
            </span>
            <button onClick={() => void done()}>Klaar met deze scan</button>
          </div>
          {allSeen && <p className="ok">Alle formulieren van deze scan zijn bekeken{skipped.size > 0 ? '; wat u oversloeg, is niet vastgelegd' : ''}.</p>}
          {form && (
            <section className="card">
              <FormReview key={`${form.key}-${form.state}`} sessionId={session.sessionId} form={form} busy={busy} onConfirm={(c) => void confirm(form.key, c)} onSkip={() => skip(form.key)} />
            </section>
          )}
          {session.forms.length > 0 && (
            <section className="card">
              <h2>Alle formulieren in deze scan</h2>
              <table className="list compact">
                <thead>
                  <tr>
                    <th scope="col">Leerling</th>
                    <th scope="col">Groep</th>
                    <th scope="col">Code</th>
                    <th scope="col">Stand</th>
                  </tr>
                </thead>
                <tbody>
                  {session.forms.map((f) => (
                    <tr key={f.key} aria-current={f.key === selected ? 'true' : undefined}>
                      <td>
                        <button className="link" onClick={() => setSelected(f.key)}>
                          {f.pupil.name}
                        </button>
                      </td>
                      <td>{f.pupil.groupName ?? ''}</td>
                      <td>{f.code ?? 'zonder code'}</td>
                      <td>
                        {skipped.has(f.key) && f.state === 'open' ? 'Overgeslagen' : STATE_LABEL[f.state]}
                        {f.state === 'open' && f.needsAttention ? ' · nakijken' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <PagesWithoutCode
            sessionId={session.sessionId}
            pages={session.pages.filter((p) => !skipped.has(`pagina-${p.pageIndex + 1}`))}
            onAssign={(i, id) => void assign(i, id)}
            onSkip={(i) => setSkipped(new Set(skipped).add(`pagina-${i + 1}`))}
          />
        </>
      )}
    </div>
  )
}

import { useState } from 'react'
import { formatDate } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { RETENTION_INFO, RETENTION_KINDS, type RetentionOverview, type RetentionPeriods } from '../../../../shared/retention.ts'
import { invoke } from '../../api.ts'
import { Field, FormError } from '../../components/fields.tsx'

const asText = (p: RetentionPeriods): Record<keyof RetentionPeriods, string> => ({ contact: String(p.contact), dossier: String(p.dossier), consent: String(p.consent), pupil: String(p.pupil) })

/** Retention periods, what is due for removal, and removal after a confirmation that lists exactly what goes. */
export function RetentionSection({ overview, onChanged }: { overview: RetentionOverview; onChanged: () => void }) {
  // What the fields were loaded with: only the periods changed since are sent, so one another
  // window changed meanwhile is not written back with the old value.
  const [loaded, setLoaded] = useState(() => asText(overview.periods))
  const [periods, setPeriods] = useState(loaded)
  const [error, setError] = useState<ErrorInfo>()
  const [message, setMessage] = useState<string>()

  const savePeriods = async () => {
    const changed = Object.fromEntries(RETENTION_KINDS.filter((k) => periods[k] !== loaded[k]).map((k) => [k, Number(periods[k])]))
    const r = await invoke('retention.setPeriods', { periods: changed })
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setLoaded(asText(r.value.periods))
    setPeriods(asText(r.value.periods))
    setMessage('Bewaartermijnen opgeslagen.')
    onChanged()
  }

  const remove = async () => {
    const lines = overview.due.map((d) => `- ${d.name}: ${d.kinds.map((k) => `${RETENTION_INFO[k.kind].label.toLowerCase()} (${k.items})`).join(', ')}`)
    if (!confirm(`Dit wordt definitief verwijderd (er wordt eerst een reservekopie gemaakt):\n\n${lines.join('\n')}\n\nDoorgaan?`)) return
    const r = await invoke('retention.remove', { items: overview.due.map((d) => ({ pupilId: d.pupilId, kinds: d.kinds.map((k) => k.kind) })) })
    if (!r.ok) return setError(r.error)
    setMessage(`Verwijderd: gegevens van ${overview.due.length} ${overview.due.length === 1 ? 'leerling' : 'leerlingen'}${r.value.backup ? `. Reservekopie: ${r.value.backup}` : ''}.`)
    onChanged()
  }

  return (
    <>
      <section className="card">
        <h2>Bewaartermijnen na vertrek</h2>
        <table className="list compact">
          <thead>
            <tr>
              <th>Gegevens</th>
              <th>Termijn (maanden)</th>
              <th>Waarom</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION_KINDS.map((kind) => (
              <tr key={kind}>
                <td>
                  <strong>{RETENTION_INFO[kind].label}</strong>
                  <div className="muted">{RETENTION_INFO[kind].what}</div>
                </td>
                <td>
                  <Field label="" name={kind} error={error}>
                    <input aria-label={`Termijn ${RETENTION_INFO[kind].label}`} inputMode="numeric" className="months" value={periods[kind]} onChange={(e) => setPeriods({ ...periods, [kind]: e.target.value.replace(/\D/g, '') })} />
                  </Field>
                </td>
                <td className="muted">{RETENTION_INFO[kind].basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={error} fields={['contact', 'dossier', 'consent', 'pupil']} />
        <div className="actions">
          <button onClick={() => void savePeriods()}>Termijnen opslaan</button>
        </div>
      </section>
      <section className="card">
        <h2>Te verwijderen</h2>
        {message && (
          <p className="ok" role="status">
            {message}
          </p>
        )}
        {overview.due.length === 0 ? (
          <p className="muted">Er zijn geen gegevens waarvan de bewaartermijn verstreken is.</p>
        ) : (
          <>
            <table className="list compact">
              <thead>
                <tr>
                  <th>Leerling</th>
                  <th>Vertrokken</th>
                  <th>Wat gaat weg</th>
                </tr>
              </thead>
              <tbody>
                {overview.due.map((d) => (
                  <tr key={d.pupilId}>
                    <td>{d.name}</td>
                    <td>{formatDate(d.leftOn)}</td>
                    <td>
                      {d.kinds.map((k) => (
                        <div key={k.kind}>
                          {RETENTION_INFO[k.kind].label} ({k.items}) <span className="muted">sinds {formatDate(k.dueSince)}</span>
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="actions">
              <button className="primary danger" onClick={() => void remove()}>
                Deze gegevens verwijderen
              </button>
            </div>
          </>
        )}
      </section>
    </>
  )
}

import { useState } from 'react'
import { formatDate } from '../../../../shared/domain.ts'
import { RETENTION_INFO, RETENTION_KINDS, SAFETY_BACKUP_DAYS, SAFETY_BACKUP_TEXT, type RetentionOverview, type RetentionPeriods } from '../../../../shared/retention.ts'
import { invoke } from '../../api.ts'
import { useConfirm } from '../../components/ConfirmDialog.tsx'
import { Field, FormError } from '../../components/fields.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { useSave } from '../../components/useSave.ts'
import { ListTable } from '../../components/ListTable.tsx'

const asText = (p: RetentionPeriods): Record<keyof RetentionPeriods, string> => ({ contact: String(p.contact), dossier: String(p.dossier), consent: String(p.consent), pupil: String(p.pupil) })

/** Retention periods, what is due for removal, and removal after a confirmation that lists exactly what goes. */
export function RetentionSection({ overview, onChanged }: { overview: RetentionOverview; onChanged: () => void }) {
  // What the fields were loaded with: only the periods changed since are sent, so one another
  // window changed meanwhile is not written back with the old value.
  const [loaded, setLoaded] = useState(() => asText(overview.periods))
  const [periods, setPeriods] = useState(loaded)
  const { run, busy, error, setError } = useSave()
  const [message, setMessage] = useState<string>()
  const { dialog, ask } = useConfirm()

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
    const names = overview.due.map((d) => `${d.name}: ${d.kinds.map((k) => `${RETENTION_INFO[k.kind].label.toLowerCase()} (${k.items})`).join(', ')}`)
    const count = overview.due.length
    const yes = await ask({
      title: 'Definitief verwijderen?',
      lines: [
        `Van ${count === 1 ? '1 oud-leerling' : `${count} oud-leerlingen`} worden de gegevens hieronder definitief verwijderd, ook uit het logboek en de importgeschiedenis.`,
        `Er wordt eerst een reservekopie gemaakt; die blijft ${SAFETY_BACKUP_DAYS} dagen bewaard. Oudere reservekopieën worden zonder deze gegevens herschreven.`,
      ],
      lists: [{ heading: 'Wat er verdwijnt:', names }],
      confirmLabel: 'Definitief verwijderen',
      danger: true,
    })
    if (!yes) return
    await run(async () => {
      const r = await invoke('retention.remove', { items: overview.due.map((d) => ({ pupilId: d.pupilId, kinds: d.kinds.map((k) => k.kind) })) })
      if (!r.ok) return setError(r.error)
      setMessage(r.value.message)
      onChanged()
    })
  }

  return (
    <>
      <section className="card">
        <h2>Bewaartermijnen na vertrek</h2>
        <ListTable
          className="compact"
          rows={RETENTION_KINDS}
          rowKey={(kind) => kind}
          columns={[
            {
              header: 'Gegevens',
              render: (kind) => (
                <>
                  <strong>{RETENTION_INFO[kind].label}</strong>
                  <div className="muted">{RETENTION_INFO[kind].what}</div>
                </>
              ),
            },
            {
              header: 'Termijn (maanden)',
              render: (kind) => (
                <Field label="" name={kind} error={error}>
                  <input
                    aria-label={`Termijn ${RETENTION_INFO[kind].label}`}
                    inputMode="numeric"
                    className="months"
                    value={periods[kind]}
                    onChange={(e) => setPeriods({ ...periods, [kind]: e.target.value.replace(/\D/g, '') })}
                  />
                </Field>
              ),
            },
            { header: 'Waarom', className: 'muted', render: (kind) => RETENTION_INFO[kind].basis },
          ]}
        />
        <FormError error={error} fields={['contact', 'dossier', 'consent', 'pupil']} />
        <FormActions>
          <button onClick={() => void savePeriods()}>Termijnen opslaan</button>
        </FormActions>
      </section>
      <section className="card">
        <h2>Te verwijderen</h2>
        {message && (
          <p className="ok" role="status">
            {message}
          </p>
        )}
        <p className="muted">{SAFETY_BACKUP_TEXT}</p>
        {overview.safetyBackups.length > 0 && (
          <ul aria-label="Reservekopieën met verwijderde gegevens">
            {overview.safetyBackups.map((b) => (
              <li key={b.name}>
                {b.name}: gemaakt vlak vóór het verwijderen, bevat de verwijderde gegevens nog; wordt op {formatDate(b.until)} gewist.
              </li>
            ))}
          </ul>
        )}
        {overview.due.length === 0 ? (
          <p className="muted">Er zijn geen gegevens waarvan de bewaartermijn verstreken is.</p>
        ) : (
          <>
            <ListTable
              className="compact"
              rows={overview.due}
              rowKey={(d) => d.pupilId}
              columns={[
                { header: 'Leerling', render: (d) => d.name },
                { header: 'Vertrokken', render: (d) => formatDate(d.leftOn) },
                {
                  header: 'Wat gaat weg',
                  render: (d) =>
                    d.kinds.map((k) => (
                      <div key={k.kind}>
                        {RETENTION_INFO[k.kind].label} ({k.items}) <span className="muted">sinds {formatDate(k.dueSince)}</span>
                      </div>
                    )),
                },
              ]}
            />
            <FormActions>
              <button className="primary danger" disabled={busy} onClick={() => void remove()}>
                Deze gegevens verwijderen
              </button>
              {busy && <span className="muted">Bezig: verwijderen, daarna de oudere reservekopieën herschrijven…</span>}
            </FormActions>
          </>
        )}
      </section>
      {dialog}
    </>
  )
}

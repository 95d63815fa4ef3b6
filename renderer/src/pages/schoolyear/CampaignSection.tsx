import { useState } from 'react'
import type { CampaignDetail } from '../../../../shared/campaigns.contract.ts'
import { formatDate } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { invoke } from '../../api.ts'
import { useConfirm } from '../../components/ConfirmDialog.tsx'
import { usePrintJob } from '../../components/PrintJob.tsx'
import { DateInput, Field } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { formatMoment } from '../../../../shared/dates.ts'
import { href } from '../../router.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'
import { useSave } from '../../components/useSave.ts'
import { ListTable } from '../../components/ListTable.tsx'

function Progress({ done, total }: { done: number; total: number }) {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100)
  return (
    <span className="progress" role="img" aria-label={`${done} van ${total} terug`}>
      <span className="progress-bar">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span className="progress-text">
        {done} van {total} terug
      </span>
    </span>
  )
}

function NewCampaign({ onStarted }: { onStarted: (c: CampaignDetail) => void }) {
  const groups = useLoad('groups.list', {})
  const settings = useLoad('settings.get', {})
  const [name, setName] = useState('')
  const [groupIds, setGroupIds] = useState<number[]>([])
  const [withoutAnswer, setWithoutAnswer] = useState(false)
  const [askAgain, setAskAgain] = useState(false)
  const [olderThan, setOlderThan] = useState(false)
  const [answeredBefore, setAnsweredBefore] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const { dialog, ask } = useConfirm()
  const start = async () => {
    const roundName = name || `Toestemming ${settings.data?.schoolYear ?? ''}`.trim()
    const chosen = (groups.data ?? []).filter((g) => groupIds.length === 0 || groupIds.includes(g.id))
    const pupils = chosen.reduce((n, g) => n + g.pupilCount, 0)
    const only = [withoutAnswer && 'geen antwoord bij een doel', askAgain && 'een antwoord dat opnieuw gevraagd moet worden', olderThan && answeredBefore && `een antwoord van vóór ${formatDate(answeredBefore)}`].filter(
      Boolean,
    )
    const yes = await ask({
      title: `Ronde '${roundName}' starten?`,
      lines: [
        `${only.length ? `Van de ${pupils} leerlingen` : `Voor alle ${pupils} leerlingen`} in ${groupIds.length === 0 ? `de hele school (${chosen.length} groepen)` : `groep ${chosen.map((g) => g.name).join(', ')}`}${only.length ? ` krijgt wie ${only.join(' of ')} heeft` : ' komt'} een formulier met een eigen code klaar om af te drukken.`,
        'Er verandert nog geen toestemming: die verandert pas als een formulier terugkomt en u de antwoorden vastlegt.',
      ],
      confirmLabel: 'Ronde starten',
    })
    if (!yes) return
    const r = await invoke('campaigns.start', {
      name: roundName,
      groupIds: groupIds.length ? groupIds : undefined,
      withoutAnswer,
      askAgain,
      answeredBefore: olderThan && answeredBefore ? answeredBefore : undefined,
    })
    if (!r.ok) return setError(r.error)
    onStarted(r.value)
  }
  const toggle = (id: number) => setGroupIds(groupIds.includes(id) ? groupIds.filter((g) => g !== id) : [...groupIds, id])
  return (
    <section className="card">
      <h2>Nieuwe toestemmingsronde</h2>
      <Field label="Naam van de ronde" name="name" error={error}>
        <input name="name" value={name} placeholder={`Toestemming ${settings.data?.schoolYear ?? ''}`} onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className="choices-inline">
        <legend>Groepen (niets gekozen: de hele school)</legend>
        {groups.data?.map((g) => (
          <label key={g.id} className="check">
            <input type="checkbox" checked={groupIds.includes(g.id)} onChange={() => toggle(g.id)} /> {g.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="choices-inline">
        <legend>Alleen leerlingen met (niets gekozen: alle leerlingen)</legend>
        <label className="check">
          <input type="checkbox" checked={withoutAnswer} onChange={(e) => setWithoutAnswer(e.target.checked)} /> geen antwoord bij een doel
        </label>
        <label className="check">
          <input type="checkbox" checked={askAgain} onChange={(e) => setAskAgain(e.target.checked)} /> een antwoord dat opnieuw gevraagd moet worden
        </label>
        <label className="check">
          <input type="checkbox" checked={olderThan} onChange={(e) => setOlderThan(e.target.checked)} /> een antwoord van vóór
        </label>
        {olderThan && <DateInput name="answeredBefore" value={answeredBefore} onChange={setAnsweredBefore} />}
      </fieldset>
      {error && error.field !== 'name' && <ErrorText>{error.message}</ErrorText>}
      <FormActions>
        <button className="primary" onClick={() => void start()}>
          Ronde starten
        </button>
      </FormActions>
      {dialog}
    </section>
  )
}

function CampaignView({ id, onChanged }: { id: number; onChanged: () => void }) {
  const [tick, setTick] = useState(0)
  const campaign = useLoad('campaigns.get', { id }, String(tick))
  const [message, setMessage] = useState<string>()
  const { run, busy, error, setError } = useSave()
  const desktop = Boolean(window.api)

  // The round's forms are a batch: a progress bar with Stoppen while they are made (PrintJob).
  const { run: make, progress } = usePrintJob()
  const document = (method: 'campaigns.printForms' | 'campaigns.reminderList') =>
    run(async () => {
      setError(undefined)
      setMessage(undefined)
      const outcome = await make(method, { id }, desktop ? 'open' : 'data')
      if (!outcome.ok) return outcome.error.code === 'cancelled' ? setMessage(outcome.error.message) : setError(outcome.error)
      setMessage(outcome.result.delivered === 'cancelled' ? undefined : outcome.message)
    })
  const { dialog, ask } = useConfirm()
  const close = async () => {
    const c = campaign.data
    const yes = await ask({
      title: `Ronde '${c?.name ?? ''}' afsluiten?`,
      lines: [
        `${c?.returned ?? 0} van de ${c?.total ?? 0} formulieren zijn terug; ${(c?.total ?? 0) - (c?.returned ?? 0)} niet. De cijfers blijven bewaard.`,
        'Codes van deze ronde worden daarna niet meer aangenomen; vastgelegde antwoorden blijven gewoon gelden.',
      ],
      confirmLabel: 'Ronde afsluiten',
    })
    if (!yes) return
    const r = await invoke('campaigns.close', { id })
    if (!r.ok) return setError(r.error)
    setTick((t) => t + 1)
    onChanged()
  }
  const c = campaign.data
  if (campaign.error) return <ErrorText>{campaign.error}</ErrorText>
  if (!c) return null
  return (
    <section className="card campaign">
      <div className="grid-head">
        <h2>{c.name}</h2>
        <Progress done={c.returned} total={c.total} />
      </div>
      <p className="muted">
        Gestart op {formatMoment(c.createdAt)} door {c.createdBy}
        {c.closedAt ? ` · afgesloten op ${formatMoment(c.closedAt)}` : ''}. Komt een formulier terug: typ of scan de code in het zoekvak bovenaan (Ctrl+K) en vink de antwoorden aan. Een stapel teruggekomen formulieren:
        scan ze op de kopieermachine en kies 'Teruggekomen formulieren scannen'.
      </p>
      <ListTable
        className="compact"
        rows={c.groups}
        rowKey={(g) => g.groupId ?? 'none'}
        columns={[
          { header: 'Groep', render: (g) => g.name },
          { header: 'Leerkracht', render: (g) => g.teacherName },
          { header: 'Terug', render: (g) => <Progress done={g.returned} total={g.total} /> },
        ]}
      />
      {progress}
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {error && <ErrorText alert>{error.message}</ErrorText>}
      {!c.closedAt && (
        <FormActions>
          <button className="primary" disabled={busy} onClick={() => void document('campaigns.printForms')}>
            Formulieren afdrukken ({c.total})
          </button>
          <button disabled={busy} onClick={() => void document('campaigns.reminderList')}>
            Herinneringslijst per leerkracht
          </button>
          <a className="button-like" href={href({ name: 'scan' })}>
            Teruggekomen formulieren scannen
          </a>
          <button onClick={() => void close()}>Ronde afsluiten</button>
        </FormActions>
      )}
      {dialog}
    </section>
  )
}

/** Consent rounds: choose pupils, print forms with codes, count the forms that come back. */
export function CampaignSection() {
  const [tick, setTick] = useState(0)
  const campaigns = useLoad('campaigns.list', {}, String(tick))
  const [starting, setStarting] = useState(false)
  const open = campaigns.data?.filter((c) => !c.closedAt) ?? []
  const closed = campaigns.data?.filter((c) => c.closedAt) ?? []
  return (
    <>
      {starting ? (
        <NewCampaign
          onStarted={() => {
            setStarting(false)
            setTick((t) => t + 1)
          }}
        />
      ) : (
        <div className="toolbar">
          <button className="primary" onClick={() => setStarting(true)}>
            Nieuwe ronde starten
          </button>
        </div>
      )}
      {campaigns.data?.length === 0 && !starting && <p className="empty">Nog geen toestemmingsrondes. Start een ronde aan het begin van het schooljaar.</p>}
      {open.map((c) => (
        <CampaignView key={c.id} id={c.id} onChanged={() => setTick((t) => t + 1)} />
      ))}
      {closed.length > 0 && (
        <section className="card">
          <h2>Afgesloten rondes</h2>
          <ListTable
            className="compact"
            rows={closed}
            rowKey={(c) => c.id}
            columns={[{ render: (c) => c.name }, { className: 'muted', render: (c) => c.schoolYear }, { render: (c) => <Progress done={c.returned} total={c.total} /> }]}
          />
        </section>
      )}
    </>
  )
}

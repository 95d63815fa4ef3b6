import { useCallback, useEffect, useState } from 'react'
import { displayName, formatDate, type PupilDetail } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'
import { Tabs } from '../../components/Tabs.tsx'
import { useRegisterChanges } from '../../register-changes.ts'
import { go } from '../../router.ts'
import { AuditTab } from './AuditTab.tsx'
import { ConsentTab } from './ConsentTab.tsx'
import { DossierTab } from './DossierTab.tsx'
import { HistoryTab } from './HistoryTab.tsx'
import { PupilDetailsTab } from './PupilDetailsTab.tsx'
import { PupilDocuments } from './PupilDocuments.tsx'
import './pupil.css'
import { ErrorText } from '../../components/ErrorText.tsx'

/** One code at a time: the open round's form while a round runs, otherwise the pupil's own; the other is explained. */
function FormCode({ pupil }: { pupil: PupilDetail }) {
  const round = pupil.roundForm
  const explained = round
    ? `De code van het formulier van de ronde '${round.campaignName}'. Ook de vaste code ${pupil.formCode} van deze leerling vindt hem terug.`
    : 'Deze code staat op het toestemmingsformulier van deze leerling; typ hem (met of zonder TR-) in het zoekvak om de leerling te vinden.'
  return (
    <div className="form-code" title={explained}>
      <span>{round ? `Formuliercode ronde '${round.campaignName}'` : 'Formuliercode'}</span>
      <strong>{round ? round.code : pupil.formCode}</strong>
    </div>
  )
}

const TABS = [
  { key: 'toestemming', label: 'Toestemming' },
  { key: 'gegevens', label: 'Gegevens en ouders' },
  { key: 'geschiedenis', label: 'Geschiedenis' },
  { key: 'dossier', label: 'Dossier' },
  { key: 'logboek', label: 'Logboek' },
] as const

/** One pupil: consent grid, details and guardians, history, file and audit trail. '#/leerling/nieuw' adds one. */
export function PupilPage({ id, tab, formCode }: { id: string; tab?: string; formCode?: string }) {
  const isNew = id === 'nieuw'
  const [pupil, setPupil] = useState<PupilDetail>()
  const [error, setError] = useState<string>()
  const [tick, setTick] = useState(0)
  useRegisterChanges(useCallback(() => setTick((t) => t + 1), []))

  useEffect(() => {
    // tick: loaded again when the register changed (a restore, another window).
    if (isNew || tick < 0) return
    let live = true
    invoke('pupils.get', { id: Number(id) }).then((r) => {
      if (!live) return
      if (r.ok) {
        setPupil(r.value)
        setError(undefined)
      } else setError(r.error.message)
    })
    return () => {
      live = false
    }
  }, [id, isNew, tick])

  if (isNew) {
    return (
      <>
        <h1>Nieuwe leerling</h1>
        <PupilDetailsTab pupil={undefined} onSaved={(p) => go({ name: 'pupil', id: p.id, tab: 'gegevens' })} />
      </>
    )
  }
  if (error) return <ErrorText alert>{error}</ErrorText>
  if (!pupil || pupil.id !== Number(id)) return <p className="loading">Laden…</p>
  const current = TABS.find((t) => t.key === tab)?.key ?? 'toestemming'

  return (
    <>
      <header className="pupil-header">
        <div>
          <h1>{displayName(pupil)}</h1>
          <p className="pupil-meta">
            {pupil.groupName ? `Groep ${pupil.groupName}` : 'Geen groep'}
            {pupil.birthDate && ` · geboren ${formatDate(pupil.birthDate)}`}
            {pupil.studentNumber && ` · leerlingnummer ${pupil.studentNumber}`}
            {pupil.leftOn && ` · vertrokken ${formatDate(pupil.leftOn)}`}
          </p>
        </div>
        <PupilDocuments pupilId={pupil.id} />
        <FormCode pupil={pupil} />
      </header>
      <Tabs label="Onderdelen van de leerling" idBase="pupil" link={(key) => ({ name: 'pupil', id: pupil.id, tab: key })} items={TABS} current={current}>
        {current === 'toestemming' && <ConsentTab key={formCode ?? ''} pupil={pupil} onSaved={setPupil} formCode={formCode} />}
        {current === 'gegevens' && <PupilDetailsTab pupil={pupil} onSaved={setPupil} />}
        {current === 'geschiedenis' && <HistoryTab pupil={pupil} />}
        {current === 'dossier' && <DossierTab pupil={pupil} />}
        {current === 'logboek' && <AuditTab pupilId={pupil.id} />}
      </Tabs>
    </>
  )
}

import { useState } from 'react'
import type { RolloverResult } from '../../../../shared/schoolyear.ts'
import { useLoad } from '../../useLoad.ts'
import { CampaignSection } from './CampaignSection.tsx'
import { IntakeSection } from './IntakeSection.tsx'
import './schoolyear.css'
import { RetentionSection } from './RetentionSection.tsx'
import { RolloverSection } from './RolloverSection.tsx'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'

const TABS = [
  { key: 'ronde', label: 'Toestemmingsronde' },
  { key: 'instroom', label: 'Instroom' },
  { key: 'overgang', label: 'Nieuw schooljaar' },
  { key: 'bewaren', label: 'Bewaartermijnen' },
] as const

/** The work of the start and end of the school year. */
export function SchoolYearPage({ tab, onYearChanged }: { tab?: string; onYearChanged: () => void }) {
  const current = TABS.find((t) => t.key === tab)?.key ?? 'ronde'
  const preview = useLoad('schoolyear.rolloverPreview', {})
  const retention = useLoad('retention.overview', {})
  const [done, setDone] = useState<RolloverResult>()
  return (
    <>
      <h1>Schooljaar</h1>
      <nav className="tabs" aria-label="Onderdelen van het schooljaar">
        {TABS.map((t) => (
          <a key={t.key} href={href({ name: 'schoolYear', tab: t.key })} aria-current={t.key === current ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {current === 'ronde' && <CampaignSection />}
      {current === 'instroom' && <IntakeSection />}
      {current === 'overgang' && done && (
        <p className="card ok" role="status">
          Schooljaar {done.toYear} is begonnen: {done.moved} leerlingen zijn overgegaan, {done.repeated} blijven zitten, {done.skipped} gaan een jaar over, {done.left} hebben de school verlaten; {done.groupsCreated}{' '}
          groepen gemaakt.
          {done.backup && ` Reservekopie: ${done.backup}.`}
        </p>
      )}
      {current === 'overgang' && !done && preview.data && (
        <RolloverSection
          key={preview.data.fromYear}
          preview={preview.data}
          onDone={(r) => {
            setDone(r)
            onYearChanged()
          }}
        />
      )}
      {current === 'bewaren' && retention.data && <RetentionSection overview={retention.data} onChanged={retention.reload} />}
      {(preview.error || retention.error) && <ErrorText>{preview.error ?? retention.error}</ErrorText>}
    </>
  )
}

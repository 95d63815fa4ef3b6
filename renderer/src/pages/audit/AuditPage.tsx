import { useState } from 'react'
import type { AuditEntryView } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'
import { useLoad } from '../../useLoad.ts'
import { AuditTable } from '../pupil/AuditTab.tsx'

const PAGE = 200

/** The whole audit trail, newest first, in pages of 200. */
export function AuditPage() {
  const first = useLoad('audit.list', { limit: PAGE })
  const [more, setMore] = useState<AuditEntryView[]>([])
  const [done, setDone] = useState(false)
  const entries = [...(first.data ?? []), ...more]
  const loadMore = async () => {
    const r = await invoke('audit.list', { limit: PAGE, beforeId: entries.at(-1)?.id })
    if (!r.ok) return
    setMore([...more, ...r.value])
    if (r.value.length < PAGE) setDone(true)
  }
  return (
    <>
      <h1>Logboek</h1>
      <p className="lead-small">Elke wijziging van persoonsgegevens en toestemming: wie, wanneer, wat was het en wat werd het. Het logboek kan niet worden gewijzigd.</p>
      {first.error && <p className="error">{first.error}</p>}
      <AuditTable entries={entries} />
      {first.data && first.data.length === PAGE && !done && (
        <div className="actions">
          <button onClick={() => void loadMore()}>Meer laden</button>
        </div>
      )}
    </>
  )
}

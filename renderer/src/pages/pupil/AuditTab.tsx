import type { AuditEntryView } from '../../../../shared/domain.ts'
import { useLoad } from '../../useLoad.ts'
import { formatMoment } from './HistoryTab.tsx'

const ACTIONS: Record<string, string> = {
  'pupil.create': 'Leerling toegevoegd',
  'pupil.update': 'Gegevens gewijzigd',
  'pupil.rollover': 'Naar het nieuwe schooljaar',
  'schoolyear.rollover': 'Nieuw schooljaar begonnen',
  'guardian.create': 'Ouder/verzorger toegevoegd',
  'guardian.update': 'Ouder/verzorger gewijzigd',
  'guardian.relation': 'Relatie gewijzigd',
  'guardian.link': 'Ouder/verzorger gekoppeld',
  'guardian.unlink': 'Ouder/verzorger losgekoppeld',
  'consent.record': 'Toestemming vastgelegd',
  'dossier.create': 'Stuk toegevoegd aan dossier',
  'dossier.update': 'Stuk in dossier gewijzigd',
  'settings.update': 'Instellingen gewijzigd',
  'school.setup': 'School ingericht',
  'group.create': 'Groep toegevoegd',
  'group.update': 'Groep gewijzigd',
  'purpose.create': 'Doel toegevoegd',
  'purpose.update': 'Doel gewijzigd',
}

function show(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return String(value)
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${v === null || v === '' ? '—' : String(v)}`)
    .join(', ')
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <table className="list audit">
      <thead>
        <tr>
          <th>Wanneer</th>
          <th>Wie</th>
          <th>Wat</th>
          <th>Was</th>
          <th>Wordt</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((a) => (
          <tr key={a.id}>
            <td className="nowrap">{formatMoment(a.at)}</td>
            <td>{a.actor}</td>
            <td>
              {ACTIONS[a.action] ?? a.action}
              {a.scrubbedAt && <div className="muted">Persoonsgegevens hieruit verwijderd na de bewaartermijn ({formatMoment(a.scrubbedAt)})</div>}
            </td>
            <td className="muted">{show(a.oldValue)}</td>
            <td>{show(a.newValue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Who changed what about this pupil (and their guardians), and when. */
export function AuditTab({ pupilId }: { pupilId: number }) {
  const audit = useLoad('audit.list', { pupilId })
  if (audit.error) return <p className="error">{audit.error}</p>
  return audit.data ? <AuditTable entries={audit.data} /> : null
}

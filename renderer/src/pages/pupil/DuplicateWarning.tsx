// Shown before a pupil typed by hand is added when the register may already hold the child:
// a link to each existing pupil, and the choice to add anyway. Nothing is saved until then.
import { formatDate } from '../../../../shared/domain.ts'
import type { PossibleDuplicate } from '../../../../shared/pupils.contract.ts'
import { DUPLICATE_REASONS } from '../../../../shared/pupils.labels.ts'
import { href } from '../../router.ts'

export function DuplicateWarning({ found, onAddAnyway, busy }: { found: PossibleDuplicate[]; onAddAnyway: () => void; busy: boolean }) {
  return (
    <div className="warning duplicate-warning" role="alert">
      <p>
        <strong>Deze leerling staat misschien al in het register.</strong> Er is nog niets opgeslagen. Open de bestaande leerling, of voeg toch een nieuwe toe als het een ander kind is.
      </p>
      <ul>
        {found.map((d) => (
          <li key={d.id}>
            <a href={href({ name: 'pupil', id: d.id, tab: 'gegevens' })}>{d.name}</a> ({DUPLICATE_REASONS[d.reason]}
            {d.birthDate ? `, geboren ${formatDate(d.birthDate)}` : ''}
            {d.studentNumber ? `, leerlingnummer ${d.studentNumber}` : ''}
            {d.groupName ? `, groep ${d.groupName}` : ''}
            {d.leftOn ? `, vertrokken ${formatDate(d.leftOn)}` : ''})
          </li>
        ))}
      </ul>
      <button type="button" onClick={onAddAnyway} disabled={busy}>
        Toch als nieuwe leerling toevoegen
      </button>
    </div>
  )
}

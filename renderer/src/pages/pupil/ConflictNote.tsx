// Two guardians who answered differently for one purpose: who said what, when and how, who
// refused, why the strictest answer counts, and how the office settles it (a joint answer).
import { DECISION_LABELS, SOURCE_LABELS, formatDate, type ConsentCell, type Guardian } from '../../../../shared/domain.ts'

export function ConflictNote({ purposeLabel, cell, guardians, onJointAnswer }: { purposeLabel: string; cell: ConsentCell; guardians: Guardian[]; onJointAnswer: () => void }) {
  const nameOf = (id: number | null) => {
    if (id === null) return 'De ouders/verzorgers samen'
    const g = guardians.find((x) => x.id === id)
    return g ? `${g.name}${g.relation ? ` (${g.relation})` : ''}` : 'Een ouder/verzorger die niet meer bij deze leerling hoort'
  }
  const refusers = cell.disagreement.filter((a) => a.decision === 'refused').map((a) => nameOf(a.guardianId))
  const unanswered = cell.disagreement.filter((a) => a.decision === 'unknown').map((a) => nameOf(a.guardianId))
  return (
    <div className="conflict" role="note" aria-label={`Verschil tussen de ouders bij ${purposeLabel}`}>
      <strong>Ouders antwoorden verschillend.</strong>
      <ul>
        {cell.disagreement.map((a) => (
          <li key={`${a.guardianId}-${a.effectiveFrom}`}>
            {nameOf(a.guardianId)}: <span className={`badge ${a.decision}`}>{DECISION_LABELS[a.decision]}</span> vanaf {formatDate(a.effectiveFrom)}, via {SOURCE_LABELS[a.source].toLowerCase()}
            {a.sourceDetail && ` (${a.sourceDetail})`}
          </li>
        ))}
      </ul>
      <p>
        {refusers.length > 0 && `Geweigerd door: ${refusers.join(' en ')}. `}
        {unanswered.length > 0 && `Nog geen antwoord van: ${unanswered.join(' en ')}. `}
        Nu telt <strong>{DECISION_LABELS[cell.decision].toLowerCase()}</strong>: het strengste antwoord telt, want zonder toestemming van alle ouders/verzorgers mag de school het beeld niet gebruiken.
      </p>
      <p>
        Oplossen: spreek met de ouders/verzorgers één antwoord af en leg dat vast als hun gezamenlijke antwoord.{' '}
        <button type="button" className="link" onClick={onJointAnswer}>
          Gezamenlijk antwoord vastleggen
        </button>
      </p>
    </div>
  )
}

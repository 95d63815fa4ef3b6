// A bar for a running batch of documents: done of total, or busy while the total is not known yet.
import './progress-bar.css'

export function ProgressBar({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.round((100 * done) / total) : 0
  return (
    <div className="doc-progress" role="progressbar" aria-valuemin={0} aria-valuemax={total || 100} aria-valuenow={total ? done : undefined} aria-label="Voortgang">
      <div className="doc-progress-bar" style={{ width: `${total ? pct : 100}%` }} data-busy={total ? undefined : 'true'} />
      <span>{total ? `${done} van ${total} (${pct}%)` : 'Bezig…'}</span>
    </div>
  )
}

// The register's own sense of time. The computer's clock can be wrong (set back by hand, a dead
// clock battery); the register never goes back: what happened is ordered by the rowid, "today"
// is never before the newest recorded change, and a write with a clock that went back is refused.
import { formatMoment } from '../../../shared/dates.ts'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { Db } from './open.ts'
import { newestAuditAt } from './register.queries.ts'

/** How far the clock may lie behind the newest recorded change (a clock set back by a few hours, time zones). */
export const CLOCK_TOLERANCE_MS = 24 * 60 * 60 * 1000

/** The newest moment the register recorded a change (the audit log holds every change; indexed by migration 0040). */
export function newestRecordedMoment(db: Db): Date | null {
  const at = newestAuditAt(db)
  if (at === null) return null
  const d = new Date(at)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The clock, but never before the newest recorded change: a clock set back does not undo answers already in effect. */
export function registerNow(db: Db, now: Date): Date {
  const newest = newestRecordedMoment(db)
  return newest && newest.getTime() > now.getTime() ? newest : now
}

/**
 * Refuses to record a change at `at` when that lies more than a day before the newest change
 * already recorded: the computer's clock went back, and the history would show things out of order.
 * Call inside the service's transaction, so the refusal rolls back everything.
 */
export function assertClockNotBehind(db: Db, at: Date): void {
  const newest = newestRecordedMoment(db)
  if (!newest || at.getTime() >= newest.getTime() - CLOCK_TOLERANCE_MS) return
  throw new AppError(
    'clock',
    `De klok van deze computer staat op ${formatMoment(at)}, maar het register heeft al wijzigingen van ${formatMoment(newest)}. ` +
      'Zet de datum en tijd van de computer goed en probeer het opnieuw. Er is niets opgeslagen.',
  )
}

/** The same day one year after `now`, as 'YYYY-MM-DD' (local). */
function oneYearAfter(now: Date): string {
  const d = new Date(now.getTime())
  d.setFullYear(d.getFullYear() + 1)
  return localIsoDate(d)
}

/** Refuses a date that is typed or read in more than a year after today: a typing error, or a clock that is off. */
export function assertNotFarAhead(date: string, now: Date, what: string, field?: string): void {
  if (date <= oneYearAfter(now)) return
  const shown = date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3-$2-$1')
  throw new AppError(
    'validation',
    `${what} (${shown}) ligt meer dan een jaar na vandaag (${formatMoment(now).slice(0, 10)} volgens de klok van deze computer). ` +
      'Controleer de datum, en of de datum en tijd van de computer goed staan. Er is niets opgeslagen.',
    field,
  )
}

// The rules that turn append-only consent records into the current decision.
import type { Decision } from './domain.ts'

export interface CurrentAnswer {
  /** null: recorded for the pupil as a whole; otherwise the guardian who answered. */
  guardianId: number | null
  decision: Decision
  effectiveFrom: string
  id: number
  purposeVersion: number
}

export interface Effective {
  decision: Decision
  /** Guardians gave different answers; the strictest counts. */
  conflict: boolean
  /** The answer was given to an older wording of the purpose: ask again. */
  askAgain: boolean
  /** The record that decides, if any. */
  recordId: number | null
}

const STRICTNESS: Record<Decision, number> = { granted: 0, unknown: 1, refused: 2 }
const later = (a: CurrentAnswer, b: CurrentAnswer): boolean => a.effectiveFrom > b.effectiveFrom || (a.effectiveFrom === b.effectiveFrom && a.id > b.id)

/** The answers that count together: a whole-pupil answer and the guardians' answers given after it. */
export function standingAnswers<A extends CurrentAnswer>(answers: readonly A[]): A[] {
  const whole = answers.find((a) => a.guardianId === null)
  return answers.filter((a) => a.guardianId === null || whole === undefined || later(a, whole))
}

/**
 * `answers` are the latest record per answerer (the pupil as a whole, or one guardian) for one
 * pupil and purpose, in effect today. A whole-pupil answer replaces guardians' earlier answers;
 * guardians' later answers stand beside it, and the strictest wins: refused, then no answer, then
 * granted. No answer at all is 'unknown': unknown is not consent.
 */
export function effectiveDecision(answers: readonly CurrentAnswer[], purposeVersion: number): Effective {
  const standing = standingAnswers(answers)
  if (standing.length === 0) return { decision: 'unknown', conflict: false, askAgain: false, recordId: null }
  let decisive = standing[0] as CurrentAnswer
  for (const a of standing) {
    if (STRICTNESS[a.decision] > STRICTNESS[decisive.decision] || (a.decision === decisive.decision && later(a, decisive))) decisive = a
  }
  const decisions = new Set(standing.map((a) => a.decision))
  return {
    decision: decisive.decision,
    conflict: decisions.size > 1,
    askAgain: decisive.decision !== 'unknown' && standing.some((a) => a.purposeVersion < purposeVersion),
    recordId: decisive.id,
  }
}

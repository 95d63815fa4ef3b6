import { effectiveDecision, standingAnswers, type Effective } from '../../../shared/consent.ts'
import { localIsoDate, type ConsentCell, type Purpose, type StandingAnswer } from '../../../shared/domain.ts'
import type { CoreContext } from '../context.ts'
import { registerNow } from '../db/register-clock.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { byPupilAndPurpose, currentAnswers, proofOfRecord } from './consent.queries.ts'

/**
 * The current decision per pupil and purpose, from the records in effect today: per answerer the
 * latest effective date, and of those on the same date the last recorded (rowid). 'Today' is never
 * before the newest recorded change, so a clock set back does not make answers fall out of effect.
 */
type Decided = Effective & { effectiveFrom: string | null; perGuardian: ConsentCell['perGuardian']; standing: { id: number; guardianId: number | null; decision: ConsentCell['decision']; effectiveFrom: string }[] }

export function effectiveDecisions(ctx: CoreContext, pupilId?: number): (pupilId: number, purpose: Purpose) => Decided {
  const answers = byPupilAndPurpose(currentAnswers(ctx.db, localIsoDate(registerNow(ctx.db, ctx.now())), pupilId))
  return (id, purpose) => {
    const list = answers.get(`${id}:${purpose.id}`) ?? []
    const effective = effectiveDecision(list, purpose.version)
    const decisive = list.find((a) => a.id === effective.recordId)
    return {
      ...effective,
      effectiveFrom: decisive?.effectiveFrom ?? null,
      perGuardian: list.filter((a) => a.guardianId !== null).map((a) => ({ guardianId: a.guardianId as number, decision: a.decision })),
      standing: effective.conflict ? standingAnswers(list) : [],
    }
  }
}

/** One pupil's consent grid: every active purpose, with its current decision and, where answers disagree, each of them with its proof. */
export function consentCells(ctx: CoreContext, pupilId: number): ConsentCell[] {
  const purposes = listPurposes(ctx.db)
  const decide = effectiveDecisions(ctx, pupilId)
  return purposes.map((purpose) => {
    const e = decide(pupilId, purpose)
    const disagreement: StandingAnswer[] = e.standing.map((a) => {
      const p = proofOfRecord(ctx.db, a.id)
      return { guardianId: a.guardianId, decision: a.decision, effectiveFrom: a.effectiveFrom, source: p.source, sourceDetail: p.sourceDetail }
    })
    return { purposeId: purpose.id, decision: e.decision, conflict: e.conflict, askAgain: e.askAgain, effectiveFrom: e.effectiveFrom, perGuardian: e.perGuardian, disagreement }
  })
}

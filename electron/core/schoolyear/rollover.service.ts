// The move to a new school year, in one transaction after a backup: next year's groups are made
// exactly as the preview showed them, every pupil goes to their group and level (or leaves with
// the date and reason), open consent rounds are closed or carried over. Consent records stay;
// last year's groups and memberships stay readable.
import type { RolloverResult } from '../../../shared/schoolyear.ts'
import { storedLevels } from '../../../shared/year-levels.ts'
import { writeAudit } from '../audit/audit.ts'
import { backupNow } from '../backup/backup.ts'
import type { CoreContext } from '../context.ts'
import { ensureSchoolYear, requireStaffName, updateSettings } from '../settings/settings.service.ts'
import { insertGroup, insertMembership } from '../groups/groups.queries.ts'
import { DEFAULT_LEAVING_REASON, rolloverPreview } from './rollover-preview.ts'
import { planRollover, type RolloverInput } from './rollover-plan.ts'
import { carryRound, closeRound, markPupilLeft, setYearLevel } from './schoolyear.queries.ts'

export { rolloverPreview } from './rollover-preview.ts'

export async function applyRollover(ctx: CoreContext, input: RolloverInput): Promise<RolloverResult> {
  const actor = requireStaffName(ctx)
  planRollover(rolloverPreview(ctx), input) // refuse bad input before a backup is made
  const backup = await backupNow(ctx, 'rollover')
  const { db } = ctx
  const now = ctx.now()
  const stamp = now.toISOString()
  return db.transaction(() => {
    const preview = rolloverPreview(ctx) // again, inside the transaction: nothing changed in between
    const plan = planRollover(preview, input)
    const fromId = ensureSchoolYear(db, preview.fromYear)
    const toId = ensureSchoolYear(db, preview.toYear)
    const groupIds = new Map(
      plan.groups.map((g) => [g.name, insertGroup(db, { schoolYearId: toId, name: g.name, teacherName: g.teacherName, teacherEmail: g.teacherEmail, yearLevels: storedLevels(g.levels), createdAt: stamp })]),
    )
    const reason = input.leavingReason || DEFAULT_LEAVING_REASON
    const counts = { moved: 0, repeated: 0, skipped: 0, left: 0 }
    for (const m of plan.moves) {
      if (m.toGroup === null) {
        markPupilLeft(db, m.pupilId, input.leavingDate, reason, stamp)
        counts.left++
      } else {
        insertMembership(db, m.pupilId, toId, groupIds.get(m.toGroup) as number)
        setYearLevel(db, m.pupilId, m.toLevel, stamp)
        if (m.step === 'repeat') counts.repeated++
        else if (m.step === 'skip') counts.skipped++
        else counts.moved++
      }
      writeAudit(db, now, {
        actor,
        action: 'pupil.rollover',
        entity: 'pupil',
        entityId: m.pupilId,
        pupilId: m.pupilId,
        oldValue: { schoolYear: preview.fromYear, group: m.fromGroup, yearLevel: m.fromLevel },
        newValue: m.toGroup === null ? { leftOn: input.leavingDate, leavingReason: reason } : { schoolYear: preview.toYear, group: m.toGroup, yearLevel: m.toLevel, step: m.step },
      })
    }
    const rounds = preview.openRounds.map((r) => r.id)
    if (input.openRounds === 'close') {
      for (const id of rounds) closeRound(db, id, fromId, stamp, actor)
    } else if (input.openRounds === 'carry') {
      for (const id of rounds) carryRound(db, id, fromId, toId)
    }
    updateSettings(ctx, { schoolYear: preview.toYear })
    const result: RolloverResult = {
      fromYear: preview.fromYear,
      toYear: preview.toYear,
      backup: backup?.name ?? null,
      ...counts,
      groupsCreated: plan.groups.length,
      roundsClosed: input.openRounds === 'close' ? rounds.length : 0,
      roundsCarried: input.openRounds === 'carry' ? rounds.length : 0,
    }
    const { backup: _b, ...summary } = result
    writeAudit(db, now, { actor, action: 'schoolyear.rollover', entity: 'school_year', entityId: toId, oldValue: { schoolYear: preview.fromYear }, newValue: summary })
    return result
  })()
}

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
import { DEFAULT_LEAVING_REASON, rolloverPreview } from './rollover-preview.ts'
import { planRollover, type RolloverInput } from './rollover-plan.ts'

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
    const createGroup = db.prepare(`INSERT INTO groups (school_year_id, name, teacher_name, teacher_email, year_levels, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
    const groupIds = new Map(plan.groups.map((g) => [g.name, Number(createGroup.run(toId, g.name, g.teacherName, g.teacherEmail, storedLevels(g.levels), stamp).lastInsertRowid)]))
    const join = db.prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?)`)
    const setLevel = db.prepare(`UPDATE pupils SET year_level = ?, version = version + 1, updated_at = ? WHERE id = ?`)
    const leave = db.prepare(`UPDATE pupils SET left_on = ?, leaving_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`)
    const reason = input.leavingReason || DEFAULT_LEAVING_REASON
    const counts = { moved: 0, repeated: 0, skipped: 0, left: 0 }
    for (const m of plan.moves) {
      if (m.toGroup === null) {
        leave.run(input.leavingDate, reason, stamp, m.pupilId)
        counts.left++
      } else {
        join.run(m.pupilId, toId, groupIds.get(m.toGroup))
        setLevel.run(m.toLevel, stamp, m.pupilId)
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
      const close = db.prepare(`UPDATE campaigns SET closed_at = ?, closed_by = ? WHERE id = ? AND school_year_id = ?`)
      for (const id of rounds) close.run(stamp, actor, id, fromId)
    } else if (input.openRounds === 'carry') {
      const carry = db.prepare(`UPDATE campaigns SET school_year_id = ? WHERE id = ? AND school_year_id = ?`)
      for (const id of rounds) carry.run(toId, id, fromId)
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

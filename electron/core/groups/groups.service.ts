import type { ApiParsed } from '../../../shared/api.ts'
import type { GroupOverview, GroupSummary } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareGroupNames } from '../../../shared/text.ts'
import { levelsOfGroupName, storedLevels } from '../../../shared/year-levels.ts'
import { writeAudit } from '../audit/audit.ts'
import { effectiveDecisions } from '../consent/consent.current.ts'
import type { CoreContext } from '../context.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { listGroups } from '../pupils/pupils.queries.ts'
import { schoolYearId, requireStaffName } from '../settings/settings.service.ts'

export function groupsOfCurrentYear(ctx: CoreContext): GroupSummary[] {
  return listGroups(ctx.db, schoolYearId(ctx)).sort((a, b) => compareGroupNames(a.name, b.name))
}

const STALE_GROUP = 'Deze groep is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

function assertFreeName(ctx: CoreContext, yearId: number, name: string, id: number | null): void {
  const clash = ctx.db.prepare(`SELECT id FROM groups WHERE school_year_id = ? AND name = ? AND id IS NOT ?`).pluck().get(yearId, name, id)
  if (clash !== undefined) throw new AppError('validation', `Er is dit schooljaar al een groep ${name}. Kies een andere naam.`, 'name')
}

/**
 * Adds a group to the current school year, or saves the fields sent of an existing one (a stale
 * screen is refused; an omitted field keeps its value).
 */
export function saveGroup(ctx: CoreContext, input: ApiParsed<'groups.save'>): GroupSummary {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const yearId = schoolYearId(ctx)
  return db.transaction(() => {
    let id: number
    if (input.id === undefined) {
      assertFreeName(ctx, yearId, input.name, null)
      id = Number(
        db
          .prepare(`INSERT INTO groups (school_year_id, name, teacher_name, teacher_email, year_levels, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(yearId, input.name, input.teacherName, input.teacherEmail, storedLevels(levelsOfGroupName(input.name)), ctx.now().toISOString()).lastInsertRowid,
      )
      writeAudit(db, ctx.now(), { actor, action: 'group.create', entity: 'group', entityId: id, newValue: { name: input.name, teacherName: input.teacherName, teacherEmail: input.teacherEmail } })
    } else {
      id = input.id
      const before = db.prepare(`SELECT name, teacher_name AS teacherName, teacher_email AS teacherEmail, version FROM groups WHERE id = ?`).get(id) as
        | { name: string; teacherName: string; teacherEmail: string; version: number }
        | undefined
      if (!before) throw new AppError('not_found', 'Deze groep bestaat niet (meer). Vernieuw het scherm.')
      if (input.version !== before.version) throw new AppError('conflict', STALE_GROUP)
      const { version: _v, ...old } = before
      const next = { name: input.name ?? old.name, teacherName: input.teacherName ?? old.teacherName, teacherEmail: input.teacherEmail ?? old.teacherEmail }
      assertFreeName(ctx, yearId, next.name, id)
      db.prepare(`UPDATE groups SET name = ?, teacher_name = ?, teacher_email = ?, version = version + 1 WHERE id = ?`).run(next.name, next.teacherName, next.teacherEmail, id)
      writeAudit(db, ctx.now(), { actor, action: 'group.update', entity: 'group', entityId: id, oldValue: old, newValue: next })
    }
    const saved = groupsOfCurrentYear(ctx).find((g) => g.id === id)
    if (!saved) throw new AppError('not_found', 'Deze groep hoort niet bij het huidige schooljaar.')
    return saved
  })()
}

/** Per group and purpose: how many pupils have consent, a refusal, or no answer. */
export function groupOverview(ctx: CoreContext): GroupOverview {
  const purposes = listPurposes(ctx.db)
  const groups = groupsOfCurrentYear(ctx)
  const members = ctx.db
    .prepare(
      `SELECT m.group_id AS groupId, m.pupil_id AS pupilId FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id
        WHERE m.school_year_id = ? AND p.left_on IS NULL`,
    )
    .all(schoolYearId(ctx)) as { groupId: number; pupilId: number }[]
  const decide = effectiveDecisions(ctx)
  return {
    generatedAt: ctx.now().toISOString(),
    purposes,
    groups: groups.map((g) => {
      const pupilIds = members.filter((m) => m.groupId === g.id).map((m) => m.pupilId)
      return {
        id: g.id,
        name: g.name,
        teacherName: g.teacherName,
        pupilCount: pupilIds.length,
        coverage: purposes.map((purpose) => {
          const c = { purposeId: purpose.id, granted: 0, refused: 0, unknown: 0 }
          for (const id of pupilIds) c[decide(id, purpose).decision]++
          return c
        }),
      }
    }),
  }
}

// The groups of the current school year: listed, added and changed with a version check, and the
// overview per group and purpose of who has consent.
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
import { groupFields, groupNamed, insertGroup, membersAtSchool, updateGroup } from './groups.queries.ts'

export function groupsOfCurrentYear(ctx: CoreContext): GroupSummary[] {
  return listGroups(ctx.db, schoolYearId(ctx)).sort((a, b) => compareGroupNames(a.name, b.name))
}

const STALE_GROUP = 'Deze groep is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

function assertFreeName(ctx: CoreContext, yearId: number, name: string, id: number | null): void {
  const clash = groupNamed(ctx.db, yearId, name, id)
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
      id = insertGroup(db, {
        schoolYearId: yearId,
        name: input.name,
        teacherName: input.teacherName,
        teacherEmail: input.teacherEmail,
        yearLevels: storedLevels(levelsOfGroupName(input.name)),
        createdAt: ctx.now().toISOString(),
      })
      writeAudit(db, ctx.now(), { actor, action: 'group.create', entity: 'group', entityId: id, newValue: { name: input.name, teacherName: input.teacherName, teacherEmail: input.teacherEmail } })
    } else {
      id = input.id
      const before = groupFields(db, id)
      if (!before) throw new AppError('not_found', 'Deze groep bestaat niet (meer). Vernieuw het scherm.')
      if (input.version !== before.version) throw new AppError('conflict', STALE_GROUP)
      const { version: _v, ...old } = before
      const next = { name: input.name ?? old.name, teacherName: input.teacherName ?? old.teacherName, teacherEmail: input.teacherEmail ?? old.teacherEmail }
      assertFreeName(ctx, yearId, next.name, id)
      updateGroup(db, id, next)
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
  const members = membersAtSchool(ctx.db, schoolYearId(ctx))
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

import { nextSchoolYear, proposeTarget, type RolloverPreview, type RolloverResult } from '../../../shared/schoolyear.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareGroupNames } from '../../../shared/text.ts'
import { writeAudit } from '../audit/audit.ts'
import { backupNow } from '../backup/backup.ts'
import type { CoreContext } from '../context.ts'
import { groupsOfCurrentYear } from '../groups/groups.service.ts'
import { ensureSchoolYear, getSettings, requireStaffName, updateSettings } from '../settings/settings.service.ts'

function alreadyDone(ctx: CoreContext, toYear: string): boolean {
  return (
    ctx.db
      .prepare(`SELECT 1 FROM group_memberships m JOIN school_years y ON y.id = m.school_year_id WHERE y.name = ? LIMIT 1`)
      .get(toYear) !== undefined
  )
}

export function rolloverPreview(ctx: CoreContext): RolloverPreview {
  const fromYear = getSettings(ctx).schoolYear
  const toYear = nextSchoolYear(fromYear)
  return {
    fromYear,
    toYear,
    leavingDate: `${toYear.slice(0, 4)}-07-31`,
    alreadyDone: alreadyDone(ctx, toYear),
    groups: groupsOfCurrentYear(ctx).map((g) => ({ groupId: g.id, name: g.name, teacherName: g.teacherName, pupilCount: g.pupilCount, target: proposeTarget(g.name) })),
  }
}

export interface RolloverInput {
  toYear: string
  leavingDate: string
  groups: { groupId: number; target: string | null; teacherName: string; teacherEmail: string }[]
}

/** Checks the whole mapping before anything changes: every group mapped, no two into one. */
function checkMapping(preview: RolloverPreview, input: RolloverInput): void {
  if (input.toYear !== preview.toYear) {
    throw new AppError('validation', `Het nieuwe schooljaar na ${preview.fromYear} is ${preview.toYear}.`, 'toYear')
  }
  if (preview.alreadyDone) {
    throw new AppError('conflict', `De overgang naar ${preview.toYear} is al gedaan. Een tweede keer zou leerlingen dubbel verplaatsen; er is niets gewijzigd.`)
  }
  const given = new Map(input.groups.map((g) => [g.groupId, g]))
  const missing = preview.groups.filter((g) => !given.has(g.groupId))
  if (missing.length > 0) {
    throw new AppError('validation', `Kies voor ${missing.map((g) => `groep ${g.name}`).join(', ')} waar de leerlingen naartoe gaan (of dat ze de school verlaten). Er is niets gewijzigd.`, 'groups')
  }
  const seen = new Map<string, string>()
  for (const g of preview.groups) {
    const target = given.get(g.groupId)?.target?.trim()
    if (target === undefined || target === null) continue
    if (target === '') throw new AppError('validation', `Vul in naar welke groep groep ${g.name} gaat. Er is niets gewijzigd.`, 'groups')
    const other = seen.get(target.toLowerCase())
    if (other) throw new AppError('validation', `Groep ${other} en groep ${g.name} gaan allebei naar groep ${target}. Geef elke groep een eigen nieuwe groep. Er is niets gewijzigd.`, 'groups')
    seen.set(target.toLowerCase(), g.name)
  }
  if (input.groups.some((g) => !preview.groups.some((p) => p.groupId === g.groupId))) {
    throw new AppError('validation', 'Een van de groepen hoort niet bij dit schooljaar. Vernieuw het scherm.', 'groups')
  }
}

/**
 * Moves every pupil to next year's group in one transaction (after a backup); pupils of groups
 * mapped to 'leaves' get a leaving date. Consent records stay as they are; last year's groups
 * and memberships stay readable.
 */
export async function applyRollover(ctx: CoreContext, input: RolloverInput): Promise<RolloverResult> {
  const actor = requireStaffName(ctx)
  const preview = rolloverPreview(ctx)
  checkMapping(preview, input)
  const backup = await backupNow(ctx, 'rollover')
  const { db } = ctx
  const now = ctx.now().toISOString()
  return db.transaction(() => {
    checkMapping(rolloverPreview(ctx), input)
    const fromId = ensureSchoolYear(db, preview.fromYear)
    const toId = ensureSchoolYear(db, preview.toYear)
    const members = db.prepare(
      `SELECT m.pupil_id FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id WHERE m.group_id = ? AND m.school_year_id = ? AND p.left_on IS NULL`,
    ).pluck()
    const createGroup = db.prepare(`INSERT INTO groups (school_year_id, name, teacher_name, teacher_email, created_at) VALUES (?, ?, ?, ?, ?)`)
    const join = db.prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?)`)
    const leave = db.prepare(`UPDATE pupils SET left_on = ?, leaving_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`)
    let moved = 0
    let left = 0
    const sorted = [...input.groups].sort((a, b) => compareGroupNames(a.target ?? '~', b.target ?? '~'))
    for (const g of sorted) {
      const pupils = members.all(g.groupId, fromId) as number[]
      const from = preview.groups.find((p) => p.groupId === g.groupId)?.name ?? ''
      if (g.target === null) {
        for (const id of pupils) leave.run(input.leavingDate, `Schoolverlater (groep ${from})`, now, id)
        left += pupils.length
        continue
      }
      const groupId = Number(createGroup.run(toId, g.target.trim(), g.teacherName, g.teacherEmail, now).lastInsertRowid)
      for (const id of pupils) join.run(id, toId, groupId)
      moved += pupils.length
    }
    updateSettings(ctx, { schoolYear: preview.toYear })
    const groupsCreated = input.groups.filter((g) => g.target !== null).length
    writeAudit(db, ctx.now(), { actor, action: 'schoolyear.rollover', entity: 'school_year', entityId: toId, oldValue: { schoolYear: preview.fromYear }, newValue: { schoolYear: preview.toYear, moved, left, groupsCreated } })
    return { fromYear: preview.fromYear, toYear: preview.toYear, backup: backup?.name ?? null, moved, left, groupsCreated }
  })()
}

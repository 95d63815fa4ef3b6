import type { ApiParsed } from '../../../shared/api.ts'
import { AppError } from '../../../shared/errors.ts'
import { schoolYearOf, type Settings } from '../../../shared/domain.ts'
import { writeAudit } from '../audit/audit.ts'
import { currentCall, type CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { addSchoolYear, allSettings, putSetting, schoolYearIdByName } from './settings.queries.ts'

export function getSettings(ctx: CoreContext): Settings {
  const s = allSettings(ctx.db)
  return {
    schoolName: s.get('schoolName') ?? '',
    schoolYear: s.get('schoolYear') ?? schoolYearOf(ctx.now()),
    staffName: s.get('staffName') ?? '',
    setupDone: s.get('setupDone') === '1',
    demo: s.get('demo') === '1',
  }
}

/**
 * The school_years row for '2026-2027' (1 August to 31 July), made when first needed. Looks first:
 * an INSERT, even one that does nothing, is refused on a database that may only be read.
 */
export function ensureSchoolYear(db: Db, name: string): number {
  const existing = schoolYearIdByName(db, name)
  if (existing !== undefined) return existing
  const start = Number(name.slice(0, 4))
  addSchoolYear(db, name, `${start}-08-01`, `${start + 1}-07-31`)
  return schoolYearIdByName(db, name) as number
}

/**
 * The current school year's id, worked out once per call (dispatch gives every call its own
 * scope; without one, as in a test that calls a service directly, it is read each time).
 * updateSettings forgets it when the school year changes, so a rollover reads the new year after.
 */
export function schoolYearId(ctx: CoreContext): number {
  const read = () => ensureSchoolYear(ctx.db, getSettings(ctx).schoolYear)
  const call = currentCall()
  return call ? call.remember('schoolYearId', ctx.db, read) : read()
}

export function updateSettings(ctx: CoreContext, patch: ApiParsed<'settings.update'>): Settings {
  return ctx.db.transaction(() => {
    const before = getSettings(ctx)
    const changed: Partial<Settings> = {}
    const old: Partial<Settings> = {}
    for (const key of ['schoolName', 'schoolYear', 'staffName'] as const) {
      const value = patch[key]
      if (value === undefined || value === before[key]) continue
      putSetting(ctx.db, key, value)
      if (key === 'schoolYear') currentCall()?.forget('schoolYearId')
      if (key === 'staffName') currentCall()?.forget('staffName')
      changed[key] = value
      old[key] = before[key]
    }
    if (patch.schoolYear !== undefined) ensureSchoolYear(ctx.db, patch.schoolYear)
    if (Object.keys(changed).length > 0) {
      writeAudit(ctx.db, ctx.now(), {
        actor: changed.staffName ?? before.staffName,
        action: 'settings.update',
        entity: 'settings',
        oldValue: old,
        newValue: changed,
      })
    }
    return getSettings(ctx)
  })()
}

export function markSetupDone(ctx: CoreContext, demo = false): void {
  putSetting(ctx.db, 'setupDone', '1')
  if (demo) putSetting(ctx.db, 'demo', '1')
}

/** Who records a change: the staff name from Instellingen. Nothing is recorded anonymously. */
export function requireStaffName(ctx: CoreContext): string {
  const read = () => getSettings(ctx).staffName
  const call = currentCall()
  const name = call ? call.remember('staffName', ctx.db, read) : read()
  if (!name) {
    throw new AppError('validation', 'Vul eerst uw naam in bij Instellingen. Die wordt bij elke wijziging vastgelegd als "vastgelegd door".', 'staffName')
  }
  return name
}

import type { ApiParsed } from '../../../shared/api.ts'
import { AppError } from '../../../shared/errors.ts'
import { schoolYearOf, type Settings } from '../../../shared/domain.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'

type Key = 'schoolName' | 'schoolYear' | 'staffName' | 'setupDone' | 'demo'

function readAll(db: Db): Map<string, string> {
  const rows = db.prepare(`SELECT key, value FROM school_settings`).all() as { key: string; value: string }[]
  return new Map(rows.map((r) => [r.key, r.value]))
}

export function getSettings(ctx: CoreContext): Settings {
  const s = readAll(ctx.db)
  return {
    schoolName: s.get('schoolName') ?? '',
    schoolYear: s.get('schoolYear') ?? schoolYearOf(ctx.now()),
    staffName: s.get('staffName') ?? '',
    setupDone: s.get('setupDone') === '1',
    demo: s.get('demo') === '1',
  }
}

function put(db: Db, key: Key, value: string): void {
  db.prepare(`INSERT INTO school_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value)
}

/**
 * The school_years row for '2026-2027' (1 August to 31 July), made when first needed. Looks first:
 * an INSERT, even one that does nothing, is refused on a database that may only be read.
 */
export function ensureSchoolYear(db: Db, name: string): number {
  const existing = db.prepare(`SELECT id FROM school_years WHERE name = ?`).get(name) as { id: number } | undefined
  if (existing) return existing.id
  const start = Number(name.slice(0, 4))
  db.prepare(`INSERT INTO school_years (name, starts_on, ends_on) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING`).run(
    name,
    `${start}-08-01`,
    `${start + 1}-07-31`,
  )
  return (db.prepare(`SELECT id FROM school_years WHERE name = ?`).get(name) as { id: number }).id
}

export function currentSchoolYearId(ctx: CoreContext): number {
  return ensureSchoolYear(ctx.db, getSettings(ctx).schoolYear)
}

export function updateSettings(ctx: CoreContext, patch: ApiParsed<'settings.update'>): Settings {
  return ctx.db.transaction(() => {
    const before = getSettings(ctx)
    const changed: Partial<Settings> = {}
    const old: Partial<Settings> = {}
    for (const key of ['schoolName', 'schoolYear', 'staffName'] as const) {
      const value = patch[key]
      if (value === undefined || value === before[key]) continue
      put(ctx.db, key, value)
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
  put(ctx.db, 'setupDone', '1')
  if (demo) put(ctx.db, 'demo', '1')
}

/** Who records a change: the staff name from Instellingen. Nothing is recorded anonymously. */
export function requireStaffName(ctx: CoreContext): string {
  const name = getSettings(ctx).staffName
  if (!name) {
    throw new AppError('validation', 'Vul eerst uw naam in bij Instellingen. Die wordt bij elke wijziging vastgelegd als "vastgelegd door".', 'staffName')
  }
  return name
}

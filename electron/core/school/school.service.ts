import { rmSync } from 'node:fs'
import type { ApiParsed } from '../../../shared/api.ts'
import { AppError } from '../../../shared/errors.ts'
import type { Settings } from '../../../shared/domain.ts'
import { normalizePhone } from '../../../shared/phone.ts'
import { levelsOfGroupName, storedLevels } from '../../../shared/year-levels.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { uniqueFormCode } from '../pupils/form-code.ts'
import { refreshSearchText } from '../pupils/search-text.ts'
import { schoolYearId, getSettings, markSetupDone, updateSettings } from '../settings/settings.service.ts'
import { generateSchool, type GeneratedSchool } from './generate.ts'

const DEMO_NAME = 'Demoschool De Regenboog'
const DEMO_STAFF = 'Demo-administratie'

/** First start: an empty school, or the demo school with fictional pupils. Only once. */
export function setupSchool(ctx: CoreContext, input: ApiParsed<'school.setup'>): Settings {
  return ctx.db.transaction(() => {
    if (getSettings(ctx).setupDone) {
      throw new AppError('conflict', 'De school is al ingericht. Wijzig de gegevens op de pagina Instellingen.')
    }
    const demo = input.mode === 'demo'
    const schoolName = input.schoolName || (demo ? DEMO_NAME : '')
    updateSettings(ctx, { schoolName: schoolName || undefined, staffName: demo ? DEMO_STAFF : input.staffName || undefined })
    if (demo) insertSchool(ctx, generateSchool(), DEMO_STAFF)
    markSetupDone(ctx, demo)
    writeAudit(ctx.db, ctx.now(), { actor: getSettings(ctx).staffName, action: 'school.setup', entity: 'school', newValue: { mode: input.mode } })
    return getSettings(ctx)
  })()
}

/**
 * Leaving the demo school: its database (fictional pupils only) is replaced by an empty one, and
 * the app starts again at the welcome screen. Refused for a real school.
 */
export function leaveDemo(ctx: CoreContext, reopen: (path: string) => CoreContext['db']): Settings {
  if (!getSettings(ctx).demo) throw new AppError('conflict', 'Dit is niet de demoschool: er wordt niets gewist.')
  ctx.db.close()
  if (ctx.dbPath !== ':memory:') for (const suffix of ['', '-wal', '-shm']) rmSync(ctx.dbPath + suffix, { force: true })
  ctx.db = reopen(ctx.dbPath)
  return getSettings(ctx)
}

/** Writes a generated school into the current school year; the caller owns the transaction. */
export function insertSchool(ctx: CoreContext, school: GeneratedSchool, actor: string): void {
  const { db } = ctx
  const now = ctx.now().toISOString()
  const today = now.slice(0, 10)
  const yearId = schoolYearId(ctx)
  const insertGroup = db.prepare(`INSERT INTO groups (school_year_id, name, teacher_name, teacher_email, year_levels, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
  const groupIds = new Map(
    school.groups.map((g) => [g.name, Number(insertGroup.run(yearId, g.name, g.teacherName, g.teacherEmail, storedLevels(levelsOfGroupName(g.name)), now).lastInsertRowid)]),
  )

  const insertGuardian = db.prepare(
    `INSERT INTO guardians (name, email, phone, phone_normalized, in_group_app, preferred_channel, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const guardianIds = new Map<number, number>()
  for (const g of school.guardians) {
    const id = insertGuardian.run(g.name, g.email, g.phone, normalizePhone(g.phone), g.inGroupApp ? 1 : 0, g.inGroupApp ? 'app' : 'email', now, now)
    guardianIds.set(g.key, Number(id.lastInsertRowid))
  }

  const purposes = new Map(
    (db.prepare(`SELECT code, id, version FROM purposes`).all() as { code: string; id: number; version: number }[]).map((p) => [p.code, p]),
  )
  const insertPupil = db.prepare(
    `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, year_level, enrolled_on, form_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertMembership = db.prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?)`)
  const insertLink = db.prepare(`INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, 'ouder/verzorger', ?)`)
  const insertConsent = db.prepare(
    `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, source_detail, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, 'paper_form', 'toestemmingsformulier (demo)', ?, ?)`,
  )
  const pupilIds: number[] = []
  for (const p of school.pupils) {
    const pupilId = Number(
      insertPupil.run(p.studentNumber, p.firstName, p.lastNamePrefix, p.lastName, p.birthDate, p.yearLevel, today, uniqueFormCode(db), now, now).lastInsertRowid,
    )
    pupilIds.push(pupilId)
    insertMembership.run(pupilId, yearId, groupIds.get(p.group))
    p.guardianKeys.forEach((key, i) => insertLink.run(pupilId, guardianIds.get(key), i))
    for (const [code, decision] of Object.entries(p.consents)) {
      const purpose = purposes.get(code)
      if (purpose) insertConsent.run(pupilId, purpose.id, purpose.version, decision, today, actor, now)
    }
  }
  refreshSearchText(db, pupilIds)
}

// The school's first start (empty, or the demo school with fictional pupils), leaving the demo
// school, and writing a generated school into the current school year.
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
import { insertGroup, insertMembership } from '../groups/groups.queries.ts'
import { insertGuardian } from '../guardians/guardians.queries.ts'
import { generateSchool, type GeneratedSchool } from './generate.ts'
import { insertDemoAnswer, insertGeneratedPupil, insertParentLink, purposeVersionsByCode } from './school.queries.ts'

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
  const groupIds = new Map(
    school.groups.map((g) => [
      g.name,
      insertGroup(db, { schoolYearId: yearId, name: g.name, teacherName: g.teacherName, teacherEmail: g.teacherEmail, yearLevels: storedLevels(levelsOfGroupName(g.name)), createdAt: now }),
    ]),
  )

  const guardianIds = new Map<number, number>()
  for (const g of school.guardians) {
    const values = { name: g.name, email: g.email, phone: g.phone, phoneNormalized: normalizePhone(g.phone), inGroupApp: g.inGroupApp ? 1 : 0, preferredChannel: g.inGroupApp ? 'app' : 'email' } as const
    guardianIds.set(g.key, insertGuardian(db, values, now))
  }

  const purposes = new Map(purposeVersionsByCode(db).map((p) => [p.code, p]))
  const pupilIds: number[] = []
  for (const p of school.pupils) {
    const pupilId = insertGeneratedPupil(db, {
      studentNumber: p.studentNumber,
      firstName: p.firstName,
      lastNamePrefix: p.lastNamePrefix,
      lastName: p.lastName,
      birthDate: p.birthDate,
      yearLevel: p.yearLevel,
      enrolledOn: today,
      formCode: uniqueFormCode(db),
      stamp: now,
    })
    pupilIds.push(pupilId)
    insertMembership(db, pupilId, yearId, groupIds.get(p.group) as number)
    p.guardianKeys.forEach((key, i) => insertParentLink(db, pupilId, guardianIds.get(key) as number, i))
    for (const [code, decision] of Object.entries(p.consents)) {
      const purpose = purposes.get(code)
      if (purpose) insertDemoAnswer(db, pupilId, purpose.id, purpose.version, decision, today, actor, now)
    }
  }
  refreshSearchText(db, pupilIds)
}

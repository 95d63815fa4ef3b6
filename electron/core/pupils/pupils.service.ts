import type { ApiParsed } from '../../../shared/api.ts'
import { displayName, localIsoDate, type PupilDetail, type PupilHit } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareByName, fold } from '../../../shared/text.ts'
import { writeAudit } from '../audit/audit.ts'
import { consentCells } from '../consent/consent.current.ts'
import { consentStamp } from '../consent/consent.queries.ts'
import type { CoreContext } from '../context.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'
import { currentSchoolYearId, requireStaffName } from '../settings/settings.service.ts'
import { uniqueFormCode } from './form-code.ts'
import { refreshSearchText } from './search-text.ts'

interface PupilRow {
  id: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  enrolledOn: string | null
  leftOn: string | null
  leavingReason: string
  formCode: string
  version: number
  groupId: number | null
  groupName: string | null
}

const PUPIL_COLUMNS = `p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix,
  p.last_name AS lastName, p.birth_date AS birthDate, p.enrolled_on AS enrolledOn, p.left_on AS leftOn,
  p.leaving_reason AS leavingReason, p.form_code AS formCode, p.version, g.id AS groupId, g.name AS groupName`

const FROM_PUPILS = `FROM pupils p
  LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @yearId
  LEFT JOIN groups g ON g.id = m.group_id`

function pupilRow(ctx: CoreContext, id: number): PupilRow {
  const row = ctx.db.prepare(`SELECT ${PUPIL_COLUMNS} ${FROM_PUPILS} WHERE p.id = @id`).get({ id, yearId: currentSchoolYearId(ctx) }) as PupilRow | undefined
  if (!row) throw new AppError('not_found', 'Deze leerling bestaat niet (meer). Zoek de leerling opnieuw.')
  return row
}

export function getPupil(ctx: CoreContext, id: number): PupilDetail {
  const row = pupilRow(ctx, id)
  return {
    ...row,
    guardians: guardiansOf(ctx.db, id),
    consent: consentCells(ctx, id),
    consentStamp: consentStamp(ctx.db, id),
  }
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Search while typing: every word must occur (case and diacritics ignored) in the pupil's names,
 * student number, form code or guardians' names. A form code ('TR-7K3M9Q') finds its pupil exactly.
 * Best matches first: a name that starts with the words, then alphabetical on surname.
 */
export function searchPupils(ctx: CoreContext, input: ApiParsed<'pupils.search'>): PupilHit[] {
  const words = fold(input.query).split(/[\s,]+/).filter(Boolean).slice(0, 6)
  if (words.length === 0) return []
  const code = /^tr-?([2-9a-z]{6})$/.exec(words.join(''))
  const yearId = currentSchoolYearId(ctx)
  const where = code
    ? `(p.form_code = @code OR p.id IN (SELECT pupil_id FROM campaign_forms WHERE code = @code))`
    : words.map((_, i) => `p.search_text LIKE @w${i} ESCAPE '\\'`).join(' AND ') + (input.includeLeft ? '' : ' AND p.left_on IS NULL')
  const params: Record<string, unknown> = { yearId, code: code ? `TR-${code[1]?.toUpperCase()}` : null }
  words.forEach((w, i) => (params[`w${i}`] = `%${escapeLike(w)}%`))
  const rows = ctx.db
    .prepare(`SELECT ${PUPIL_COLUMNS}, p.search_text AS searchText ${FROM_PUPILS} WHERE ${where}`)
    .all(params) as (PupilRow & { searchText: string })[]

  const score = (r: PupilRow): number => {
    const first = fold(r.firstName)
    const last = fold(r.lastName)
    const full = fold(displayName(r))
    let s = 0
    for (const w of words) {
      if (first.startsWith(w) || last.startsWith(w)) s += 2
      else if (full.includes(` ${w}`) || r.studentNumber === w) s += 1
    }
    return s
  }
  const ranked = rows
    .map((r) => ({ r, s: score(r) }))
    .sort((a, b) => b.s - a.s || compareByName(a.r, b.r))
    .slice(0, input.limit)
    .map(({ r }) => r)
  const guardianNames = ctx.db.prepare(
    `SELECT group_concat(g.name, ', ') FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = ? ORDER BY pg.sort_order`,
  ).pluck()
  return ranked.map(({ version: _v, enrolledOn: _e, leavingReason: _l, ...r }) => ({
    ...r,
    guardianNames: (guardianNames.get(r.id) as string | null) ?? '',
  }))
}

type PupilInput = ApiParsed<'pupils.save'>

function checkPupil(ctx: CoreContext, input: PupilInput, today: string): void {
  if (input.birthDate && input.birthDate > today) throw new AppError('validation', 'De geboortedatum ligt in de toekomst. Controleer de datum.', 'birthDate')
  if (input.birthDate && input.birthDate < '1990-01-01') throw new AppError('validation', 'Deze geboortedatum is te lang geleden voor een basisschoolleerling. Controleer het jaar.', 'birthDate')
  if (input.leftOn && input.enrolledOn && input.leftOn < input.enrolledOn) {
    throw new AppError('validation', 'De datum van vertrek ligt vóór de datum van inschrijving.', 'leftOn')
  }
  if (input.studentNumber) {
    const other = ctx.db.prepare(`SELECT id FROM pupils WHERE student_number = ? AND id IS NOT ?`).pluck().get(input.studentNumber, input.id ?? null)
    if (other !== undefined) throw new AppError('validation', `Leerlingnummer ${input.studentNumber} hoort al bij een andere leerling.`, 'studentNumber')
  }
  if (input.groupId != null) {
    const inYear = ctx.db.prepare(`SELECT 1 FROM groups WHERE id = ? AND school_year_id = ?`).get(input.groupId, currentSchoolYearId(ctx))
    if (!inYear) throw new AppError('validation', 'Deze groep hoort niet bij het huidige schooljaar. Kies een andere groep.', 'groupId')
  }
}

function setGroup(ctx: CoreContext, pupilId: number, groupId: number | null | undefined): void {
  if (groupId === undefined) return
  const yearId = currentSchoolYearId(ctx)
  if (groupId === null) ctx.db.prepare(`DELETE FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).run(pupilId, yearId)
  else
    ctx.db
      .prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET group_id = excluded.group_id`)
      .run(pupilId, yearId, groupId)
}

type Editable = Pick<PupilRow, 'firstName' | 'lastNamePrefix' | 'lastName' | 'birthDate' | 'studentNumber' | 'enrolledOn' | 'leftOn' | 'leavingReason' | 'groupId'>
const EDITABLE: (keyof Editable)[] = ['firstName', 'lastNamePrefix', 'lastName', 'birthDate', 'studentNumber', 'groupId', 'enrolledOn', 'leftOn', 'leavingReason']

/** Adds a pupil or saves changes; a stale screen (older version) is refused, not saved over. */
export function savePupil(ctx: CoreContext, input: PupilInput): PupilDetail {
  const actor = requireStaffName(ctx)
  const now = ctx.now()
  const stamp = now.toISOString()
  const orNull = (s: string | undefined): string | null => (s ? s : null)
  const values: Editable = {
    firstName: input.firstName,
    lastNamePrefix: input.lastNamePrefix,
    lastName: input.lastName,
    birthDate: orNull(input.birthDate),
    studentNumber: orNull(input.studentNumber),
    enrolledOn: orNull(input.enrolledOn),
    leftOn: orNull(input.leftOn),
    leavingReason: input.leavingReason ?? '',
    groupId: input.groupId ?? null,
  }
  return ctx.db.transaction(() => {
    checkPupil(ctx, input, localIsoDate(now))
    const { db } = ctx
    if (input.id === undefined) {
      const id = Number(
        db
          .prepare(
            `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, left_on, leaving_reason, form_code, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(values.studentNumber, values.firstName, values.lastNamePrefix, values.lastName, values.birthDate, values.enrolledOn ?? localIsoDate(now), values.leftOn, values.leavingReason, uniqueFormCode(db), stamp, stamp).lastInsertRowid,
      )
      setGroup(ctx, id, input.groupId)
      refreshSearchText(db, [id])
      writeAudit(db, now, { actor, action: 'pupil.create', entity: 'pupil', entityId: id, pupilId: id, newValue: values })
      return getPupil(ctx, id)
    }
    const before = pupilRow(ctx, input.id)
    if (input.version !== undefined && input.version !== before.version) {
      throw new AppError('conflict', 'Deze leerling is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen. Vernieuw het scherm en voer hem opnieuw in.')
    }
    const old: Partial<Editable> = {}
    const changed: Partial<Editable> = {}
    for (const key of EDITABLE) {
      if (key === 'groupId' && input.groupId === undefined) continue
      if (values[key] !== before[key]) {
        ;(old as Record<string, unknown>)[key] = before[key]
        ;(changed as Record<string, unknown>)[key] = values[key]
      }
    }
    if (Object.keys(changed).length === 0) return getPupil(ctx, before.id)
    db.prepare(
      `UPDATE pupils SET student_number = ?, first_name = ?, last_name_prefix = ?, last_name = ?, birth_date = ?, enrolled_on = ?, left_on = ?,
              leaving_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    ).run(values.studentNumber, values.firstName, values.lastNamePrefix, values.lastName, values.birthDate, values.enrolledOn ?? before.enrolledOn, values.leftOn, values.leavingReason, stamp, before.id)
    setGroup(ctx, before.id, input.groupId)
    refreshSearchText(db, [before.id])
    writeAudit(db, now, { actor, action: 'pupil.update', entity: 'pupil', entityId: before.id, pupilId: before.id, oldValue: old, newValue: changed })
    return getPupil(ctx, before.id)
  })()
}

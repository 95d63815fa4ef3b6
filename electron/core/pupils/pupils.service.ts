import type { ApiParsed } from '../../../shared/api.ts'
import { localIsoDate, type PupilDetail } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { writeAudit } from '../audit/audit.ts'
import { consentCells } from '../consent/consent.current.ts'
import { consentStamp } from '../consent/consent.queries.ts'
import type { CoreContext } from '../context.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'
import { currentSchoolYearId, requireStaffName } from '../settings/settings.service.ts'
import { formatLevels } from '../../../shared/year-levels.ts'
import { groupLevels } from '../groups/group-levels.ts'
import { uniqueFormCode } from './form-code.ts'
import { fitYearLevel } from './year-level.ts'
import { refreshSearchText } from './search-text.ts'

export interface PupilRow {
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
  yearLevel: number | null
  yearLevelUnsure: number
}

export const PUPIL_COLUMNS = `p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix,
  p.last_name AS lastName, p.birth_date AS birthDate, p.enrolled_on AS enrolledOn, p.left_on AS leftOn,
  p.leaving_reason AS leavingReason, p.form_code AS formCode, p.version, p.year_level AS yearLevel, p.year_level_unsure AS yearLevelUnsure, g.id AS groupId, g.name AS groupName`

export const FROM_PUPILS = `FROM pupils p
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
    yearLevelUnsure: row.yearLevelUnsure === 1,
    guardians: guardiansOf(ctx.db, id),
    consent: consentCells(ctx, id),
    consentStamp: consentStamp(ctx.db, id),
    roundForm: openRoundForm(ctx, id),
  }
}

/** The pupil's form in the newest open consent round, whose code is the one to use now. */
function openRoundForm(ctx: CoreContext, pupilId: number): PupilDetail['roundForm'] {
  const row = ctx.db
    .prepare(`SELECT f.code, c.name AS campaignName FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id WHERE f.pupil_id = ? AND c.closed_at IS NULL ORDER BY c.id DESC LIMIT 1`)
    .get(pupilId) as { code: string; campaignName: string } | undefined
  return row ?? null
}

export type PupilInput = ApiParsed<'pupils.save'>
export type Editable = Pick<PupilRow, 'firstName' | 'lastNamePrefix' | 'lastName' | 'birthDate' | 'studentNumber' | 'enrolledOn' | 'leftOn' | 'leavingReason' | 'groupId' | 'yearLevel' | 'yearLevelUnsure'>
const EDITABLE: (keyof Editable)[] = ['firstName', 'lastNamePrefix', 'lastName', 'birthDate', 'studentNumber', 'groupId', 'yearLevel', 'yearLevelUnsure', 'enrolledOn', 'leftOn', 'leavingReason']

const STALE_PUPIL = 'Deze leerling is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en voer hem opnieuw in.'

function checkPupil(ctx: CoreContext, pupil: Editable, id: number | null, today: string): void {
  if (pupil.birthDate && pupil.birthDate > today) throw new AppError('validation', 'De geboortedatum ligt in de toekomst. Controleer de datum.', 'birthDate')
  if (pupil.birthDate && pupil.birthDate < '1990-01-01') throw new AppError('validation', 'Deze geboortedatum is te lang geleden voor een basisschoolleerling. Controleer het jaar.', 'birthDate')
  if (pupil.leftOn && pupil.enrolledOn && pupil.leftOn < pupil.enrolledOn) {
    throw new AppError('validation', 'De datum van vertrek ligt vóór de datum van inschrijving.', 'leftOn')
  }
  if (pupil.studentNumber) {
    const other = ctx.db.prepare(`SELECT id FROM pupils WHERE student_number = ? AND id IS NOT ?`).pluck().get(pupil.studentNumber, id)
    if (other !== undefined) throw new AppError('validation', `Leerlingnummer ${pupil.studentNumber} hoort al bij een andere leerling.`, 'studentNumber')
  }
  if (pupil.groupId != null) {
    const group = ctx.db.prepare(`SELECT name, year_levels AS levels FROM groups WHERE id = ? AND school_year_id = ?`).get(pupil.groupId, currentSchoolYearId(ctx)) as
      | { name: string; levels: string }
      | undefined
    if (!group) throw new AppError('validation', 'Deze groep hoort niet bij het huidige schooljaar. Kies een andere groep.', 'groupId')
    const levels = groupLevels(group)
    if (pupil.yearLevel !== null && levels.length > 0 && !levels.includes(pupil.yearLevel)) {
      throw new AppError('validation', `Groep ${group.name} heeft leerjaar ${formatLevels(levels)}, niet leerjaar ${pupil.yearLevel}. Kies het leerjaar of de groep opnieuw; er is niets opgeslagen.`, 'yearLevel')
    }
  }
}

function setGroup(ctx: CoreContext, pupilId: number, groupId: number | null): void {
  const yearId = currentSchoolYearId(ctx)
  if (groupId === null) ctx.db.prepare(`DELETE FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).run(pupilId, yearId)
  else
    ctx.db
      .prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET group_id = excluded.group_id`)
      .run(pupilId, yearId, groupId)
}

const orNull = (s: string | null | undefined): string | null => (s ? s : null)
/** A field sent replaces the stored one ('' or null clears it); an omitted one keeps it. */
const sentOr = <T>(sent: T | undefined, stored: T): T => (sent === undefined ? stored : sent)

/**
 * The pupil as the save leaves it. For a change: what was sent over what is stored. The date of
 * enrolment cannot be made empty (a pupil is always enrolled on some day): '' keeps it.
 */
function pupilAfter(input: PupilInput, before: PupilRow | undefined, today: string): Editable {
  if (input.id === undefined || before === undefined) {
    return {
      firstName: input.firstName ?? '',
      lastNamePrefix: input.lastNamePrefix ?? '',
      lastName: input.lastName ?? '',
      birthDate: orNull(input.birthDate),
      studentNumber: orNull(input.studentNumber),
      enrolledOn: orNull(input.enrolledOn) ?? today,
      leftOn: orNull(input.leftOn),
      leavingReason: input.leavingReason ?? '',
      groupId: input.groupId ?? null,
      yearLevel: input.yearLevel ?? null,
      yearLevelUnsure: input.yearLevelUnsure ? 1 : 0,
    }
  }
  return {
    firstName: input.firstName ?? before.firstName,
    lastNamePrefix: input.lastNamePrefix ?? before.lastNamePrefix,
    lastName: input.lastName ?? before.lastName,
    birthDate: input.birthDate === undefined ? before.birthDate : orNull(input.birthDate),
    studentNumber: input.studentNumber === undefined ? before.studentNumber : orNull(input.studentNumber),
    enrolledOn: orNull(input.enrolledOn) ?? before.enrolledOn,
    leftOn: input.leftOn === undefined ? before.leftOn : orNull(input.leftOn),
    leavingReason: sentOr(input.leavingReason, before.leavingReason),
    groupId: sentOr(input.groupId, before.groupId),
    yearLevel: sentOr(input.yearLevel, before.yearLevel),
    yearLevelUnsure: input.yearLevelUnsure === undefined ? before.yearLevelUnsure : input.yearLevelUnsure ? 1 : 0,
  }
}

/** Adds a pupil or saves the fields sent; a stale screen (older version) is refused, not saved over. */
export function savePupil(ctx: CoreContext, input: PupilInput): PupilDetail {
  const actor = requireStaffName(ctx)
  const now = ctx.now()
  const stamp = now.toISOString()
  const today = localIsoDate(now)
  return ctx.db.transaction(() => {
    const { db } = ctx
    if (input.id === undefined) {
      const values = pupilAfter(input, undefined, today)
      fitYearLevel(ctx, values, input, undefined)
      checkPupil(ctx, values, null, today)
      const id = Number(
        db
          .prepare(
            `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, left_on, leaving_reason, year_level, year_level_unsure, form_code, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(values.studentNumber, values.firstName, values.lastNamePrefix, values.lastName, values.birthDate, values.enrolledOn, values.leftOn, values.leavingReason, values.yearLevel, values.yearLevelUnsure, uniqueFormCode(db), stamp, stamp).lastInsertRowid,
      )
      if (values.groupId !== null) setGroup(ctx, id, values.groupId)
      refreshSearchText(db, [id])
      writeAudit(db, now, { actor, action: 'pupil.create', entity: 'pupil', entityId: id, pupilId: id, newValue: values })
      return getPupil(ctx, id)
    }
    const before = pupilRow(ctx, input.id)
    if (input.version !== before.version) throw new AppError('conflict', STALE_PUPIL)
    const values = pupilAfter(input, before, today)
    fitYearLevel(ctx, values, input, before)
    checkPupil(ctx, values, before.id, today)
    const old: Partial<Editable> = {}
    const changed: Partial<Editable> = {}
    for (const key of EDITABLE) {
      if (values[key] !== before[key]) {
        ;(old as Record<string, unknown>)[key] = before[key]
        ;(changed as Record<string, unknown>)[key] = values[key]
      }
    }
    if (Object.keys(changed).length === 0) return getPupil(ctx, before.id)
    db.prepare(
      `UPDATE pupils SET student_number = ?, first_name = ?, last_name_prefix = ?, last_name = ?, birth_date = ?, enrolled_on = ?, left_on = ?,
              leaving_reason = ?, year_level = ?, year_level_unsure = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    ).run(values.studentNumber, values.firstName, values.lastNamePrefix, values.lastName, values.birthDate, values.enrolledOn, values.leftOn, values.leavingReason, values.yearLevel, values.yearLevelUnsure, stamp, before.id)
    if (values.groupId !== before.groupId) setGroup(ctx, before.id, values.groupId)
    refreshSearchText(db, [before.id])
    writeAudit(db, now, { actor, action: 'pupil.update', entity: 'pupil', entityId: before.id, pupilId: before.id, oldValue: old, newValue: changed })
    return getPupil(ctx, before.id)
  })()
}

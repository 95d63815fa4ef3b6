import type { ApiParsed } from '../../../shared/api.ts'
import { localIsoDate, type PupilDetail } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { writeAudit } from '../audit/audit.ts'
import { consentCells } from '../consent/consent.current.ts'
import { consentStamp } from '../consent/consent.queries.ts'
import type { CoreContext } from '../context.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'
import { schoolYearId, requireStaffName } from '../settings/settings.service.ts'
import { formatLevels } from '../../../shared/year-levels.ts'
import { groupLevels } from '../groups/group-levels.ts'
import { uniqueFormCode } from './form-code.ts'
import { fitYearLevel } from './year-level.ts'
import { refreshSearchText } from './search-text.ts'
import { groupWithLevels, insertPupil, joinGroup, leaveGroup, openRoundFormOf, otherPupilWithNumber, pupilRowById, updatePupil, type PupilRow } from './pupil-records.queries.ts'

export type { PupilRow }

function pupilRow(ctx: CoreContext, id: number): PupilRow {
  const row = pupilRowById(ctx.db, id, schoolYearId(ctx))
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
  return openRoundFormOf(ctx.db, pupilId) ?? null
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
    const other = otherPupilWithNumber(ctx.db, pupil.studentNumber, id)
    if (other !== undefined) throw new AppError('validation', `Leerlingnummer ${pupil.studentNumber} hoort al bij een andere leerling.`, 'studentNumber')
  }
  if (pupil.groupId != null) {
    const group = groupWithLevels(ctx.db, pupil.groupId, schoolYearId(ctx))
    if (!group) throw new AppError('validation', 'Deze groep hoort niet bij het huidige schooljaar. Kies een andere groep.', 'groupId')
    const levels = groupLevels(group)
    if (pupil.yearLevel !== null && levels.length > 0 && !levels.includes(pupil.yearLevel)) {
      throw new AppError('validation', `Groep ${group.name} heeft leerjaar ${formatLevels(levels)}, niet leerjaar ${pupil.yearLevel}. Kies het leerjaar of de groep opnieuw; er is niets opgeslagen.`, 'yearLevel')
    }
  }
}

function setGroup(ctx: CoreContext, pupilId: number, groupId: number | null): void {
  const yearId = schoolYearId(ctx)
  if (groupId === null) leaveGroup(ctx.db, pupilId, yearId)
  else joinGroup(ctx.db, pupilId, yearId, groupId)
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
      const id = insertPupil(db, values, uniqueFormCode(db), stamp)
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
    updatePupil(db, before.id, values, stamp)
    if (values.groupId !== before.groupId) setGroup(ctx, before.id, values.groupId)
    refreshSearchText(db, [before.id])
    writeAudit(db, now, { actor, action: 'pupil.update', entity: 'pupil', entityId: before.id, pupilId: before.id, oldValue: old, newValue: changed })
    return getPupil(ctx, before.id)
  })()
}

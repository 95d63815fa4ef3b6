import type { ApiParsed } from '../../../shared/api.ts'
import { localIsoDate, type PupilDetail, type PupilHit } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { compareByName, fold } from '../../../shared/text.ts'
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

const PUPIL_COLUMNS = `p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix,
  p.last_name AS lastName, p.birth_date AS birthDate, p.enrolled_on AS enrolledOn, p.left_on AS leftOn,
  p.leaving_reason AS leavingReason, p.form_code AS formCode, p.version, p.year_level AS yearLevel, p.year_level_unsure AS yearLevelUnsure, g.id AS groupId, g.name AS groupName`

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

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The first `limit` items in `compare` order, without sorting them all: a bounded max-heap. */
function firstInOrder<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  const heap: T[] = [] // heap[0] is the last of the kept ones
  const swap = (i: number, j: number): void => {
    const t = heap[i] as T
    heap[i] = heap[j] as T
    heap[j] = t
  }
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let top = i
      if (l < heap.length && compare(heap[l] as T, heap[top] as T) > 0) top = l
      if (r < heap.length && compare(heap[r] as T, heap[top] as T) > 0) top = r
      if (top === i) return
      swap(i, top)
      i = top
    }
  }
  for (const item of items) {
    if (heap.length < limit) {
      heap.push(item)
      for (let i = heap.length - 1; i > 0 && compare(heap[i] as T, heap[(i - 1) >> 1] as T) > 0; i = (i - 1) >> 1) swap(i, (i - 1) >> 1)
    } else if (limit > 0 && compare(item, heap[0] as T) < 0) {
      heap[0] = item
      down(0)
    }
  }
  return heap.sort(compare)
}

/**
 * Search while typing: every word must occur (case and diacritics ignored) in the pupil's names,
 * student number, form code or guardians' names. A form code ('TR-7K3M9Q') finds its pupil exactly.
 * Best matches first: a name that starts with the words, then alphabetical on surname.
 * Ranks on the names alone and reads the full rows of the best `limit` only: one letter typed
 * matches most of a register of 10,000.
 */
export function searchPupils(ctx: CoreContext, input: ApiParsed<'pupils.search'>): PupilHit[] {
  // A desk scanner types a consent form's whole QR text ('TR-7K3M9Q 1/1 1K3M9Q'): its form code counts.
  const query = /^\s*(TR-[2-9A-Z]{6}) \d{1,2}\/\d{1,2} \d[0-9A-Z]{5}\s*$/i.exec(input.query)?.[1] ?? input.query
  const words = fold(query).split(/[\s,]+/).filter(Boolean).slice(0, 6)
  if (words.length === 0) return []
  // A form code, with 'TR-' or without it (then it may also be a name: both are looked for).
  const code = /^(tr-?)?([2-9a-hj-km-np-z]{6})$/.exec(words.join(''))
  const yearId = currentSchoolYearId(ctx)
  const byCode = `(p.form_code = @code OR p.id IN (SELECT pupil_id FROM campaign_forms WHERE code = @code))`
  const byWords = words.map((_, i) => `p.search_text LIKE @w${i} ESCAPE '\\'`).join(' AND ') + (input.includeLeft ? '' : ' AND p.left_on IS NULL')
  const where = code?.[1] ? byCode : code ? `(${byCode} OR (${byWords}))` : byWords
  const params: Record<string, unknown> = { code: code ? `TR-${code[2]?.toUpperCase()}` : null }
  words.forEach((w, i) => (params[`w${i}`] = `%${escapeLike(w)}%`))
  const matches = ctx.db
    .prepare(`SELECT p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName FROM pupils p WHERE ${where}`)
    .all(params) as Pick<PupilRow, 'id' | 'studentNumber' | 'firstName' | 'lastNamePrefix' | 'lastName'>[]

  const folded = new Map<string, string>() // names repeat: fold each part once
  const f = (s: string): string => {
    let v = folded.get(s)
    if (v === undefined) folded.set(s, (v = fold(s)))
    return v
  }
  const spaced = words.map((w) => ` ${w}`)
  const score = (r: (typeof matches)[number]): number => {
    const first = f(r.firstName)
    const last = f(r.lastName)
    // The parts of the folded display name: a word starts in it where a part starts (but the first) or after a space.
    const parts = [r.firstName, r.lastNamePrefix, r.lastName].filter((p) => p !== '').map(f)
    let s = 0
    words.forEach((w, i) => {
      const sw = spaced[i] as string
      if (first.startsWith(w) || last.startsWith(w)) s += 2
      else if (parts.some((p, k) => (k > 0 && p.startsWith(w)) || p.includes(sw)) || r.studentNumber === w) s += 1
    })
    return s
  }
  const ranked = firstInOrder(
    matches.map((r) => ({ r, s: score(r) })),
    input.limit,
    (a, b) => b.s - a.s || compareByName(a.r, b.r) || a.r.id - b.r.id,
  )
  const ids = JSON.stringify(ranked.map(({ r }) => r.id))
  const rows = new Map(
    (ctx.db.prepare(`SELECT ${PUPIL_COLUMNS} ${FROM_PUPILS} WHERE p.id IN (SELECT value FROM json_each(@ids))`).all({ ids, yearId }) as PupilRow[]).map((r) => [r.id, r]),
  )
  const names = new Map(
    (
      ctx.db
        .prepare(
          `SELECT pg.pupil_id AS id, group_concat(g.name, ', ') AS names FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id
            WHERE pg.pupil_id IN (SELECT value FROM json_each(?)) GROUP BY pg.pupil_id`,
        )
        .all(ids) as { id: number; names: string }[]
    ).map((n) => [n.id, n.names]),
  )
  return ranked.map(({ r: match }) => {
    const { version: _v, enrolledOn: _e, leavingReason: _l, yearLevel: _y, yearLevelUnsure: _u, ...r } = rows.get(match.id) as PupilRow
    return { ...r, guardianNames: names.get(r.id) ?? '' }
  })
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

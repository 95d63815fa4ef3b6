import type { GroupSummary, PupilHit, PupilSummary } from '../../../shared/domain.ts'
import { compareByName } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

/** Pupils of the school (or one group), sorted as a Dutch list: on surname, diacritics ignored. */
export function listPupils(db: Db, schoolYearId: number, groupId?: number, includeLeft = false): PupilSummary[] {
  const rows = statement(
    db,
    `SELECT p.id, p.student_number AS studentNumber, p.first_name AS firstName,
              p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
              g.id AS groupId, g.name AS groupName, p.left_on AS leftOn
         FROM pupils p
         LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @schoolYearId
         LEFT JOIN groups g ON g.id = m.group_id
        WHERE (@includeLeft OR p.left_on IS NULL) AND (@groupId IS NULL OR g.id = @groupId)`,
  ).all({ schoolYearId, groupId: groupId ?? null, includeLeft: includeLeft ? 1 : 0 }) as PupilSummary[]
  return rows.sort(compareByName)
}

export function listGroups(db: Db, schoolYearId: number): GroupSummary[] {
  return statement(
    db,
    `SELECT g.id, g.name, y.name AS schoolYear, g.teacher_name AS teacherName, g.teacher_email AS teacherEmail, g.version,
              (SELECT count(*) FROM group_memberships m JOIN pupils p ON p.id = m.pupil_id
                WHERE m.group_id = g.id AND p.left_on IS NULL) AS pupilCount
         FROM groups g JOIN school_years y ON y.id = g.school_year_id
        WHERE g.school_year_id = ?
        ORDER BY g.name`,
  ).all(schoolYearId) as GroupSummary[]
}

export interface IndexedPupilRow {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  studentNumber: string | null
  formCode: string
  leftOn: string | null
  /** Each linked guardian's name. */
  guardianNames: string[]
}

/** What the search index holds of each pupil (all of them, or these): see pupil-index.ts. */
export function indexedPupilRows(db: Db, ids?: readonly number[]): IndexedPupilRow[] {
  const only = ids ? `WHERE p.id IN (SELECT value FROM json_each(@ids))` : ''
  const params = { ids: JSON.stringify(ids ?? []) }
  const rows = statement(
    db,
    `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName,
              p.student_number AS studentNumber, p.form_code AS formCode, p.left_on AS leftOn
         FROM pupils p ${only}`,
  ).all(params) as Omit<IndexedPupilRow, 'guardianNames'>[]
  const names = new Map<number, string[]>()
  // The guardians in one pass beside the pupils: a subquery per pupil or a GROUP BY costs more at 10,000.
  const links = statement(db, `SELECT pg.pupil_id, g.name FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id ${only.replace('p.id', 'pg.pupil_id')}`, 'raw').all(params) as [number, string][]
  for (const [pupilId, name] of links) {
    const list = names.get(pupilId)
    if (list) list.push(name)
    else names.set(pupilId, [name])
  }
  return rows.map((r) => ({ ...r, guardianNames: names.get(r.id) ?? [] }))
}

/** The pupils (and a round's forms) with this form code: 'TR-7K3M9Q'. */
export function pupilIdsWithFormCode(db: Db, code: string): number[] {
  return statement(db, `SELECT id FROM pupils WHERE form_code = @code UNION SELECT pupil_id FROM campaign_forms WHERE code = @code`, 'pluck').all({ code }) as number[]
}

/** The rows of search hits, in no order, and each hit's guardians' names (', '), for these ids. */
export function hitRows(db: Db, ids: readonly number[], schoolYearId: number): { rows: Omit<PupilHit, 'guardianNames'>[]; guardianNames: Map<number, string> } {
  const json = JSON.stringify(ids)
  const rows = statement(
    db,
    `SELECT p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName,
              p.birth_date AS birthDate, p.left_on AS leftOn, p.form_code AS formCode, g.id AS groupId, g.name AS groupName
         FROM pupils p
         LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @schoolYearId
         LEFT JOIN groups g ON g.id = m.group_id
        WHERE p.id IN (SELECT value FROM json_each(@json))`,
  ).all({ json, schoolYearId }) as Omit<PupilHit, 'guardianNames'>[]
  const names = statement(
    db,
    `SELECT pg.pupil_id AS id, group_concat(g.name, ', ') AS names FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id
        WHERE pg.pupil_id IN (SELECT value FROM json_each(?)) GROUP BY pg.pupil_id`,
  ).all(json) as { id: number; names: string }[]
  return { rows, guardianNames: new Map(names.map((n) => [n.id, n.names])) }
}

/** Rows changed by this connection since it opened, and SQLite's count of other connections' commits: any write changes one of them. */
export function writeStamp(db: Db): string {
  return `${statement(db, `SELECT total_changes()`, 'pluck').get() as number}/${dataVersion(db)}`
}

/** SQLite's count of commits by other connections to this file, as this connection sees it. */
export const dataVersion = (db: Db): number => statement(db, `PRAGMA data_version`, 'pluck').get() as number

/**
 * Temporary triggers (connection-only, never written to the file) that call the function
 * `pupil_index_touched` (registered by pupil-index.ts) for each pupil whose searchable text may have
 * changed: names, number, form code, leaving, guardians and their links.
 */
export function createPupilIndexTriggers(db: Db): void {
  const on = (name: string, event: string, body: string): void => {
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS pupil_index_${name} AFTER ${event} BEGIN ${body}; END`)
  }
  on('pupil_insert', 'INSERT ON main.pupils', 'SELECT pupil_index_touched(NEW.id)')
  on('pupil_update', 'UPDATE OF first_name, last_name_prefix, last_name, student_number, form_code, left_on ON main.pupils', 'SELECT pupil_index_touched(NEW.id)')
  on('pupil_delete', 'DELETE ON main.pupils', 'SELECT pupil_index_touched(OLD.id)')
  on('link_insert', 'INSERT ON main.pupil_guardians', 'SELECT pupil_index_touched(NEW.pupil_id)')
  on('link_update', 'UPDATE ON main.pupil_guardians', 'SELECT pupil_index_touched(OLD.pupil_id), pupil_index_touched(NEW.pupil_id)')
  on('link_delete', 'DELETE ON main.pupil_guardians', 'SELECT pupil_index_touched(OLD.pupil_id)')
  on('guardian_update', 'UPDATE OF name ON main.guardians', 'SELECT pupil_index_touched(pupil_id) FROM main.pupil_guardians WHERE guardian_id = NEW.id')
}

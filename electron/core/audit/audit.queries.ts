// The audit log's SQL: appending an entry, the trail of one pupil, and the Logboek's filtered page.
import type { ApiParsed } from '../../../shared/api.ts'
import type { AuditEntryView } from '../../../shared/domain.ts'
import { fold } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'
import { actionPatterns } from './audit-sentences.ts'

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s))

/** The audit trail, newest first: the whole log, or what concerns one pupil (including their guardians). */
export function listAudit(db: Db, input: ApiParsed<'audit.list'>): AuditEntryView[] {
  const rows = statement(
    db,
    `SELECT id, at, actor, action, entity, entity_id AS entityId, pupil_id AS pupilId, old_value AS oldValue, new_value AS newValue, scrubbed_at AS scrubbedAt
         FROM audit_log
        WHERE (@pupilId IS NULL OR pupil_id = @pupilId
               OR (entity = 'guardian' AND entity_id IN (SELECT guardian_id FROM pupil_guardians WHERE pupil_id = @pupilId)))
          AND (@beforeId IS NULL OR id < @beforeId)
        ORDER BY id DESC LIMIT @limit`,
  ).all({ pupilId: input.pupilId ?? null, beforeId: input.beforeId ?? null, limit: input.limit }) as StoredAuditEntry[]
  return rows.map((r) => ({ ...r, oldValue: parse(r.oldValue), newValue: parse(r.newValue) }))
}

export interface AuditEntryRow {
  at: string
  actor: string
  action: string
  entity: string
  entityId: number | null
  pupilId: number | null
  oldValue: string | null
  newValue: string | null
}

/** An entry as the log holds it: the values still JSON text, and when retention blanked them. */
interface StoredAuditEntry extends AuditEntryRow {
  id: number
  scrubbedAt: string | null
}

/** Appends one entry (the log is append-only in SQL). */
export function insertAuditEntry(db: Db, e: AuditEntryRow): void {
  statement(
    db,
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, pupil_id, old_value, new_value)
     VALUES (@at, @actor, @action, @entity, @entityId, @pupilId, @oldValue, @newValue)`,
  ).run(e)
}

/** The first moment of a local (Europe/Amsterdam, the machine's) day as the log's ISO time. */
const startOfDay = (isoDay: string): string => new Date(`${isoDay}T00:00:00`).toISOString()
const nextDay = (isoDay: string): string => {
  const d = new Date(`${isoDay}T00:00:00`)
  d.setDate(d.getDate() + 1)
  return d.toISOString()
}

export interface AuditPageRow extends StoredAuditEntry {
  firstName: string | null
  lastNamePrefix: string | null
  lastName: string | null
}

/** One page of the Logboek's filtered trail, newest first, with the number of lines the filter finds. */
export function auditRows(db: Db, input: ApiParsed<'audit.page'>): { total: number; rows: AuditPageRow[] } {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  if (input.pupilId !== undefined) {
    where.push(`(a.pupil_id = @pupilId OR (a.entity = 'guardian' AND a.entity_id IN (SELECT guardian_id FROM pupil_guardians WHERE pupil_id = @pupilId)))`)
    params['pupilId'] = input.pupilId
  }
  if (input.kind !== undefined) {
    const patterns = actionPatterns(input.kind)
    where.push(`(${patterns.map((_, i) => `a.action LIKE @kind${i}`).join(' OR ')})`)
    patterns.forEach((p, i) => (params[`kind${i}`] = p))
  }
  if (input.actor) {
    where.push(`a.actor = @actor`)
    params['actor'] = input.actor
  }
  if (input.from) {
    where.push(`a.at >= @from`)
    params['from'] = startOfDay(input.from)
  }
  if (input.to) {
    where.push(`a.at < @to`)
    params['to'] = nextDay(input.to)
  }
  const query = fold(input.query ?? '').trim()
  if (query) {
    // Names are matched folded ('zoe' finds Zoë); the actor and the values as written, without case.
    where.push(
      `(coalesce(p.search_text, '') LIKE @folded ESCAPE '\\' OR lower(a.actor) LIKE @plain ESCAPE '\\' OR lower(coalesce(a.new_value, '')) LIKE @plain ESCAPE '\\' OR lower(coalesce(a.old_value, '')) LIKE @plain ESCAPE '\\')`,
    )
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    params['folded'] = like(query)
    params['plain'] = like((input.query ?? '').trim().toLowerCase())
  }
  const from = `FROM audit_log a LEFT JOIN pupils p ON p.id = a.pupil_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const total = statement(db, `SELECT count(*) ${from}`, 'pluck').get(params) as number
  const rows = statement(
    db,
    `SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id AS entityId, a.pupil_id AS pupilId, a.old_value AS oldValue, a.new_value AS newValue,
              a.scrubbed_at AS scrubbedAt, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName
         ${from} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }) as AuditPageRow[]
  return { total, rows }
}

export const guardianName = (db: Db, id: number): string | null => (statement(db, `SELECT name FROM guardians WHERE id = ?`, 'pluck').get(id) as string | undefined) || null
export const groupName = (db: Db, id: number): string | null => (statement(db, `SELECT name FROM groups WHERE id = ?`, 'pluck').get(id) as string | undefined) || null
export const purposeLabel = (db: Db, code: string): string | null => (statement(db, `SELECT label FROM purposes WHERE code = ?`, 'pluck').get(code) as string | undefined) || null

/** Every staff member who appears in the log, for the Logboek's filter. */
export function auditActors(db: Db): string[] {
  return statement(db, `SELECT DISTINCT actor FROM audit_log ORDER BY actor`, 'pluck').all() as string[]
}

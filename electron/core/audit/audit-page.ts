// The Logboek's page of the audit trail: filtered by pupil (with their guardians), kind of
// change, staff member, date range and a search over names and values; newest first, paged;
// each line a Dutch sentence with the pupil's name.
import type { ApiParsed } from '../../../shared/api.ts'
import type { AuditPage } from '../../../shared/audit.contract.ts'
import { displayName } from '../../../shared/domain.ts'
import { fold } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'
import { actionPatterns, auditSentence, kindOf } from './audit-sentences.ts'

/** The first moment of a local (Europe/Amsterdam, the machine's) day as the log's ISO time. */
const startOfDay = (isoDay: string): string => new Date(`${isoDay}T00:00:00`).toISOString()
const nextDay = (isoDay: string): string => {
  const d = new Date(`${isoDay}T00:00:00`)
  d.setDate(d.getDate() + 1)
  return d.toISOString()
}

interface Row {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: number | null
  pupilId: number | null
  oldValue: string | null
  newValue: string | null
  scrubbedAt: string | null
  firstName: string | null
  lastNamePrefix: string | null
  lastName: string | null
}

export function auditPage(db: Db, input: ApiParsed<'audit.page'>): AuditPage {
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
    where.push(`(coalesce(p.search_text, '') LIKE @folded ESCAPE '\\' OR lower(a.actor) LIKE @plain ESCAPE '\\' OR lower(coalesce(a.new_value, '')) LIKE @plain ESCAPE '\\' OR lower(coalesce(a.old_value, '')) LIKE @plain ESCAPE '\\')`)
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    params['folded'] = like(query)
    params['plain'] = like((input.query ?? '').trim().toLowerCase())
  }
  const from = `FROM audit_log a LEFT JOIN pupils p ON p.id = a.pupil_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id AS entityId, a.pupil_id AS pupilId, a.old_value AS oldValue, a.new_value AS newValue,
              a.scrubbed_at AS scrubbedAt, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName
         ${from} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }) as Row[]

  const guardianName = db.prepare(`SELECT name FROM guardians WHERE id = ?`).pluck()
  const groupName = db.prepare(`SELECT name FROM groups WHERE id = ?`).pluck()
  const purposeLabel = db.prepare(`SELECT label FROM purposes WHERE code = ?`).pluck()
  const names = {
    guardian: (id: number) => (guardianName.get(id) as string | undefined) || null,
    group: (id: number) => (groupName.get(id) as string | undefined) || null,
    purpose: (code: string) => (purposeLabel.get(code) as string | undefined) || null,
  }
  const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s))
  const lines = rows.map((r) => {
    const pupilName = r.firstName !== null && (r.firstName || r.lastName) ? displayName({ firstName: r.firstName, lastNamePrefix: r.lastNamePrefix ?? '', lastName: r.lastName ?? '' }) : null
    const sentence =
      auditSentence({ action: r.action, entity: r.entity, entityId: r.entityId, oldValue: parse(r.oldValue), newValue: parse(r.newValue) }, { ...names, pupil: pupilName }) ??
      'Opgeslagen zonder wijziging.'
    return { id: r.id, at: r.at, actor: r.actor, kind: kindOf(r.action), sentence, pupilId: r.pupilId, pupilName, scrubbedAt: r.scrubbedAt }
  })
  const actors = db.prepare(`SELECT DISTINCT actor FROM audit_log ORDER BY actor`).pluck().all() as string[]
  return { lines, total, page: input.page, pageSize: input.pageSize, actors }
}

import type { ApiParsed } from '../../../shared/api.ts'
import type { AuditEntryView } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s))

/** The audit trail, newest first: the whole log, or what concerns one pupil (including their guardians). */
export function listAudit(db: Db, input: ApiParsed<'audit.list'>): AuditEntryView[] {
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, pupil_id AS pupilId, old_value AS oldValue, new_value AS newValue, scrubbed_at AS scrubbedAt
         FROM audit_log
        WHERE (@pupilId IS NULL OR pupil_id = @pupilId
               OR (entity = 'guardian' AND entity_id IN (SELECT guardian_id FROM pupil_guardians WHERE pupil_id = @pupilId)))
          AND (@beforeId IS NULL OR id < @beforeId)
        ORDER BY id DESC LIMIT @limit`,
    )
    .all({ pupilId: input.pupilId ?? null, beforeId: input.beforeId ?? null, limit: input.limit }) as (Omit<AuditEntryView, 'oldValue' | 'newValue'> & {
    oldValue: string | null
    newValue: string | null
  })[]
  return rows.map((r) => ({ ...r, oldValue: parse(r.oldValue), newValue: parse(r.newValue) }))
}

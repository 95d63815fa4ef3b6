import type { Db } from '../db/open.ts'
import { assertClockNotBehind } from '../db/register-clock.ts'

export interface AuditEntry {
  actor: string
  action: string
  entity: string
  entityId?: number | null
  pupilId?: number | null
  oldValue?: unknown
  newValue?: unknown
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v))

/** Appends to the audit log (append-only in SQL). Call inside the service's transaction: a clock that went back rolls it back. */
export function writeAudit(db: Db, at: Date, e: AuditEntry): void {
  assertClockNotBehind(db, at)
  db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, pupil_id, old_value, new_value)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(at.toISOString(), e.actor || 'onbekend', e.action, e.entity, e.entityId ?? null, e.pupilId ?? null, json(e.oldValue), json(e.newValue))
}

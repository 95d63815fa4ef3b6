import type { Db } from '../db/open.ts'
import { assertClockNotBehind } from '../db/register-clock.ts'
import { insertAuditEntry } from './audit.queries.ts'

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
  insertAuditEntry(db, {
    at: at.toISOString(),
    actor: e.actor || 'onbekend',
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    pupilId: e.pupilId ?? null,
    oldValue: json(e.oldValue),
    newValue: json(e.newValue),
  })
}

// What the register's clock and change stamp read: the newest audit moment, and the newest ids
// with the connection's own change count.
import type { Db } from './open.ts'
import { statement } from './statements.ts'

/** The newest `at` in the audit log as stored (ISO), or null for an empty log. */
export function newestAuditAt(db: Db): string | null {
  return statement(db, `SELECT max(at) FROM audit_log`, 'pluck').get() as string | null
}

/** The newest audit and consent ids and this connection's total changes, as one text. */
export function ownChanges(db: Db): string {
  return statement(db, `SELECT (SELECT coalesce(max(id), 0) FROM audit_log) || '.' || (SELECT coalesce(max(id), 0) FROM consent_records) || '.' || total_changes()`, 'pluck').get() as string
}

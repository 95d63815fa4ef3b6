import type { Database } from 'better-sqlite3'

// The newest recorded moment of the register (max of audit_log.at) is read before every write, to
// refuse a computer clock that went back; this index makes that one lookup instead of a scan of
// the whole log. History is ordered by the rowid (the order of recording), which needs no column.
export function up(db: Database): void {
  db.exec(`CREATE INDEX audit_log_at ON audit_log(at);`)
}

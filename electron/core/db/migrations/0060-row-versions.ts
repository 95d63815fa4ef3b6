import type { Database } from 'better-sqlite3'

// A purpose's row gets its own version for saves that cannot overwrite another user's change.
// purposes.version is the wording's version (an answer to an older wording is asked again), so
// it does not move when only the order or 'in gebruik' changes; row_version moves on every change.
export function up(db: Database): void {
  db.exec(`ALTER TABLE purposes ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version >= 1);`)
}

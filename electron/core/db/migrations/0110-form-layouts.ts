// The layout of every kind of consent form sheet that was printed, by the digest its QR code
// carries, so a returned sheet is read with exactly the geometry it was printed with, even after
// the purposes, the intro or the guardians have changed. One row per layout, not per form.
import type { Database } from 'better-sqlite3'

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE form_layouts (
      digest      TEXT PRIMARY KEY CHECK (length(digest) = 5),
      version     INTEGER NOT NULL CHECK (version >= 1),
      layout_json TEXT NOT NULL CHECK (length(layout_json) <= 200000),
      printed_at  TEXT NOT NULL
    ) STRICT;
  `)
}

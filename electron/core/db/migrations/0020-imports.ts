import type { Database } from 'better-sqlite3'

// Imports: remembered column mappings, what a batch wrote (to tell on undo whether it was changed
// since), and the marker of a pupil whose creating import was undone.
//
// Such a pupil cannot be deleted: its consent records are append-only. Undo therefore adds records
// that put every answer back to 'no answer', removes its links and group membership, and marks it
// as left (left_on, leaving_reason) so every list and search leaves it out as it does for leavers;
// undone_import_batch_id says why, so retention and reports can tell it from a real leaver, and a
// later import of the same pupil brings the same record back instead of making a second one.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE import_mappings (
      signature    TEXT PRIMARY KEY,
      layout       TEXT NOT NULL CHECK (layout IN ('table', 'form')),
      mapping_json TEXT NOT NULL,  -- [{ key, target }]
      used_at      TEXT NOT NULL,
      used_by      TEXT NOT NULL
    ) STRICT;

    ALTER TABLE import_changes ADD COLUMN after_json TEXT;  -- the values the batch wrote
    ALTER TABLE pupils ADD COLUMN undone_import_batch_id INTEGER REFERENCES import_batches(id);
  `)
}

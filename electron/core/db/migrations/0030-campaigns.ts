import type { Database } from 'better-sqlite3'

// Consent campaigns: a round of forms sent to chosen pupils, each form with its own code, so the
// desk sees which came back. A closed campaign keeps its figures.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE campaigns (
      id             INTEGER PRIMARY KEY,
      name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      school_year_id INTEGER NOT NULL REFERENCES school_years(id),
      criteria_json  TEXT NOT NULL,
      created_at     TEXT NOT NULL,
      created_by     TEXT NOT NULL,
      closed_at      TEXT,
      closed_by      TEXT
    ) STRICT;

    CREATE TABLE campaign_forms (
      id          INTEGER PRIMARY KEY,
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
      pupil_id    INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
      group_id    INTEGER REFERENCES groups(id),  -- the group when the form went out
      code        TEXT NOT NULL UNIQUE,
      printed_at  TEXT,
      returned_at TEXT,
      returned_by TEXT,
      UNIQUE (campaign_id, pupil_id)
    ) STRICT;
    CREATE INDEX campaign_forms_pupil ON campaign_forms(pupil_id);
  `)
}

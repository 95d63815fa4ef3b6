import type { Database } from 'better-sqlite3'

// Schema v1 for the whole domain. Shipped migrations are never edited: add a new file.
//
// Conventions: dates are 'YYYY-MM-DD', moments are ISO 8601 UTC strings; every table is STRICT;
// rows a user edits carry `version` for optimistic concurrency (a stale screen cannot save
// over a newer change). Consent records and the audit log are append-only, enforced by
// triggers; the only way to delete them is the retention removal of a pupil who left,
// which first lists that pupil in purge_queue inside the same transaction.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE school_settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE school_years (
      id        INTEGER PRIMARY KEY,
      name      TEXT NOT NULL UNIQUE CHECK (name GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
      starts_on TEXT NOT NULL,
      ends_on   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE groups (
      id             INTEGER PRIMARY KEY,
      school_year_id INTEGER NOT NULL REFERENCES school_years(id),
      name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      teacher_name   TEXT NOT NULL DEFAULT '',
      teacher_email  TEXT NOT NULL DEFAULT '',
      version        INTEGER NOT NULL DEFAULT 1,
      created_at     TEXT NOT NULL,
      UNIQUE (school_year_id, name)
    ) STRICT;

    CREATE TABLE pupils (
      id               INTEGER PRIMARY KEY,
      student_number   TEXT UNIQUE,
      first_name       TEXT NOT NULL,
      last_name_prefix TEXT NOT NULL DEFAULT '',
      last_name        TEXT NOT NULL CHECK (length(last_name) > 0),
      birth_date       TEXT,
      enrolled_on      TEXT,
      left_on          TEXT,
      leaving_reason   TEXT NOT NULL DEFAULT '',
      form_code        TEXT NOT NULL UNIQUE,
      search_text      TEXT NOT NULL DEFAULT '',  -- folded names, numbers, code, guardians: for search
      version          INTEGER NOT NULL DEFAULT 1,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX pupils_last_name ON pupils(last_name, first_name);

    -- Which group a pupil is in, per school year; last year's groups stay readable.
    CREATE TABLE group_memberships (
      pupil_id       INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
      school_year_id INTEGER NOT NULL REFERENCES school_years(id),
      group_id       INTEGER NOT NULL REFERENCES groups(id),
      PRIMARY KEY (pupil_id, school_year_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX group_memberships_group ON group_memberships(group_id);

    CREATE TABLE guardians (
      id                INTEGER PRIMARY KEY,
      name              TEXT NOT NULL CHECK (length(name) > 0),
      email             TEXT NOT NULL DEFAULT '',
      phone             TEXT NOT NULL DEFAULT '',   -- as typed
      phone_normalized  TEXT NOT NULL DEFAULT '',   -- +31..., for vCard and matching
      in_group_app      INTEGER NOT NULL DEFAULT 1 CHECK (in_group_app IN (0, 1)),
      preferred_channel TEXT NOT NULL DEFAULT 'app' CHECK (preferred_channel IN ('app', 'email')),
      version           INTEGER NOT NULL DEFAULT 1,
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX guardians_email ON guardians(email) WHERE email <> '';
    CREATE INDEX guardians_phone ON guardians(phone_normalized) WHERE phone_normalized <> '';

    -- Siblings share guardians.
    CREATE TABLE pupil_guardians (
      pupil_id    INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
      guardian_id INTEGER NOT NULL REFERENCES guardians(id),
      relation    TEXT NOT NULL DEFAULT '',
      sort_order  INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (pupil_id, guardian_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX pupil_guardians_guardian ON pupil_guardians(guardian_id);

    CREATE TABLE purposes (
      id          INTEGER PRIMARY KEY,
      code        TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) <= 40),
      label       TEXT NOT NULL CHECK (length(label) > 0),
      description TEXT NOT NULL DEFAULT '',
      sort_order  INTEGER NOT NULL DEFAULT 0,
      active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      version     INTEGER NOT NULL DEFAULT 1,  -- the wording's version; answers to an older one are 'opnieuw vragen'
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    ) STRICT;

    -- Every wording a purpose ever had, so each answer shows what the parent agreed to.
    CREATE TABLE purpose_versions (
      purpose_id  INTEGER NOT NULL REFERENCES purposes(id),
      version     INTEGER NOT NULL,
      label       TEXT NOT NULL,
      description TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      PRIMARY KEY (purpose_id, version)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE attachments (
      id         INTEGER PRIMARY KEY,
      file_name  TEXT NOT NULL,
      mime_type  TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size       INTEGER NOT NULL CHECK (size BETWEEN 1 AND 20971520),
      sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
      data       BLOB NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attachments_sha256 ON attachments(sha256);

    CREATE TABLE import_batches (
      id           INTEGER PRIMARY KEY,
      created_at   TEXT NOT NULL,
      created_by   TEXT NOT NULL,
      files_json   TEXT NOT NULL,  -- [{ name, sha256, rows }]
      summary_json TEXT NOT NULL,  -- counts
      undone_at    TEXT,
      undone_by    TEXT
    ) STRICT;

    -- What a batch created or changed, so it can be undone as a whole.
    CREATE TABLE import_changes (
      id          INTEGER PRIMARY KEY,
      batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
      entity      TEXT NOT NULL CHECK (entity IN ('pupil', 'guardian', 'pupil_guardian', 'group', 'membership')),
      entity_id   INTEGER NOT NULL,
      action      TEXT NOT NULL CHECK (action IN ('created', 'updated')),
      before_json TEXT
    ) STRICT;
    CREATE INDEX import_changes_batch ON import_changes(batch_id);

    CREATE TABLE consent_records (
      id              INTEGER PRIMARY KEY,
      pupil_id        INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
      purpose_id      INTEGER NOT NULL REFERENCES purposes(id),
      purpose_version INTEGER NOT NULL,
      decision        TEXT NOT NULL CHECK (decision IN ('granted', 'refused', 'unknown')),
      guardian_id     INTEGER REFERENCES guardians(id),  -- NULL: for the pupil as a whole
      effective_from  TEXT NOT NULL,
      source          TEXT NOT NULL CHECK (source IN ('paper_form', 'email', 'phone', 'desk', 'enrolment_form', 'import_undo')),
      source_detail   TEXT NOT NULL DEFAULT '',  -- e.g. 'inschrijfformulier aanmelding.xlsx, rij 5'
      import_batch_id INTEGER REFERENCES import_batches(id),
      attachment_id   INTEGER REFERENCES attachments(id),
      note            TEXT NOT NULL DEFAULT '',
      recorded_by     TEXT NOT NULL CHECK (length(recorded_by) > 0),
      recorded_at     TEXT NOT NULL
    ) STRICT;
    -- Covers the current-decision scan: read in this order, the last row per answerer is current.
    CREATE INDEX consent_records_current ON consent_records(pupil_id, purpose_id, guardian_id, effective_from, id, decision, purpose_version);
    CREATE INDEX consent_records_batch ON consent_records(import_batch_id) WHERE import_batch_id IS NOT NULL;

    CREATE TABLE dossier_entries (
      id         INTEGER PRIMARY KEY,
      pupil_id   INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
      entry_date TEXT NOT NULL,
      kind       TEXT NOT NULL,  -- 'notitie', 'brief', 'e-mail', 'gesprek', 'besluit', ...
      title      TEXT NOT NULL CHECK (length(title) > 0),
      body       TEXT NOT NULL DEFAULT '',
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      version    INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX dossier_entries_pupil ON dossier_entries(pupil_id, entry_date);

    CREATE TABLE dossier_entry_attachments (
      entry_id      INTEGER NOT NULL REFERENCES dossier_entries(id) ON DELETE CASCADE,
      attachment_id INTEGER NOT NULL REFERENCES attachments(id),
      PRIMARY KEY (entry_id, attachment_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE audit_log (
      id        INTEGER PRIMARY KEY,
      at        TEXT NOT NULL,
      actor     TEXT NOT NULL,
      action    TEXT NOT NULL,      -- 'pupil.update', 'consent.record', 'settings.update', ...
      entity    TEXT NOT NULL,
      entity_id INTEGER,
      pupil_id  INTEGER,            -- for the per-pupil view; no foreign key: the log outlives edits
      old_value TEXT,               -- JSON
      new_value TEXT                -- JSON
    ) STRICT;
    CREATE INDEX audit_log_pupil ON audit_log(pupil_id, id) WHERE pupil_id IS NOT NULL;

    -- Retention removal lists pupils (and guardians left without pupils) here, in the same
    -- transaction, before deleting them; the append-only triggers let exactly those rows go.
    CREATE TABLE purge_queue (
      pupil_id INTEGER PRIMARY KEY
    ) STRICT;
    CREATE TABLE guardian_purge_queue (
      guardian_id INTEGER PRIMARY KEY
    ) STRICT;

    CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
    CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
    WHEN OLD.pupil_id NOT IN (SELECT pupil_id FROM purge_queue)
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;

    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    WHEN NOT (coalesce(OLD.pupil_id IN (SELECT pupil_id FROM purge_queue), 0)
              OR (OLD.entity = 'pupil' AND coalesce(OLD.entity_id IN (SELECT pupil_id FROM purge_queue), 0))
              OR (OLD.entity = 'guardian' AND coalesce(OLD.entity_id IN (SELECT guardian_id FROM guardian_purge_queue), 0)))
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

    CREATE TRIGGER purpose_versions_no_update BEFORE UPDATE ON purpose_versions
    BEGIN SELECT RAISE(ABORT, 'purpose_versions is append-only'); END;
    CREATE TRIGGER purpose_versions_no_delete BEFORE DELETE ON purpose_versions
    BEGIN SELECT RAISE(ABORT, 'purpose_versions is append-only'); END;

    -- INSERT OR REPLACE would delete and re-insert: refused in the schema itself.
    CREATE TRIGGER consent_records_no_replace BEFORE INSERT ON consent_records
    WHEN EXISTS (SELECT 1 FROM consent_records WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
    CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `)

  const now = new Date().toISOString()
  const insertPurpose = db.prepare(`INSERT INTO purposes (code, label, description, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
  const insertVersion = db.prepare(`INSERT INTO purpose_versions (purpose_id, version, label, description, created_at) VALUES (?, 1, ?, ?, ?)`)
  DEFAULT_PURPOSES.forEach(([code, label, description], i) => {
    const { lastInsertRowid } = insertPurpose.run(code, label, description, (i + 1) * 10, now, now)
    insertVersion.run(lastInsertRowid, label, description, now)
  })
}

const DEFAULT_PURPOSES: ReadonlyArray<readonly [string, string, string]> = [
  ['website', 'Website van de school', "Foto's en video's op de openbare website van de school."],
  ['social_media', 'Social-media-accounts van de school', "Foto's en video's op de accounts van de school, zoals Facebook en Instagram."],
  ['school_guide', 'Schoolgids en schoolbrochure', "Foto's in de schoolgids, de schoolbrochure en het jaarboek."],
  ['newsletter', 'Nieuwsbrief', "Foto's in de nieuwsbrief die naar ouders/verzorgers gaat."],
  ['parent_app', 'Besloten ouderapp (bijv. Parro)', "Foto's en video's in de besloten app voor ouders/verzorgers van de groep."],
  ['press', 'Lokale media (krant, lokale tv)', 'Beelden in de lokale krant of op de lokale tv, bijvoorbeeld bij een schoolactiviteit.'],
  ['class_video', 'Filmen in de klas voor het onderwijs', 'Video-opnamen in de klas voor de opleiding en begeleiding van leraren; niet openbaar.'],
  ['contact_list', 'Contactgegevens delen in de klassenlijst', 'Naam, telefoonnummer en e-mailadres van ouders/verzorgers op de klassenlijst voor de groepsapp.'],
]

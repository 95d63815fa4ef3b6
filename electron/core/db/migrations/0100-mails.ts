// A parent's e-mail kept as proof: the original file (.eml or .msg) with its SHA-256, linked to
// the consent records it proves or to a piece of correspondence in the pupil's file.
// A separate table, because attachments' type check (PDF, JPG, PNG) is part of a shipped schema.
import type { Database } from 'better-sqlite3'

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE mails (
      id           INTEGER PRIMARY KEY,
      file_name    TEXT NOT NULL,
      format       TEXT NOT NULL CHECK (format IN ('eml', 'msg')),
      size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND 26214400),
      sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
      data         BLOB NOT NULL,
      from_address TEXT NOT NULL,
      subject      TEXT NOT NULL,
      sent_at      TEXT NOT NULL,
      created_by   TEXT NOT NULL,
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX mails_sha256 ON mails(sha256);

    CREATE TABLE consent_record_mails (
      consent_record_id INTEGER PRIMARY KEY REFERENCES consent_records(id) ON DELETE CASCADE,
      mail_id           INTEGER NOT NULL REFERENCES mails(id)
    ) STRICT;
    CREATE INDEX consent_record_mails_mail ON consent_record_mails(mail_id);

    CREATE TABLE dossier_entry_mails (
      entry_id INTEGER PRIMARY KEY REFERENCES dossier_entries(id) ON DELETE CASCADE,
      mail_id  INTEGER NOT NULL REFERENCES mails(id)
    ) STRICT;
    CREATE INDEX dossier_entry_mails_mail ON dossier_entry_mails(mail_id);

    CREATE TRIGGER mails_no_update BEFORE UPDATE ON mails BEGIN SELECT RAISE(ABORT, 'mails are kept as they came in'); END;
  `)
}

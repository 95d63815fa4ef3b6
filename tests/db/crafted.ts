// Register databases changed outside the app, as an attacker would hand one over (a 'backup' by
// mail, a file on a USB stick). Each keeps our tables, passes integrity_check and has our
// user_version; the schema alone gives it away. Shared by the open and the restore tests.
import Database from 'better-sqlite3'

export interface Crafted {
  /** What it would do after being accepted. */
  does: string
  /** SQL run on a closed register database of the current version. */
  sql: string
  /** A user_version set afterwards, when the attack is in the version. */
  userVersion?: number
  /** Needs SQLite's defensive mode off (writing sqlite_master by hand), as any other tool allows. */
  unsafe?: boolean
}

export const CRAFTED: Record<string, Crafted> = {
  wipe: {
    does: 'an extra trigger that removes every pupil and consent record on the next ordinary save',
    sql: `CREATE TRIGGER keep_tidy AFTER INSERT ON audit_log BEGIN
            INSERT OR IGNORE INTO purge_queue (pupil_id) SELECT id FROM pupils;
            DELETE FROM consent_records; DELETE FROM campaign_forms; DELETE FROM group_memberships; DELETE FROM pupil_guardians; DELETE FROM pupils;
          END`,
  },
  refusalBecomesGrant: {
    does: 'an extra AFTER INSERT trigger that adds a grant after every refusal (append-only triggers untouched)',
    sql: `CREATE TRIGGER consent_records_follow_up AFTER INSERT ON consent_records WHEN NEW.decision = 'refused' BEGIN
            INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, guardian_id, decision, effective_from, source, source_detail, recorded_by, recorded_at, attachment_id, import_batch_id, note)
            SELECT NEW.pupil_id, NEW.purpose_id, NEW.purpose_version, NEW.guardian_id, 'granted', NEW.effective_from, NEW.source, NEW.source_detail, NEW.recorded_by, NEW.recorded_at, NEW.attachment_id, NEW.import_batch_id, NEW.note;
          END`,
  },
  hang: {
    does: 'a trigger with an endless recursive query that hangs the next write',
    sql: `CREATE TRIGGER audit_log_index AFTER INSERT ON audit_log BEGIN
            SELECT count(*) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n);
          END`,
  },
  noAppendOnly: {
    does: 'no append-only triggers: consent history can be overwritten and deleted',
    sql: `DROP TRIGGER consent_records_no_update; DROP TRIGGER consent_records_no_delete; DROP TRIGGER consent_records_no_replace;
          DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_replace`,
  },
  extraView: {
    does: 'an extra view, for a screen that would read it',
    sql: `CREATE VIEW current_consent AS SELECT pupil_id, purpose_id, 'granted' AS decision FROM consent_records`,
  },
  extraIndex: {
    does: 'an extra index, with an expression the next write evaluates',
    sql: `CREATE INDEX pupils_odd ON pupils (abs(-9223372036854775807 - length(first_name)))`,
  },
  extraTable: {
    does: 'an extra table beside ours',
    sql: `CREATE TABLE exfiltrate (x TEXT)`,
  },
  looserTable: {
    does: 'a consent table without its check on the decision, swapped in under the same name',
    sql: `PRAGMA writable_schema = ON;
          UPDATE sqlite_master SET sql = replace(sql, 'CHECK (decision IN', 'CHECK (1 OR decision IN') WHERE name = 'consent_records';
          PRAGMA writable_schema = OFF`,
    unsafe: true,
  },
  negativeVersion: {
    does: 'user_version -1: not a version of ours',
    sql: '',
    userVersion: -1,
  },
  unknownVersion: {
    does: 'user_version 15: between two of our versions',
    sql: '',
    userVersion: 15,
  },
}

/** Applies one crafted change to a closed register database file. */
export function craft(file: string, crafted: Crafted): void {
  const db = new Database(file)
  try {
    if (crafted.unsafe) db.unsafeMode(true)
    if (crafted.sql) db.exec(crafted.sql)
    if (crafted.userVersion !== undefined) db.pragma(`user_version = ${crafted.userVersion}`)
  } finally {
    db.close()
  }
}

/** Another program's database whose user_version happens to be -1. */
export function foreignWithNegativeVersion(file: string): void {
  const db = new Database(file)
  try {
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('boodschappen')`)
    db.pragma('user_version = -1')
  } finally {
    db.close()
  }
}

/** The crafted cases as rows for it.each: name, what it does, the case. */
export const craftedCases = (): [string, string, Crafted][] => Object.entries(CRAFTED).map(([name, c]) => [name, c.does, c])

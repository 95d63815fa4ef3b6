import type { Database } from 'better-sqlite3'

// Retention may blank personal data inside audit entries, and nothing else.
//
// The audit log stays append-only: an UPDATE is refused unless the entry is listed in
// audit_scrub_queue (the removal lists them in its own transaction and empties the queue before
// it commits), keeps when, who, what and about whom as they were, is marked with scrubbed_at, and
// differs from the old entry only in texts made empty: the same keys, the same numbers, the same
// decisions. So a scrub can take a phone number out of an entry, but cannot turn 'refused' into
// 'granted', add a key, or move an entry to another pupil.
//
// The same for the one text of a consent record that may name a removed pupil: an answer from an
// enrolment workbook names the file ('inschrijfformulier inschrijving Sem en Noor.xlsx, rij 3'),
// and a sibling who stays keeps that answer. Listed in consent_scrub_queue, such a record may
// have its source_detail replaced by REMOVED_SOURCE_FILE (keeping ', rij 3'), and nothing else.

export const REMOVED_SOURCE_FILE = 'inschrijfformulier (naam verwijderd na de bewaartermijn)'

export function up(db: Database): void {
  const p = `'${REMOVED_SOURCE_FILE}'`
  const tail = `substr(NEW.source_detail, length(${p}) + 1)`
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN scrubbed_at TEXT;  -- when retention blanked personal data in it

    CREATE TABLE audit_scrub_queue (
      audit_id INTEGER PRIMARY KEY
    ) STRICT;

    DROP TRIGGER audit_log_no_update;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT (
      OLD.id IN (SELECT audit_id FROM audit_scrub_queue)
      AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
      AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.pupil_id IS OLD.pupil_id
      AND NEW.scrubbed_at IS NOT NULL
      AND (NEW.old_value IS NULL) = (OLD.old_value IS NULL) AND (NEW.new_value IS NULL) = (OLD.new_value IS NULL)
      AND (SELECT count(*) FROM json_tree(NEW.old_value)) = (SELECT count(*) FROM json_tree(OLD.old_value))
      AND (SELECT count(*) FROM json_tree(NEW.new_value)) = (SELECT count(*) FROM json_tree(OLD.new_value))
      AND NOT EXISTS (SELECT 1 FROM json_tree(NEW.old_value) n WHERE NOT EXISTS (
            SELECT 1 FROM json_tree(OLD.old_value) o WHERE o.fullkey = n.fullkey AND o.type = n.type
               AND (o.atom IS n.atom OR (n.type = 'text' AND n.atom = ''))))
      AND NOT EXISTS (SELECT 1 FROM json_tree(NEW.new_value) n WHERE NOT EXISTS (
            SELECT 1 FROM json_tree(OLD.new_value) o WHERE o.fullkey = n.fullkey AND o.type = n.type
               AND (o.atom IS n.atom OR (n.type = 'text' AND n.atom = ''))))
    )
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

    CREATE TABLE consent_scrub_queue (
      consent_record_id INTEGER PRIMARY KEY
    ) STRICT;

    DROP TRIGGER consent_records_no_update;
    CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
    WHEN NOT (
      OLD.id IN (SELECT consent_record_id FROM consent_scrub_queue)
      AND OLD.source = 'enrolment_form' AND NEW.source IS OLD.source
      AND NEW.id = OLD.id AND NEW.pupil_id IS OLD.pupil_id AND NEW.purpose_id IS OLD.purpose_id AND NEW.purpose_version IS OLD.purpose_version
      AND NEW.decision IS OLD.decision AND NEW.guardian_id IS OLD.guardian_id AND NEW.effective_from IS OLD.effective_from
      AND NEW.import_batch_id IS OLD.import_batch_id AND NEW.attachment_id IS OLD.attachment_id AND NEW.note IS OLD.note
      AND NEW.recorded_by IS OLD.recorded_by AND NEW.recorded_at IS OLD.recorded_at
      AND substr(NEW.source_detail, 1, length(${p})) = ${p}
      AND (${tail} = ''
           OR (${tail} GLOB ', rij [0-9]*' AND NOT substr(${tail}, 7) GLOB '*[^0-9]*'
               AND substr(OLD.source_detail, -length(${tail})) = ${tail}))
    )
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
  `)
}

// The rows a school had at each schema version, written in that version's own schema (plain SQL:
// the services of today write today's schema). For tests/db/migration-steps.test.ts: a database
// at version N holds the rows of every version up to N, in every table that existed then.
import type { Db } from '../../electron/core/db/open.ts'

const T = (day: string, time = '08:00:00'): string => `${day}T${time}.000Z`
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000005000157a3d2c90000000049454e44ae426082', 'hex')

const FILLS: Record<number, (db: Db) => void> = {
  10: (db) => {
    const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params)
    for (const [key, value] of [
      ['schoolName', 'OBS De Regenboog'],
      ['schoolYear', '2025-2026'],
      ['staffName', 'Ans de Wit'],
    ])
      run(`INSERT INTO school_settings (key, value) VALUES (?, ?)`, key, value)
    run(`INSERT INTO school_years (id, name, starts_on, ends_on) VALUES (1, '2025-2026', '2025-08-01', '2026-07-31')`)
    const group = `INSERT INTO groups (id, school_year_id, name, teacher_name, teacher_email, created_at) VALUES (?, 1, ?, ?, ?, ?)`
    run(group, 1, '3', 'Mira Bakker', 'm.bakker@regenboog.nl', T('2025-08-20'))
    run(group, 2, '1/2a', 'Joost de Vries', '', T('2025-08-20'))
    run(group, 3, 'Instroom', '', '', T('2025-08-21'))
    const pupil = `INSERT INTO pupils (id, student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, left_on, leaving_reason, form_code, search_text, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    run(pupil, 1, '100231', 'Sem', '', 'Jansen', '2018-05-04', '2022-08-29', null, '', 'TR-SEM001', 'sem jansen 100231', T('2025-08-22'), T('2025-08-22'))
    run(pupil, 2, '100232', 'Noor', 'van der', 'Berg', '2020-12-01', '2024-12-02', null, '', 'TR-NOOR02', 'noor van der berg', T('2025-08-22'), T('2025-09-01'))
    run(pupil, 3, null, 'Zoë', '', 'Yılmaz', '2020-03-15', '2024-03-18', null, '', 'TR-ZOE003', 'zoe yilmaz', T('2025-08-22'), T('2025-08-22'))
    run(pupil, 4, '099870', 'Daan', 'de', 'Wit', '2013-02-10', '2017-08-28', '2025-07-11', 'naar het voortgezet onderwijs', 'TR-DAAN04', 'daan de wit', T('2021-08-30'), T('2025-07-11'))
    const member = `INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, 1, ?)`
    run(member, 1, 1)
    run(member, 2, 2)
    run(member, 3, 2)
    const guardian = `INSERT INTO guardians (id, name, email, phone, phone_normalized, in_group_app, preferred_channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    run(guardian, 1, 'Fatima Jansen', 'fatima@voorbeeld.nl', '06-48151623', '+31648151623', 1, 'app', T('2025-08-22'), T('2025-08-22'))
    run(guardian, 2, 'Kees van der Berg', '', '06 4242 1337', '+31642421337', 0, 'email', T('2025-08-22'), T('2025-08-22'))
    const link = `INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, ?, ?)`
    run(link, 1, 1, 'moeder', 0)
    run(link, 2, 2, 'vader', 0)
    run(link, 3, 2, 'verzorger', 1)
    // A purpose reworded once: its first wording stays, the second is current.
    run(`UPDATE purposes SET label = 'Website', version = 2 WHERE code = 'website'`)
    run(`INSERT INTO purpose_versions (purpose_id, version, label, description, created_at) SELECT id, 2, label, description, ? FROM purposes WHERE code = 'website'`, T('2025-08-25'))
    run(
      `INSERT INTO attachments (id, file_name, mime_type, size, sha256, data, created_by, created_at) VALUES (1, 'formulier-sem.png', 'image/png', ?, ?, ?, 'Ans de Wit', ?)`,
      PNG.length,
      'c'.repeat(64),
      PNG,
      T('2025-09-02'),
    )
    run(`INSERT INTO import_batches (id, created_at, created_by, files_json, summary_json) VALUES (1, ?, 'Ans de Wit', '[{"name":"inschrijving.xlsx","rows":3}]', '{"created":3}')`, T('2025-08-22'))
    run(`INSERT INTO import_changes (batch_id, entity, entity_id, action, before_json) VALUES (1, 'pupil', 1, 'created', NULL), (1, 'guardian', 2, 'updated', '{"phone":"06-1"}')`)
    const consent = `INSERT INTO consent_records (id, pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, import_batch_id, attachment_id, note, recorded_by, recorded_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Ans de Wit', ?)`
    run(consent, 1, 1, 1, 1, 'granted', null, '2025-08-22', 'enrolment_form', 'inschrijving.xlsx, rij 2', 1, null, '', T('2025-08-22'))
    run(consent, 2, 1, 1, 2, 'refused', 1, '2025-09-02', 'paper_form', 'formulier', null, 1, 'moeder wil het niet', T('2025-09-02'))
    run(consent, 3, 2, 4, 1, 'refused', 2, '2025-09-03', 'phone', '', null, null, '', T('2025-09-03'))
    run(consent, 4, 3, 5, 1, 'granted', null, '2025-09-04', 'desk', '', null, null, '', T('2025-09-04'))
    run(`INSERT INTO dossier_entries (id, pupil_id, entry_date, kind, title, body, created_by, created_at) VALUES (1, 1, '2025-09-02', 'brief', 'Formulier ontvangen', 'Op papier.', 'Ans de Wit', ?)`, T('2025-09-02'))
    run(`INSERT INTO dossier_entry_attachments (entry_id, attachment_id) VALUES (1, 1)`)
    const audit = `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, pupil_id, old_value, new_value) VALUES (?, ?, 'Ans de Wit', ?, ?, ?, ?, ?, ?)`
    run(audit, 1, T('2025-09-02'), 'consent.record', 'consent_record', 2, 1, '{"decision":"granted"}', '{"decision":"refused"}')
    run(audit, 2, T('2025-09-03'), 'guardian.update', 'guardian', 2, 2, '{"phone":"06-1"}', '{"phone":"06 4242 1337"}')
    run(audit, 3, T('2025-11-03', '10:00:00'), 'settings.update', 'settings', null, null, null, '{"staffName":"Ans de Wit"}')
    run(audit, 4, T('2025-10-01'), 'pupil.update', 'pupil', 4, 4, '{"leftOn":null}', '{"leftOn":"2025-07-11"}')
  },
  20: (db) => {
    db.prepare(`INSERT INTO import_mappings (signature, layout, mapping_json, used_at, used_by) VALUES ('sig-1', 'table', '[{"key":"A","target":"firstName"}]', ?, 'Ans de Wit')`).run(T('2025-10-02'))
    db.prepare(`INSERT INTO import_batches (id, created_at, created_by, files_json, summary_json) VALUES (2, ?, 'Ans de Wit', '[]', '{}')`).run(T('2025-10-02'))
    db.prepare(`INSERT INTO import_changes (batch_id, entity, entity_id, action, before_json, after_json) VALUES (2, 'pupil', 2, 'updated', '{"birthDate":null}', '{"birthDate":"2020-12-01"}')`).run()
  },
  30: (db) => {
    db.prepare(`INSERT INTO campaigns (id, name, school_year_id, criteria_json, created_at, created_by, closed_at, closed_by) VALUES (1, 'Start schooljaar', 1, '{"groups":[1,2]}', ?, 'Ans de Wit', ?, 'Ans de Wit')`).run(
      T('2025-09-05'),
      T('2025-10-15'),
    )
    const form = db.prepare(`INSERT INTO campaign_forms (campaign_id, pupil_id, group_id, code, printed_at, returned_at, returned_by) VALUES (1, ?, ?, ?, ?, ?, ?)`)
    form.run(1, 1, 'R1-SEM001', T('2025-09-05'), T('2025-09-12'), 'Ans de Wit')
    form.run(2, 2, 'R1-NOOR02', T('2025-09-05'), null, null)
  },
  50: (db) => {
    db.prepare(
      `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, pupil_id, old_value, new_value, scrubbed_at) VALUES (5, ?, 'Ans de Wit', 'guardian.update', 'guardian', 9, NULL, '{"email":""}', '{"email":""}', ?)`,
    ).run(T('2025-10-20'), T('2025-10-21'))
  },
  60: (db) => {
    db.prepare(`UPDATE purposes SET row_version = 3, sort_order = 5 WHERE code = 'press'`).run()
  },
  70: (db) => {
    db.prepare(`UPDATE pupils SET year_level = 1, year_level_unsure = 0 WHERE id = 2`).run()
  },
  100: (db) => {
    db.prepare(
      `INSERT INTO mails (id, file_name, format, size, sha256, data, from_address, subject, sent_at, created_by, created_at)
       VALUES (7, 'intrekken.msg', 'msg', 2, ?, x'4d53', 'fatima@voorbeeld.nl', 'Intrekken', ?, 'Ans de Wit', ?)`,
    ).run('d'.repeat(64), T('2025-11-01'), T('2025-11-02'))
    db.prepare(`INSERT INTO consent_record_mails (consent_record_id, mail_id) VALUES (3, 7)`).run()
  },
}

/** Writes the rows of every version up to `version`, each in the schema of its own version. */
export function fillUpTo(db: Db, version: number): void {
  db.transaction(() => {
    for (const [v, fill] of Object.entries(FILLS)) if (Number(v) <= version) fill(db)
  })()
}

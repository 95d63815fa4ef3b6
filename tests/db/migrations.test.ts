import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../electron/core/db/open.ts'
import { migrate, schemaVersion } from '../../electron/core/db/migrate.ts'
import { LATEST_VERSION, migrations, type Migration } from '../../electron/core/db/migrations/index.ts'
import { testCore } from '../helpers/db.ts'

const DEFAULT_PURPOSE_CODES = ['website', 'social_media', 'school_guide', 'newsletter', 'parent_app', 'press', 'class_video', 'contact_list']

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-migrations-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** The schema as SQLite stores it: comparing two of these shows whether anything changed. */
function schemaOf(db: Db): unknown[] {
  return db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all()
}

function userTables(db: Db): { name: string; strict: number }[] {
  return db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`).all() as { name: string; strict: number }[]
}

describe('a fresh database', () => {
  it('is migrated to the latest schema with strict tables and foreign keys on', () => {
    const { db } = testCore().ctx
    expect(LATEST_VERSION).toBe(migrations.at(-1)?.version)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = userTables(db)
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['pupils', 'guardians', 'groups', 'purposes', 'purpose_versions', 'consent_records', 'audit_log', 'purge_queue']))
    expect(tables.filter((t) => t.strict !== 1)).toEqual([])
  })

  it('as a file uses WAL, and reopening it changes nothing', () => {
    const file = join(dir, 'school.sqlite')
    const db = openDatabase(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const before = schemaOf(db)
    db.close()

    const again = openDatabase(file)
    expect(schemaVersion(again)).toBe(LATEST_VERSION)
    expect(schemaOf(again)).toEqual(before)
    expect(again.prepare(`SELECT count(*) FROM purposes`).pluck().get()).toBe(8)
    again.close()

    const raw = new Database(file, { readonly: true })
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    raw.close()
  })

  it('migrating twice is a no-op', () => {
    const { db } = testCore().ctx
    const before = schemaOf(db)
    expect(migrate(db)).toBe(LATEST_VERSION)
    expect(schemaOf(db)).toEqual(before)
    expect(db.prepare(`SELECT count(*) FROM purposes`).pluck().get()).toBe(8)
    expect(db.prepare(`SELECT count(*) FROM purpose_versions`).pluck().get()).toBe(8)
  })

  it('seeds the 8 default purposes, each with its first wording in purpose_versions', () => {
    const { db } = testCore().ctx
    const purposes = db.prepare(`SELECT id, code, label, description, version, active FROM purposes ORDER BY sort_order`).all() as {
      id: number
      code: string
      label: string
      description: string
      version: number
      active: number
    }[]
    expect(purposes.map((p) => p.code)).toEqual(DEFAULT_PURPOSE_CODES)
    expect(purposes.find((p) => p.code === 'website')?.label).toBe('Website van de school')
    expect(purposes.find((p) => p.code === 'contact_list')?.label).toBe('Contactgegevens delen in de klassenlijst')
    for (const p of purposes) {
      expect(p).toMatchObject({ version: 1, active: 1 })
      const versions = db.prepare(`SELECT version, label, description FROM purpose_versions WHERE purpose_id = ?`).all(p.id)
      expect(versions, p.code).toEqual([{ version: 1, label: p.label, description: p.description }])
    }
  })
})

describe('the migration runner', () => {
  // A later migration as a real one would be: a new column with a default, and a new table.
  const N = LATEST_VERSION
  const NEXT = LATEST_VERSION + 10
  const addNickname: Migration = {
    version: NEXT,
    name: 'nickname',
    up: (db) => {
      db.exec(`ALTER TABLE pupils ADD COLUMN nickname TEXT NOT NULL DEFAULT '';
               CREATE TABLE pupil_notes (pupil_id INTEGER NOT NULL REFERENCES pupils(id), note TEXT NOT NULL) STRICT;`)
    },
  }
  const list = [...migrations, addNickname]

  function bare(): Db {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    return db
  }

  it('migrates to the latest, keeps the rows written there when it migrates to a next one', () => {
    const db = bare()
    expect(migrate(db, N, list)).toBe(N)
    const insertPupil = db.prepare(`INSERT INTO pupils (first_name, last_name_prefix, last_name, form_code, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')`)
    const zoe = Number(insertPupil.run('Zoë', 'van der', 'Berg', 'TR-AAAAAA').lastInsertRowid)
    insertPupil.run('Ömer', '', 'Yılmaz', 'TR-BBBBBB')
    const website = db.prepare(`SELECT id FROM purposes WHERE code = 'website'`).pluck().get() as number
    db.prepare(
      `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, recorded_by, recorded_at)
       VALUES (?, ?, 1, 'refused', '2026-09-01', 'paper_form', 'Ans', '2026-09-01T08:00:00Z')`,
    ).run(zoe, website)

    expect(migrate(db, NEXT, list)).toBe(NEXT)
    expect(db.pragma('user_version', { simple: true })).toBe(NEXT)
    expect(db.prepare(`SELECT first_name, last_name_prefix, last_name, nickname FROM pupils ORDER BY id`).all()).toEqual([
      { first_name: 'Zoë', last_name_prefix: 'van der', last_name: 'Berg', nickname: '' },
      { first_name: 'Ömer', last_name_prefix: '', last_name: 'Yılmaz', nickname: '' },
    ])
    expect(db.prepare(`SELECT pupil_id, decision FROM consent_records`).all()).toEqual([{ pupil_id: zoe, decision: 'refused' }])
    expect(db.prepare(`SELECT count(*) FROM purposes`).pluck().get()).toBe(8)
    // The append-only triggers survive a later migration.
    expect(() => db.prepare(`UPDATE consent_records SET decision = 'granted'`).run()).toThrow(/append-only/)
  })

  it('rolls a failing migration back as a whole and leaves user_version as it was', () => {
    const db = bare()
    migrate(db, N, list)
    const before = schemaOf(db)
    const failing: Migration = {
      version: NEXT,
      name: 'half',
      up: (d) => {
        d.exec(`CREATE TABLE half_done (x INTEGER) STRICT; ALTER TABLE pupils ADD COLUMN half TEXT;`)
        d.exec(`INSERT INTO purposes (code, label, created_at, updated_at) VALUES ('website', 'dubbel', 'x', 'x')`) // UNIQUE fails
      },
    }
    expect(() => migrate(db, NEXT, [...migrations, failing])).toThrow(/UNIQUE/)
    expect(db.pragma('user_version', { simple: true })).toBe(N)
    expect(schemaOf(db)).toEqual(before)
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0)
    // and the good version of the migration can run afterwards
    expect(migrate(db, NEXT, list)).toBe(NEXT)
  })

  it('refuses a database newer than the list it knows, without changing it', () => {
    const db = bare()
    migrate(db, NEXT, list)
    expect(() => migrate(db, N, migrations)).toThrow(expect.objectContaining({ code: 'db_newer' }))
    expect(db.pragma('user_version', { simple: true })).toBe(NEXT)
  })
})

describe('migration 50: retention may blank personal data in the audit log, and nothing else', () => {
  function at30(): Db {
    const db = new Database(':memory:')
    migrate(db, 30)
    const insert = db.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, pupil_id, old_value, new_value) VALUES (?, 'Ans', ?, ?, 7, 3, ?, ?)`)
    insert.run('2026-09-01T08:00:00Z', 'guardian.update', 'guardian', JSON.stringify({ phone: '06-48151623' }), JSON.stringify({ phone: '06 4242 1337', email: 'floor@voorbeeld.nl' }))
    insert.run('2026-09-02T08:00:00Z', 'consent.record', 'consent_record', JSON.stringify({ purpose: 'website', decision: 'unknown' }), JSON.stringify({ purpose: 'website', decision: 'refused', guardianId: 7 }))
    return db
  }
  const scrub = (db: Db, id: number, sql: string, ...params: unknown[]) =>
    db.transaction(() => {
      db.prepare(`INSERT OR IGNORE INTO audit_scrub_queue (audit_id) VALUES (?)`).run(id)
      db.prepare(sql).run(...params)
      db.prepare(`DELETE FROM audit_scrub_queue`).run()
    })()

  it('keeps the entries written before it, unmarked', () => {
    const db = at30()
    expect(migrate(db)).toBe(LATEST_VERSION)
    expect(db.prepare(`SELECT action, old_value, scrubbed_at FROM audit_log ORDER BY id`).all()).toEqual([
      { action: 'guardian.update', old_value: '{"phone":"06-48151623"}', scrubbed_at: null },
      { action: 'consent.record', old_value: '{"purpose":"website","decision":"unknown"}', scrubbed_at: null },
    ])
  })

  it('lets a listed entry lose its texts, marked as scrubbed', () => {
    const db = at30()
    migrate(db)
    scrub(db, 1, `UPDATE audit_log SET old_value = '{"phone":""}', new_value = '{"phone":"","email":""}', scrubbed_at = '2028-10-15T08:00:00Z' WHERE id = 1`)
    expect(db.prepare(`SELECT old_value, new_value, scrubbed_at FROM audit_log WHERE id = 1`).get()).toEqual({
      old_value: '{"phone":""}',
      new_value: '{"phone":"","email":""}',
      scrubbed_at: '2028-10-15T08:00:00Z',
    })
    expect(db.prepare(`SELECT count(*) FROM audit_scrub_queue`).pluck().get()).toBe(0)
  })

  it('refuses every other change, listed or not: history cannot be edited', () => {
    const db = at30()
    migrate(db)
    const stamp = '2028-10-15T08:00:00Z'
    // Not listed: even blanking is refused.
    expect(() => db.prepare(`UPDATE audit_log SET old_value = '{"phone":""}', scrubbed_at = ? WHERE id = 1`).run(stamp)).toThrow(/append-only/)
    const refused = [
      [2, `UPDATE audit_log SET new_value = '{"purpose":"website","decision":"granted","guardianId":7}', scrubbed_at = ? WHERE id = 2`], // another decision
      [2, `UPDATE audit_log SET new_value = '{"purpose":"website","decision":"refused","guardianId":8}', scrubbed_at = ? WHERE id = 2`], // another guardian
      [1, `UPDATE audit_log SET old_value = '{"phone":"","extra":""}', scrubbed_at = ? WHERE id = 1`], // a key added
      [1, `UPDATE audit_log SET old_value = '{}', scrubbed_at = ? WHERE id = 1`], // a key taken away
      [1, `UPDATE audit_log SET old_value = '{"phone":"0612"}', scrubbed_at = ? WHERE id = 1`], // another text, not an empty one
      [1, `UPDATE audit_log SET actor = 'Piet', scrubbed_at = ? WHERE id = 1`],
      [1, `UPDATE audit_log SET pupil_id = 4, scrubbed_at = ? WHERE id = 1`],
      [1, `UPDATE audit_log SET at = '2020-01-01T00:00:00Z', scrubbed_at = ? WHERE id = 1`],
      [1, `UPDATE audit_log SET old_value = NULL, scrubbed_at = ? WHERE id = 1`],
      [1, `UPDATE audit_log SET old_value = '{"phone":""}', scrubbed_at = NULL WHERE id = 1 AND ? IS NOT NULL`], // not marked
    ] as const
    for (const [id, sql] of refused) expect(() => scrub(db, id, sql, stamp), sql).toThrow(/append-only/)
    expect(() => db.prepare(`DELETE FROM audit_log WHERE id = 1`).run()).toThrow(/append-only/)
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE scrubbed_at IS NOT NULL`).pluck().get()).toBe(0)
    expect(db.prepare(`SELECT new_value FROM audit_log WHERE id = 2`).pluck().get()).toBe('{"purpose":"website","decision":"refused","guardianId":7}')
  })
})

describe('migration 50: a consent record may lose the name of the file it came from, and nothing else', () => {
  const P = 'inschrijfformulier (naam verwijderd na de bewaartermijn)'
  function withAnswers(): Db {
    const db = new Database(':memory:')
    migrate(db)
    db.prepare(`INSERT INTO pupils (first_name, last_name, form_code, created_at, updated_at) VALUES ('Noor', 'Zwanenburg', 'TR-NOOR01', 'x', 'x')`).run()
    const insert = db.prepare(
      `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, source_detail, recorded_by, recorded_at)
       VALUES (1, 1, 1, 'refused', '2026-09-01', ?, ?, 'Ans', '2026-09-01T08:00:00Z')`,
    )
    insert.run('enrolment_form', 'inschrijfformulier inschrijving Sem en Noor Zwanenburg.xlsx, blad Kinderen, rij 3')
    insert.run('paper_form', 'formulier van Sem')
    return db
  }
  const scrub = (db: Db, id: number, sql: string) =>
    db.transaction(() => {
      db.prepare(`INSERT OR IGNORE INTO consent_scrub_queue (consent_record_id) VALUES (?)`).run(id)
      db.prepare(sql).run()
      db.prepare(`DELETE FROM consent_scrub_queue`).run()
    })()

  it('lets a listed answer from a workbook keep its row number without the file name', () => {
    const db = withAnswers()
    scrub(db, 1, `UPDATE consent_records SET source_detail = '${P}, rij 3' WHERE id = 1`)
    expect(db.prepare(`SELECT source_detail, decision FROM consent_records WHERE id = 1`).get()).toEqual({ source_detail: `${P}, rij 3`, decision: 'refused' })
    scrub(db, 1, `UPDATE consent_records SET source_detail = '${P}' WHERE id = 1`)
  })

  it('refuses anything else: not listed, another row, another text, another answer, a note typed at the desk', () => {
    const db = withAnswers()
    expect(() => db.prepare(`UPDATE consent_records SET source_detail = '${P}, rij 3' WHERE id = 1`).run()).toThrow(/append-only/)
    const refused = [
      [1, `UPDATE consent_records SET source_detail = '${P}, rij 4' WHERE id = 1`],
      [1, `UPDATE consent_records SET source_detail = '${P}, rij 3 en toestemming gegeven' WHERE id = 1`],
      [1, `UPDATE consent_records SET source_detail = 'telefonisch ingetrokken' WHERE id = 1`],
      [1, `UPDATE consent_records SET source_detail = '${P}, rij 3', decision = 'granted' WHERE id = 1`],
      [1, `UPDATE consent_records SET source_detail = '${P}, rij 3', effective_from = '2027-01-01' WHERE id = 1`],
      [2, `UPDATE consent_records SET source_detail = '${P}' WHERE id = 2`],
    ] as const
    for (const [id, sql] of refused) expect(() => scrub(db, id, sql), sql).toThrow(/append-only/)
    expect(db.prepare(`SELECT source_detail FROM consent_records ORDER BY id`).pluck().all()).toEqual(['inschrijfformulier inschrijving Sem en Noor Zwanenburg.xlsx, blad Kinderen, rij 3', 'formulier van Sem'])
    expect(() => db.prepare(`DELETE FROM consent_records WHERE id = 1`).run()).toThrow(/append-only/)
  })
})

// One test per migration step, on real data of the step before (as Signal does): a database file
// is built at each user_version by running the migrations up to it and filled with the rows a
// school had at that version (SQL in that version's schema: today's services write today's), then
// migrated one step. Every row of every table must still be there with the same values, every
// index and trigger must still exist, and what the step adds must do what the step says.
// The last case lets the app itself open a version-10 file and read the old rows through the API.
// (migration-0040, migration-0060 and migrations.test.ts test those steps and 0050 in more depth.)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import type { Db } from '../../electron/core/db/open.ts'
import { migrate, schemaVersion } from '../../electron/core/db/migrate.ts'
import { LATEST_VERSION, migrations } from '../../electron/core/db/migrations/index.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok } from '../helpers/register.ts'
import { fillUpTo } from './migration-fill.ts'

silenceLog()

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-migration-steps-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** A database file at `version`, holding the rows of every version up to it. */
function schoolAt(version: number): Db {
  const db = new Database(join(dir, `school-${version}.sqlite`))
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  expect(migrate(db, version)).toBe(version)
  fillUpTo(db, version)
  return db
}

type Rows = Record<string, { columns: string[]; rows: string[] }>

/** Every row of every table, as sorted JSON lines; with `columnsOf`, only its tables and columns. */
function rowsOf(db: Db, columnsOf?: Rows): Rows {
  const tables = columnsOf ? Object.keys(columnsOf) : (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`).pluck().all() as string[])
  const out: Rows = {}
  for (const t of tables) {
    const columns = columnsOf?.[t]?.columns ?? (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[])
    const rows = db
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${t}"`)
      .raw()
      .all()
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v)))
      .sort()
    out[t] = { columns, rows }
  }
  return out
}

const namesOf = (db: Db, type: 'index' | 'trigger'): string[] => db.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite%' ORDER BY name`).pluck().all(type) as string[]

/** What each step adds, checked on the database it has just migrated. */
const STEP_CHECKS: Record<number, (db: Db) => void> = {
  20: (db) => {
    // Remembered column mappings; what a batch wrote; the marker of a pupil whose import was undone.
    db.prepare(`INSERT INTO import_mappings (signature, layout, mapping_json, used_at, used_by) VALUES ('sig-2', 'form', '[]', '2026-01-05T08:00:00Z', 'Ans de Wit')`).run()
    expect(() => db.prepare(`INSERT INTO import_mappings (signature, layout, mapping_json, used_at, used_by) VALUES ('sig-3', 'grid', '[]', 'x', 'x')`).run()).toThrow(/CHECK/)
    expect(db.prepare(`SELECT DISTINCT after_json FROM import_changes`).pluck().all()).toEqual([null])
    expect(db.prepare(`SELECT DISTINCT undone_import_batch_id FROM pupils`).pluck().all()).toEqual([null])
    expect(() => db.prepare(`UPDATE pupils SET undone_import_batch_id = 99 WHERE id = 4`).run()).toThrow(/FOREIGN KEY/)
    db.prepare(`UPDATE pupils SET undone_import_batch_id = 1 WHERE id = 4`).run()
  },
  30: (db) => {
    // A round of forms, each with its own code, at most one per pupil per round.
    db.prepare(`INSERT INTO campaigns (id, name, school_year_id, criteria_json, created_at, created_by) VALUES (9, 'Najaar', 1, '{}', '2026-01-06T08:00:00Z', 'Ans de Wit')`).run()
    db.prepare(`INSERT INTO campaign_forms (campaign_id, pupil_id, group_id, code) VALUES (9, 1, 1, 'R9-SEM')`).run()
    expect(() => db.prepare(`INSERT INTO campaign_forms (campaign_id, pupil_id, code) VALUES (9, 2, 'R9-SEM')`).run()).toThrow(/UNIQUE/)
    expect(() => db.prepare(`INSERT INTO campaign_forms (campaign_id, pupil_id, code) VALUES (9, 1, 'R9-SEM2')`).run()).toThrow(/UNIQUE/)
    expect(() => db.prepare(`INSERT INTO campaign_forms (campaign_id, pupil_id, code) VALUES (9, 99, 'R9-X')`).run()).toThrow(/FOREIGN KEY/)
    expect(() => db.prepare(`INSERT INTO campaigns (name, school_year_id, criteria_json, created_at, created_by) VALUES ('', 1, '{}', 'x', 'x')`).run()).toThrow(/CHECK/)
  },
  40: (db) => {
    // The newest recorded moment is one index lookup.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT max(at) FROM audit_log`).all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('audit_log_at')
    expect(db.prepare(`SELECT max(at) FROM audit_log`).pluck().get()).toBe('2025-11-03T10:00:00.000Z')
  },
  50: (db) => {
    // Old entries are unmarked; only a listed entry may lose its texts, marked as scrubbed.
    expect(db.prepare(`SELECT DISTINCT scrubbed_at FROM audit_log`).pluck().all()).toEqual([null])
    expect(() => db.prepare(`UPDATE audit_log SET old_value = '{"phone":""}', scrubbed_at = 'x' WHERE id = 2`).run()).toThrow(/append-only/)
    db.transaction(() => {
      db.prepare(`INSERT INTO audit_scrub_queue (audit_id) VALUES (2)`).run()
      db.prepare(`UPDATE audit_log SET old_value = '{"phone":""}', scrubbed_at = '2030-10-01T08:00:00Z' WHERE id = 2`).run()
      db.prepare(`DELETE FROM audit_scrub_queue`).run()
    })()
    expect(db.prepare(`SELECT action, old_value, new_value FROM audit_log WHERE id = 2`).get()).toEqual({ action: 'guardian.update', old_value: '{"phone":""}', new_value: '{"phone":"06 4242 1337"}' })
    expect(() => db.prepare(`UPDATE consent_records SET note = 'anders' WHERE id = 1`).run()).toThrow(/append-only/)
  },
  60: (db) => {
    // A row version per purpose, from 1, that the wording's version does not move.
    expect(db.prepare(`SELECT DISTINCT row_version FROM purposes`).pluck().all()).toEqual([1])
    expect(db.prepare(`SELECT version FROM purposes WHERE code = 'website'`).pluck().get()).toBe(2)
    expect(() => db.prepare(`UPDATE purposes SET row_version = 0 WHERE id = 1`).run()).toThrow(/CHECK/)
  },
  70: (db) => {
    // Levels per group from its name; per pupil from the group, estimated in a combination group.
    expect(db.prepare(`SELECT name, year_levels FROM groups ORDER BY id`).all()).toEqual([
      { name: '3', year_levels: '3' },
      { name: '1/2a', year_levels: '1,2' },
      { name: 'Instroom', year_levels: '' },
    ])
    expect(db.prepare(`SELECT first_name AS firstName, year_level AS level, year_level_unsure AS unsure FROM pupils ORDER BY id`).all()).toEqual([
      { firstName: 'Sem', level: 3, unsure: 0 }, // group 3
      { firstName: 'Noor', level: 1, unsure: 1 }, // 1/2a, 4 on 1 October 2025
      { firstName: 'Zoë', level: 2, unsure: 1 }, // 1/2a, 5 on 1 October 2025
      { firstName: 'Daan', level: null, unsure: 0 }, // left, in no group
    ])
    expect(() => db.prepare(`UPDATE pupils SET year_level = 9 WHERE id = 1`).run()).toThrow(/CHECK/)
    expect(() => db.prepare(`UPDATE groups SET year_levels = 'x' WHERE id = 1`).run()).toThrow(/CHECK/)
  },
  100: (db) => {
    // A parent's e-mail as proof, linked to an answer and to the pupil's file, kept as it came in.
    db.prepare(
      `INSERT INTO mails (id, file_name, format, size, sha256, data, from_address, subject, sent_at, created_by, created_at)
       VALUES (1, 'toestemming.eml', 'eml', 3, ?, x'414243', 'ouder@voorbeeld.nl', 'Toestemming', '2026-01-07T08:00:00Z', 'Ans de Wit', '2026-01-07T09:00:00Z')`,
    ).run('a'.repeat(64))
    db.prepare(`INSERT INTO consent_record_mails (consent_record_id, mail_id) VALUES (1, 1)`).run()
    db.prepare(`INSERT INTO dossier_entry_mails (entry_id, mail_id) VALUES (1, 1)`).run()
    expect(() => db.prepare(`UPDATE mails SET subject = 'anders'`).run()).toThrow(/kept as they came in/)
    expect(() =>
      db.prepare(`INSERT INTO mails (file_name, format, size, sha256, data, from_address, subject, sent_at, created_by, created_at) VALUES ('a.pdf', 'pdf', 1, ?, x'41', '', '', '', '', '')`).run('b'.repeat(64)),
    ).toThrow(/CHECK/)
  },
  110: (db) => {
    // The geometry of each printed form's layout, by the digest its QR code carries; one row per layout.
    db.prepare(`INSERT INTO form_layouts (digest, version, layout_json, printed_at) VALUES ('K3M9Q', 1, '{"pages":[]}', '2026-09-01T08:00:00Z')`).run()
    expect(db.prepare(`SELECT version FROM form_layouts WHERE digest = 'K3M9Q'`).pluck().get()).toBe(1)
    expect(() => db.prepare(`INSERT INTO form_layouts (digest, version, layout_json, printed_at) VALUES ('TOOLONG', 1, '{}', '')`).run()).toThrow(/CHECK/)
    expect(() => db.prepare(`INSERT INTO form_layouts (digest, version, layout_json, printed_at) VALUES ('K3M9Q', 1, '{}', '')`).run()).toThrow(/UNIQUE/)
  },
}

const steps = migrations.map((m, i) => ({ from: migrations[i - 1]?.version ?? 0, to: m.version }))

describe('every migration step on the data of the step before', () => {
  it('has a check for what each step adds (a new migration needs one here)', () => {
    expect(
      Object.keys(STEP_CHECKS)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(steps.slice(1).map((s) => s.to))
  })

  it.each(steps.slice(1))('$from → $to keeps every row, index and trigger, and adds what it says', ({ from, to }) => {
    const db = schoolAt(from)
    try {
      const before = rowsOf(db)
      expect(Object.values(before).reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(40)
      const indexes = namesOf(db, 'index')
      const triggers = namesOf(db, 'trigger')

      expect(migrate(db, to)).toBe(to)
      expect(rowsOf(db, before)).toEqual(before)
      expect(namesOf(db, 'index')).toEqual(expect.arrayContaining(indexes))
      expect(namesOf(db, 'trigger')).toEqual(expect.arrayContaining(triggers))
      expect(db.pragma('foreign_key_check')).toEqual([])
      STEP_CHECKS[to]?.(db)
    } finally {
      db.close()
    }
  })

  it('a version-10 file opened by the app: every step at once, and the old rows read through the API', async () => {
    const file = join(dir, 'school-10.sqlite')
    const old = schoolAt(10)
    const before = rowsOf(old)
    old.close()

    const core = openCore({ dbPath: file, appVersion: '0.0.0-test', now: () => new Date('2026-01-08T09:00:00Z') })
    try {
      expect(schemaVersion(core.ctx.db)).toBe(LATEST_VERSION)
      expect(rowsOf(core.ctx.db, before)).toEqual(before)
      const sem = await ok(core, 'pupils.get', { id: 1 })
      expect(sem).toMatchObject({ firstName: 'Sem', lastName: 'Jansen', groupName: '3', yearLevel: 3, formCode: 'TR-SEM001' })
      expect(sem.guardians.map((g) => [g.name, g.relation])).toEqual([['Fatima Jansen', 'moeder']])
      const website = sem.consent.find((c) => c.purposeId === 1)
      expect(website).toMatchObject({ decision: 'refused', effectiveFrom: '2025-09-02' })
      const history = await ok(core, 'consent.history', { pupilId: 1 })
      expect(history.length).toBe(2)
    } finally {
      core.close()
    }
  })
})

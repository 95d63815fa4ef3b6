// Migration 0040: an index on the audit log's moments, so the newest recorded change is one lookup.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../electron/core/db/migrate.ts'
import { assertClockNotBehind, newestRecordedMoment } from '../../electron/core/db/register-clock.ts'

describe('migration 0040 (recorded moments)', () => {
  it('keeps the audit log of a version-30 database and finds its newest moment through the new index', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    expect(migrate(db, 30)).toBe(30)
    const insert = db.prepare(`INSERT INTO audit_log (at, actor, action, entity) VALUES (?, 'Ans de Wit', 'settings.update', 'settings')`)
    // Written out of order, as a clock that went back a few hours would.
    for (const at of ['2026-11-20T08:00:00.000Z', '2026-11-22T09:30:00.000Z', '2026-11-21T16:00:00.000Z']) insert.run(at)

    expect(migrate(db, 40)).toBe(40)
    expect(db.prepare(`SELECT at FROM audit_log ORDER BY id`).pluck().all()).toEqual(['2026-11-20T08:00:00.000Z', '2026-11-22T09:30:00.000Z', '2026-11-21T16:00:00.000Z'])
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT max(at) FROM audit_log`).all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('audit_log_at')
    expect(newestRecordedMoment(db)?.toISOString()).toBe('2026-11-22T09:30:00.000Z')
    // The register's newest change counts, not the last row written.
    expect(() => assertClockNotBehind(db, new Date('2026-11-21T09:00:00.000Z'))).toThrow(/Zet de datum en tijd van de computer goed/)
    expect(() => assertClockNotBehind(db, new Date('2026-11-21T10:00:00.000Z'))).not.toThrow()
    // Still append-only.
    expect(() => db.prepare(`UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z'`).run()).toThrow(/append-only/)
  })
})

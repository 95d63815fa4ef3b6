import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../electron/core/db/open.ts'
import { testCore } from '../helpers/db.ts'

// The history is append-only in SQL itself: raw statements, not the services, are refused.

let db: Db
let sanne: number
let daan: number
let website: number

function addPupil(first: string, code: string): number {
  return Number(db.prepare(`INSERT INTO pupils (first_name, last_name, form_code, created_at, updated_at) VALUES (?, 'Berg', ?, 'x', 'x')`).run(first, code).lastInsertRowid)
}

function addConsent(pupilId: number, decision: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, recorded_by, recorded_at)
         VALUES (?, ?, 1, ?, '2026-09-01', 'paper_form', 'Ans', '2026-09-01T08:00:00Z')`,
      )
      .run(pupilId, website, decision).lastInsertRowid,
  )
}

function addAudit(pupilId: number | null, action = 'consent.record'): number {
  return Number(db.prepare(`INSERT INTO audit_log (at, actor, action, entity, pupil_id, new_value) VALUES ('2026-09-01T08:00:00Z', 'Ans', ?, 'pupil', ?, '{}')`).run(action, pupilId).lastInsertRowid)
}

const count = (sql: string, ...params: unknown[]): number =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number

beforeEach(() => {
  db = testCore().ctx.db
  website = db.prepare(`SELECT id FROM purposes WHERE code = 'website'`).pluck().get() as number
  sanne = addPupil('Sanne', 'TR-AAAAAA')
  daan = addPupil('Daan', 'TR-BBBBBB')
  addConsent(sanne, 'granted')
  addConsent(sanne, 'refused')
  addConsent(daan, 'granted')
  addAudit(sanne)
  addAudit(daan)
  addAudit(null, 'settings.update')
})

describe('consent_records', () => {
  it('refuses UPDATE', () => {
    expect(() => db.prepare(`UPDATE consent_records SET decision = 'granted' WHERE pupil_id = ?`).run(sanne)).toThrow(/append-only/)
    expect(() => db.prepare(`UPDATE consent_records SET note = 'x'`).run()).toThrow(/append-only/)
    expect(db.prepare(`SELECT decision FROM consent_records WHERE pupil_id = ? ORDER BY id`).pluck().all(sanne)).toEqual(['granted', 'refused'])
  })

  it('refuses DELETE, of one row and of all rows', () => {
    expect(() => db.prepare(`DELETE FROM consent_records WHERE pupil_id = ?`).run(sanne)).toThrow(/append-only/)
    expect(() => db.exec(`DELETE FROM consent_records`)).toThrow(/append-only/)
    expect(count(`SELECT count(*) FROM consent_records`)).toBe(3)
  })

  it('refuses an overwrite through INSERT OR REPLACE and through an upsert', () => {
    const id = db.prepare(`SELECT id FROM consent_records WHERE pupil_id = ? AND decision = 'refused'`).pluck().get(sanne) as number
    expect(() =>
      db
        .prepare(
          `INSERT OR REPLACE INTO consent_records (id, pupil_id, purpose_id, purpose_version, decision, effective_from, source, recorded_by, recorded_at)
           VALUES (?, ?, ?, 1, 'granted', '2026-09-01', 'desk', 'X', 'x')`,
        )
        .run(id, sanne, website),
    ).toThrow(/append-only/)
    expect(() =>
      db
        .prepare(
          `INSERT INTO consent_records (id, pupil_id, purpose_id, purpose_version, decision, effective_from, source, recorded_by, recorded_at)
           VALUES (?, ?, ?, 1, 'granted', '2026-09-01', 'desk', 'X', 'x') ON CONFLICT (id) DO UPDATE SET decision = 'granted'`,
        )
        .run(id, sanne, website),
    ).toThrow(/append-only/)
    expect(db.prepare(`SELECT decision, recorded_by FROM consent_records WHERE id = ?`).get(id)).toEqual({ decision: 'refused', recorded_by: 'Ans' })
  })

  it('refuses a pupil delete that would cascade to the records, and keeps the pupil', () => {
    expect(() => db.prepare(`DELETE FROM pupils WHERE id = ?`).run(sanne)).toThrow(/append-only/)
    expect(count(`SELECT count(*) FROM pupils WHERE id = ?`, sanne)).toBe(1)
    expect(count(`SELECT count(*) FROM consent_records WHERE pupil_id = ?`, sanne)).toBe(2)
  })
})

describe('audit_log', () => {
  it('refuses UPDATE, DELETE and REPLACE', () => {
    expect(() => db.prepare(`UPDATE audit_log SET actor = 'iemand anders'`).run()).toThrow(/append-only/)
    expect(() => db.prepare(`DELETE FROM audit_log WHERE pupil_id = ?`).run(daan)).toThrow(/append-only/)
    expect(() => db.exec(`DELETE FROM audit_log`)).toThrow(/append-only/)
    const id = db.prepare(`SELECT id FROM audit_log WHERE pupil_id = ?`).pluck().get(daan) as number
    expect(() => db.prepare(`REPLACE INTO audit_log (id, at, actor, action, entity) VALUES (?, 'x', 'X', 'nothing', 'pupil')`).run(id)).toThrow(/append-only/)
    expect(db.prepare(`SELECT actor, action FROM audit_log ORDER BY id`).all()).toEqual([
      { actor: 'Ans', action: 'consent.record' },
      { actor: 'Ans', action: 'consent.record' },
      { actor: 'Ans', action: 'settings.update' },
    ])
  })
})

describe('retention removal through purge_queue', () => {
  function purge(pupilId: number): void {
    db.transaction(() => {
      db.prepare(`INSERT INTO purge_queue (pupil_id) VALUES (?)`).run(pupilId)
      db.prepare(`DELETE FROM audit_log WHERE pupil_id = ?`).run(pupilId)
      db.prepare(`DELETE FROM pupils WHERE id = ?`).run(pupilId)
      db.prepare(`DELETE FROM purge_queue WHERE pupil_id = ?`).run(pupilId)
    })()
  }

  it("removes a listed pupil with its consent records and audit entries, and nothing of anyone else's", () => {
    purge(sanne)
    expect(count(`SELECT count(*) FROM pupils WHERE id = ?`, sanne)).toBe(0)
    expect(count(`SELECT count(*) FROM consent_records WHERE pupil_id = ?`, sanne)).toBe(0)
    expect(count(`SELECT count(*) FROM audit_log WHERE pupil_id = ?`, sanne)).toBe(0)
    expect(count(`SELECT count(*) FROM consent_records WHERE pupil_id = ?`, daan)).toBe(1)
    expect(count(`SELECT count(*) FROM audit_log WHERE pupil_id = ?`, daan)).toBe(1)
    expect(count(`SELECT count(*) FROM audit_log WHERE pupil_id IS NULL`)).toBe(1)
    expect(count(`SELECT count(*) FROM purge_queue`)).toBe(0)
  })

  it("does not open another pupil's history, nor entries that belong to no pupil", () => {
    db.transaction(() => {
      db.prepare(`INSERT INTO purge_queue (pupil_id) VALUES (?)`).run(sanne)
      expect(() => db.prepare(`DELETE FROM consent_records WHERE pupil_id = ?`).run(daan)).toThrow(/append-only/)
      expect(() => db.prepare(`DELETE FROM audit_log WHERE pupil_id IS NULL`).run()).toThrow(/append-only/)
      expect(() => db.prepare(`UPDATE consent_records SET decision = 'granted' WHERE pupil_id = ?`).run(sanne)).toThrow(/append-only/)
      db.prepare(`DELETE FROM purge_queue`).run()
    })()
    expect(count(`SELECT count(*) FROM consent_records`)).toBe(3)
    expect(count(`SELECT count(*) FROM audit_log`)).toBe(3)
  })

  it('a failed removal leaves everything in place', () => {
    expect(() =>
      db.transaction(() => {
        db.prepare(`INSERT INTO purge_queue (pupil_id) VALUES (?)`).run(sanne)
        db.prepare(`DELETE FROM pupils WHERE id = ?`).run(sanne)
        throw new Error('stopped halfway')
      })(),
    ).toThrow('stopped halfway')
    expect(count(`SELECT count(*) FROM pupils WHERE id = ?`, sanne)).toBe(1)
    expect(count(`SELECT count(*) FROM consent_records WHERE pupil_id = ?`, sanne)).toBe(2)
    expect(count(`SELECT count(*) FROM purge_queue`)).toBe(0)
  })
})

describe('purpose_versions', () => {
  it('refuses UPDATE: the wording a parent agreed to stays as it was', () => {
    expect(() => db.prepare(`UPDATE purpose_versions SET label = 'iets anders' WHERE purpose_id = ?`).run(website)).toThrow(/append-only/)
    expect(db.prepare(`SELECT label FROM purpose_versions WHERE purpose_id = ? AND version = 1`).pluck().get(website)).toBe('Website van de school')
  })
})

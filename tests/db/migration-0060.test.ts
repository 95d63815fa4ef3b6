// Migration 60 on a database file of the schema before it: the purposes keep their wording and
// its version, get a row version of 1, and the app can save them with it afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { migrate } from '../../electron/core/db/migrate.ts'
import { migrations } from '../../electron/core/db/migrations/index.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok } from '../helpers/register.ts'

silenceLog()

const BEFORE = migrations.filter((m) => m.version < 60).at(-1)?.version ?? 0

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-migration-60-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 60: a row version for purposes', () => {
  it('keeps every purpose and its wording version, starts row versions at 1, and saves with them', async () => {
    const file = join(dir, 'school.sqlite')
    const old = new Database(file)
    old.pragma('foreign_keys = ON')
    expect(migrate(old, BEFORE)).toBe(BEFORE)
    // A purpose reworded once before the upgrade: wording version 2, switched off.
    old.prepare(`UPDATE purposes SET label = 'Website', version = 2, active = 0 WHERE code = 'website'`).run()
    old.prepare(`INSERT INTO purpose_versions (purpose_id, version, label, description, created_at) SELECT id, 2, label, description, 'x' FROM purposes WHERE code = 'website'`).run()
    const rowsBefore = old.prepare(`SELECT id, code, label, description, sort_order, active, version FROM purposes ORDER BY id`).all()
    old.close()

    const core = openCore({ dbPath: file, appVersion: '0.0.0-test', now: () => new Date('2026-11-22T09:30:00Z') })
    try {
      const db = core.ctx.db
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(60)
      expect(db.prepare(`SELECT id, code, label, description, sort_order, active, version FROM purposes ORDER BY id`).all()).toEqual(rowsBefore)
      expect(db.prepare(`SELECT DISTINCT row_version FROM purposes`).pluck().all()).toEqual([1])
      expect(() => db.prepare(`UPDATE purposes SET row_version = 0`).run()).toThrow(/CHECK/)

      await ok(core, 'settings.update', { staffName: 'Ans de Wit' })
      const website = (await ok(core, 'purposes.list', { includeInactive: true })).find((p) => p.code === 'website')
      expect(website).toMatchObject({ label: 'Website', version: 2, rowVersion: 1, active: false })
      const on = await ok(core, 'purposes.save', { id: website?.id ?? 0, rowVersion: 1, active: true })
      expect(on).toMatchObject({ label: 'Website', version: 2, rowVersion: 2, active: true })
      expect(await core.dispatch('purposes.save', { id: website?.id ?? 0, rowVersion: 1, active: false })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    } finally {
      core.close()
    }
  })
})

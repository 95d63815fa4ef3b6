// Year levels: migration 70 on a register of the schema before it (with pupils in a single-year
// group, a combination group and a group without a number), and saving a pupil's level.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { migrate } from '../../electron/core/db/migrate.ts'
import { migrations } from '../../electron/core/db/migrations/index.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok, registerCore } from '../helpers/register.ts'

silenceLog()

const BEFORE = migrations.filter((m) => m.version < 70).at(-1)?.version ?? 0

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-migration-70-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function oldRegister(file: string): void {
  const db = new Database(file)
  db.pragma('foreign_keys = ON')
  expect(migrate(db, BEFORE)).toBe(BEFORE)
  db.exec(`INSERT INTO school_settings (key, value) VALUES ('schoolYear', '2026-2027'), ('setupDone', '1'), ('staffName', 'Ans de Wit')`)
  const year = Number(db.prepare(`INSERT INTO school_years (name, starts_on, ends_on) VALUES ('2026-2027', '2026-08-01', '2027-07-31')`).run().lastInsertRowid)
  const group = db.prepare(`INSERT INTO groups (school_year_id, name, created_at) VALUES (?, ?, 'x')`)
  const ids = Object.fromEntries(['1/2a', '3', 'Instroom'].map((name) => [name, Number(group.run(year, name).lastInsertRowid)]))
  const pupil = db.prepare(`INSERT INTO pupils (first_name, last_name, birth_date, form_code, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')`)
  const enrol = db.prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?)`)
  const pupils: [string, string | null, string][] = [
    ['Sanne', '2019-02-11', '3'],
    ['Daan', '2022-05-01', '1/2a'], // 4 on 1 October 2026: groep 1
    ['Zoë', '2021-03-09', '1/2a'], // 5: groep 2
    ['Ömer', '2022-11-15', '1/2a'], // 3 on 1 October (started after): groep 1, not 0
    ['Lotte', null, '1/2a'], // no birth date: the group's first level, to check
    ['Finn', '2022-06-20', 'Instroom'], // no level in the group's name: none
  ]
  pupils.forEach(([first, birth, g], i) => {
    const id = Number(pupil.run(first, 'Jansen', birth, `TR-AAAA${i}${i}`).lastInsertRowid)
    enrol.run(id, year, ids[g])
  })
  db.close()
}

describe('migration 70: year levels', () => {
  it('gives pupils of a single-year group its level, estimates combination groups from the birth date marked nagaan, and leaves unknown groups empty', async () => {
    const file = join(dir, 'school.sqlite')
    oldRegister(file)
    const core = openCore({ dbPath: file, appVersion: '0.0.0-test', now: () => new Date('2026-11-22T09:30:00Z') })
    try {
      const db = core.ctx.db
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(70)
      const rows = db.prepare(`SELECT first_name AS name, year_level AS level, year_level_unsure AS unsure FROM pupils ORDER BY id`).all()
      expect(rows).toEqual([
        { name: 'Sanne', level: 3, unsure: 0 },
        { name: 'Daan', level: 1, unsure: 1 },
        { name: 'Zoë', level: 2, unsure: 1 },
        { name: 'Ömer', level: 1, unsure: 1 },
        { name: 'Lotte', level: 1, unsure: 1 },
        { name: 'Finn', level: null, unsure: 0 },
      ])
      expect(db.prepare(`SELECT name, year_levels AS levels FROM groups ORDER BY id`).all()).toEqual([
        { name: '1/2a', levels: '1,2' },
        { name: '3', levels: '3' },
        { name: 'Instroom', levels: '' },
      ])
      expect(() => db.prepare(`UPDATE pupils SET year_level = 9 WHERE first_name = 'Sanne'`).run()).toThrow(/CHECK/)

      // The office confirms Zoë's level: the mark goes, the log keeps who did it.
      const zoe = db.prepare(`SELECT id FROM pupils WHERE first_name = 'Zoë'`).pluck().get() as number
      const detail = await ok(core, 'pupils.get', { id: zoe })
      expect(detail).toMatchObject({ yearLevel: 2, yearLevelUnsure: true, groupName: '1/2a' })
      const saved = await ok(core, 'pupils.save', { id: detail.id, version: detail.version, yearLevel: 2, yearLevelUnsure: false })
      expect(saved).toMatchObject({ yearLevel: 2, yearLevelUnsure: false })
      const log = (await ok(core, 'audit.list', {})).find((a) => a.action === 'pupil.update')
      expect(JSON.stringify(log)).toContain('yearLevelUnsure')
    } finally {
      core.close()
    }
  })
})

describe('a pupil\u2019s year level', () => {
  it('refuses a level the group does not hold and saves nothing; a new pupil in a single-year group gets its level', async () => {
    const { core, pupil, group } = await registerCore()
    expect(pupil).toMatchObject({ groupId: group.id, yearLevel: 5, yearLevelUnsure: false })
    const r = await core.dispatch('pupils.save', { id: pupil.id, version: pupil.version, yearLevel: 6 })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'yearLevel', message: expect.stringContaining('Groep 5 heeft leerjaar 5, niet leerjaar 6') } })
    expect(await ok(core, 'pupils.get', { id: pupil.id })).toMatchObject({ yearLevel: 5, version: pupil.version })
    expect(await core.dispatch('pupils.save', { id: pupil.id, version: pupil.version, yearLevel: 9 })).toMatchObject({ ok: false, error: { message: 'Kies een leerjaar van 1 tot en met 8.' } })
  })

  it('a kleuter who starts today in groep 1/2 gets an estimated level 1, to check', async () => {
    const { core } = await registerCore()
    const kleuters = await ok(core, 'groups.save', { name: '1/2b', teacherName: 'Juf Anne' })
    const kid = await ok(core, 'pupils.save', { firstName: 'Jip', lastName: 'Smit', birthDate: '2022-11-21', groupId: kleuters.id })
    expect(kid).toMatchObject({ groupName: '1/2b', yearLevel: 1, yearLevelUnsure: true, enrolledOn: '2026-11-22' })
  })

  it('a stored level the group does not hold (moved group by an import) is read again from the group in the rollover', async () => {
    const { core, pupil } = await registerCore()
    core.ctx.db.prepare(`UPDATE pupils SET year_level = 7 WHERE id = ?`).run(pupil.id)
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview.pupils.find((p) => p.pupilId === pupil.id)).toMatchObject({ groupName: '5', yearLevel: 5, yearLevelUnsure: false })
  })
})

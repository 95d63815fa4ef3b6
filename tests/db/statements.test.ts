// The statement cache on real database files: a statement is prepared once per connection, a
// restore's new connection prepares its own (the old one is closed with its statements), a nested
// use of a statement that is still iterating gets a fresh one, and a rolled-back transaction
// leaves a cached statement usable.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import type { Db } from '../../electron/core/db/open.ts'
import { statement } from '../../electron/core/db/statements.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

silenceLog()
const NOW = new Date('2026-11-22T09:30:00Z')
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function fileCore(): Core {
  const dir = mkdtempSync(join(tmpdir(), 'tr-statements-'))
  dirs.push(dir)
  return openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => NOW })
}

/** Counts db.prepare() on this connection from now on. */
function countPrepares(db: Db): { count: number } {
  const counter = { count: 0 }
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    counter.count++
    return prepare(sql)
  }) as Db['prepare']
  return counter
}

describe('statements prepared once per connection', () => {
  it('prepares nothing again when the same calls are made a second time', async () => {
    const core = fileCore()
    await setUpEmptySchool(core)
    const round = async (schoolName: string) => {
      await ok(core, 'settings.update', { schoolName, schoolYear: '2026-2027' })
      const purpose = await ok(core, 'purposes.save', { label: `Doel ${schoolName}`, description: 'Foto’s op de website' })
      await ok(core, 'purposes.save', { id: purpose.id, rowVersion: purpose.rowVersion, description: 'Foto’s en video’s op de website' })
      await ok(core, 'audit.page', { page: 1, pageSize: 50, query: schoolName })
      await ok(core, 'retention.overview', {})
      await ok(core, 'campaigns.list', {})
      return ok(core, 'settings.get', {})
    }
    await round('Eerste')
    const prepares = countPrepares(core.ctx.db)
    await round('Tweede')
    expect((await round('Derde')).schoolName).toBe('Derde')
    expect(prepares.count).toBe(0)
    expect((await ok(core, 'purposes.list', {})).filter((p) => p.label.startsWith('Doel ')).map((p) => [p.label, p.version])).toEqual([
      ['Doel Eerste', 2],
      ['Doel Tweede', 2],
      ['Doel Derde', 2],
    ])
    core.close()
  })

  it('gives the connection a restore opens its own statements, and the register works on it', async () => {
    const core = fileCore()
    await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    const oldDb = core.ctx.db
    const sql = `SELECT value FROM school_settings WHERE key = 'schoolName'`
    const oldStatement = statement(oldDb, sql, 'pluck')
    const backups = await ok(core, 'backups.create', {})
    await ok(core, 'settings.update', { schoolName: 'Na de reservekopie' })
    await ok(core, 'backups.restore', { name: backups.backups[0]!.name })

    expect(core.ctx.db).not.toBe(oldDb)
    expect(oldDb.open).toBe(false)
    const newStatement = statement(core.ctx.db, sql, 'pluck')
    expect(newStatement).not.toBe(oldStatement)
    expect(newStatement.database).toBe(core.ctx.db)
    expect(newStatement.get()).toBe('OBS De Linde')
    expect((await ok(core, 'settings.get', {})).schoolName).toBe('OBS De Linde')
    core.close()
  })
})

describe('statement() and the ways a statement is used', () => {
  it('hands a nested use of a statement that is iterating a fresh one, and caches the first', () => {
    const core = fileCore()
    const db = core.ctx.db
    const sql = `SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2 UNION ALL SELECT 3) ORDER BY value`
    const outer = statement(db, sql, 'pluck')
    const pairs: number[][] = []
    for (const a of outer.iterate() as IterableIterator<number>) {
      for (const b of statement(db, sql, 'pluck').iterate() as IterableIterator<number>) pairs.push([a, b])
    }
    expect(pairs).toHaveLength(9)
    expect(statement(db, sql, 'pluck')).toBe(outer)
    core.close()
  })

  it('keeps rows as objects, first columns and arrays apart for the same SQL', () => {
    const core = fileCore()
    const db = core.ctx.db
    const sql = `SELECT 7 AS n, 'x' AS s`
    expect(statement(db, sql).get()).toEqual({ n: 7, s: 'x' })
    expect(statement(db, sql, 'pluck').get()).toBe(7)
    expect(statement(db, sql, 'raw').get()).toEqual([7, 'x'])
    expect(statement(db, sql).get()).toEqual({ n: 7, s: 'x' })
    core.close()
  })

  it('runs a cached statement again after the transaction it ran in was rolled back', () => {
    const core = fileCore()
    const db = core.ctx.db
    const put = (v: string) => statement(db, `INSERT INTO school_settings (key, value) VALUES ('schoolName', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(v)
    const read = () => statement(db, `SELECT value FROM school_settings WHERE key = 'schoolName'`, 'pluck').get()
    put('Eerst')
    expect(() =>
      db.transaction(() => {
        put('Teruggedraaid')
        throw new Error('stop')
      })(),
    ).toThrow('stop')
    expect(read()).toBe('Eerst')
    put('Daarna')
    expect(read()).toBe('Daarna')
    core.close()
  })
})

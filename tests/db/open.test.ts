import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { migrate } from '../../electron/core/db/migrate.ts'
import { LATEST_VERSION, migrations } from '../../electron/core/db/migrations/index.ts'
import { normaliseSql } from '../../electron/core/db/schema-check.ts'
import { CRAFTED, craft, craftedCases, foreignWithNegativeVersion } from './crafted.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-open-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

/** Opens a file that must be refused; checks it is refused as an AppError and left exactly as it was. */
function refuse(file: string): AppError {
  const hash = sha256(file)
  const listing = readdirSync(dir).sort()
  let error: unknown
  try {
    openDatabase(file).close()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(AppError)
  expect(sha256(file)).toBe(hash)
  expect(readdirSync(dir).sort(), 'no -wal, -shm or -journal left next to the file').toEqual(listing)
  const e = error as AppError
  expect(e.message).toContain('Het bestand is niet gewijzigd.')
  return e
}

/** A real register database of the current version, closed, in WAL mode. */
function ourDatabase(name = 'ours.sqlite'): string {
  const file = join(dir, name)
  openDatabase(file).close()
  return file
}

describe('opening a file that is not a register database', () => {
  it('refuses a text file', () => {
    const file = join(dir, 'leerlingen.csv')
    writeFileSync(file, 'voornaam;achternaam\nSanne;Berg\nZoë;Öztürk\n')
    const e = refuse(file)
    expect(e.code).toBe('db_invalid')
    expect(e.message).toBe(
      `Het bestand ${file} is geen database van Toestemmingsregister (het is geen SQLite-bestand). Het bestand is niet gewijzigd. ` +
        'Kies een ander bestand, of verplaats dit bestand en start opnieuw voor een lege database.',
    )
  })

  it('refuses a file of random bytes', () => {
    const file = join(dir, 'foto.jpg')
    const bytes = Buffer.alloc(8192)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251
    writeFileSync(file, bytes)
    expect(refuse(file).code).toBe('db_invalid')
  })

  it('refuses a short file that starts like SQLite', () => {
    const file = join(dir, 'kort.sqlite')
    writeFileSync(file, 'SQLite format 3\u0000')
    expect(refuse(file)).toMatchObject({ code: 'db_invalid', message: expect.stringMatching(/beschadigd of onvolledig/) })
  })

  it.each([
    ['inside the 100-byte header', (_size: number) => 60],
    ['in the middle of a page', (size: number) => Math.floor(size / 2) + 100],
    ['at a page boundary', (size: number) => Math.floor(size / 2 / 4096) * 4096],
    ['by one page', (size: number) => size - 4096],
  ])('refuses a register database truncated %s', (_where, cut) => {
    const whole = readFileSync(ourDatabase())
    expect(whole.length).toBeGreaterThan(4 * 4096)
    const file = join(dir, 'half-gekopieerd.sqlite')
    writeFileSync(file, whole.subarray(0, cut(whole.length)))
    expect(refuse(file)).toMatchObject({
      code: 'db_invalid',
      message: `Het bestand ${file} is beschadigd of onvolledig (bijvoorbeeld half gekopieerd). Het bestand is niet gewijzigd. Zet een reservekopie terug, of kies een ander bestand.`,
    })
  })

  it('refuses the SQLite database of another program (tables, user_version 0)', () => {
    const file = join(dir, 'places.sqlite')
    const other = new Database(file)
    other.exec(`CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org');`)
    other.close()
    const e = refuse(file)
    expect(e.code).toBe('db_invalid')
    expect(e.message).toContain(`Het bestand ${file} is een SQLite-database van een ander programma.`)
  })

  it('refuses the WAL-mode database of another program and leaves no -wal or -shm behind', () => {
    const file = join(dir, 'ander.db')
    const other = new Database(file)
    other.pragma('journal_mode = WAL')
    other.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`)
    other.close()
    expect(readdirSync(dir)).toEqual(['ander.db'])
    expect(refuse(file).message).toMatch(/van een ander programma/)
  })

  it('refuses another program whose database has a user_version of its own, instead of migrating it', () => {
    const file = join(dir, 'app.db')
    const other = new Database(file)
    other.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)`)
    other.pragma('user_version = 5')
    other.close()
    expect(refuse(file)).toMatchObject({ code: 'db_invalid', message: expect.stringMatching(/van een ander programma/) })
  })

  it("refuses a database from a newer version of the app with code 'db_newer'", () => {
    const file = ourDatabase()
    const raw = new Database(file)
    raw.pragma('user_version = 9990')
    raw.close()
    const e = refuse(file)
    expect(e.code).toBe('db_newer')
    expect(e.message).toMatch(/nieuwere versie van Toestemmingsregister/)
    expect(e.message).toMatch(/9990/)
  })

  it('refuses a folder with a Dutch message', () => {
    const folder = join(dir, 'map.sqlite')
    mkdirSync(folder)
    let error: unknown
    try {
      openDatabase(folder)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'io', message: expect.stringMatching(/is een map/) })
    expect(readdirSync(folder)).toEqual([])
  })
})

describe('opening a file that is, or becomes, a register database', () => {
  it('treats an empty (0 byte) file as a new database', () => {
    const file = join(dir, 'leeg.sqlite')
    writeFileSync(file, '')
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.prepare(`SELECT count(*) FROM purposes`).pluck().get()).toBe(8)
    db.close()
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000')
  })

  it('creates a missing file', () => {
    const file = join(dir, 'nieuw.sqlite')
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    db.close()
  })

  it('opens its own database again, with the data in it', () => {
    const file = ourDatabase()
    const db = openDatabase(file)
    db.prepare(`INSERT INTO school_settings (key, value) VALUES ('schoolName', 'OBS De Linde')`).run()
    db.close()
    const again = openDatabase(file)
    expect(again.prepare(`SELECT value FROM school_settings WHERE key = 'schoolName'`).pluck().get()).toBe('OBS De Linde')
    again.close()
    expect(readdirSync(dir)).toEqual(['ours.sqlite'])
  })

  it('opens its own database while its write-ahead log is still next to it', () => {
    const file = ourDatabase()
    const writer = openDatabase(file)
    writer.prepare(`INSERT INTO school_settings (key, value) VALUES ('schoolName', 'OBS De Linde')`).run()
    // Still open: the change lives in ours.sqlite-wal, the main file may be behind.
    const reader = openDatabase(file)
    expect(reader.prepare(`SELECT value FROM school_settings WHERE key = 'schoolName'`).pluck().get()).toBe('OBS De Linde')
    reader.close()
    writer.close()
  })
})

describe('opening a register database changed outside the app', () => {
  it.each(craftedCases())('refuses %s (%s), and leaves the file as it was', (_name, _does, crafted) => {
    const file = ourDatabase()
    craft(file, crafted)
    const e = refuse(file)
    expect(e.code).toBe('db_invalid')
    expect(e.message).toMatch(/buiten het programma om is veranderd|van een ander programma/)
  })

  it('names what is extra or missing, and says what to do', () => {
    const file = ourDatabase()
    craft(file, CRAFTED.wipe ?? { does: '', sql: '' })
    expect(refuse(file).message).toBe(
      `Het bestand ${file} is een database van Toestemmingsregister die buiten het programma om is veranderd (extra: trigger keep_tidy). ` +
        'Het bestand is niet gewijzigd. Zet een reservekopie terug, of kies een ander bestand.',
    )
  })

  it('refuses another program whose database has user_version -1, instead of migrating it in place', () => {
    const file = join(dir, 'notities.db')
    foreignWithNegativeVersion(file)
    expect(refuse(file)).toMatchObject({ code: 'db_invalid', message: expect.stringMatching(/van een ander programma/) })
    const raw = new Database(file, { readonly: true })
    expect(raw.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(1)
    raw.close()
  })

  it('refuses a file with our objects but user_version 0', () => {
    const file = ourDatabase()
    craft(file, { does: '', sql: '', userVersion: 0 })
    expect(refuse(file).message).toMatch(/van een ander programma/)
  })

  it.each(migrations.slice(0, -1).map((m) => m.version))('opens and migrates a register database of our version %i', (version) => {
    const file = join(dir, `v${version}.sqlite`)
    const old = new Database(file)
    migrate(old, version)
    old.close()
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    db.close()
  })

  it('runs every connection with trusted_schema off and check constraints on', () => {
    const db = openDatabase(ourDatabase())
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0)
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0)
    expect(db.pragma('cell_size_check', { simple: true })).toBe(1)
    db.close()
  })
})

describe('comparing schema text', () => {
  it('ignores white space and comments, but not what is inside quotes', () => {
    const ours = `CREATE TABLE t (\n  a TEXT NOT NULL CHECK (a IN ('x', 'y')),  -- the answer\n  b INTEGER /* count */\n) STRICT`
    expect(normaliseSql(ours)).toBe(normaliseSql(`CREATE TABLE t(a TEXT NOT NULL CHECK(a IN('x','y')),b INTEGER)STRICT`))
    expect(normaliseSql(ours)).not.toBe(normaliseSql(ours.replace(`'y'`, `'y '`)))
    expect(normaliseSql(ours)).not.toBe(normaliseSql(ours.replace('NOT NULL', 'NULL')))
    expect(normaliseSql(`SELECT '--' AS "a  b"`)).toBe(`SELECT '--' AS "a  b"`)
  })
})

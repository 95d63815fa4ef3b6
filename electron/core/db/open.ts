import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors.ts'
import { assertNotNewer, migrate } from './migrate.ts'

export type Db = Database.Database

const SQLITE_HEADER = 'SQLite format 3\u0000'

function notOurs(path: string, why: string): AppError {
  return new AppError(
    'db_invalid',
    `Het bestand ${path} ${why} Het bestand is niet gewijzigd. Kies een ander bestand, of verplaats dit bestand en start opnieuw voor een lege database.`,
  )
}

/** Looks at the first bytes only: a file that is not SQLite is never opened for writing. */
function assertSqliteFile(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(16)
    readSync(fd, head, 0, 16, 0)
    if (head.toString('latin1') !== SQLITE_HEADER) throw notOurs(path, 'is geen database van Toestemmingsregister (het is geen SQLite-bestand).')
  } finally {
    closeSync(fd)
  }
}

/**
 * Opens (and creates or migrates) the register's database. Checks, before anything is written,
 * that the file is SQLite, is ours, is readable, and is not from a newer version of the app.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') assertSqliteFile(path)
  const db = new Database(path)
  try {
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]
      assertNotNewer(db)
      if (db.pragma('user_version', { simple: true }) === 0 && tables.length > 0) {
        throw notOurs(path, 'is een SQLite-database van een ander programma.')
      }
    } catch (e) {
      if (e instanceof AppError) throw e
      throw notOurs(path, 'is beschadigd of geen database van Toestemmingsregister.')
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

// Opening the register's database: the file is checked before anything is written (SQLite at all,
// whole, exactly our schema, not newer), every connection gets the same pragmas, then it is migrated.
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors.ts'
import { createLogger } from '../log.ts'
import { assertNotNewer, migrate, schemaVersion } from './migrate.ts'
import { LATEST_VERSION } from './migrations/index.ts'
import { hardenConnection, judgeSchema } from './schema-check.ts'

export type Db = Database.Database

const log = createLogger('db')
const SQLITE_HEADER = 'SQLite format 3\u0000'

const NEW_FILE_ADVICE = 'Kies een ander bestand, of verplaats dit bestand en start opnieuw voor een lege database.'
const BACKUP_ADVICE = 'Zet een reservekopie terug, of kies een ander bestand.'

function refused(path: string, why: string, advice = NEW_FILE_ADVICE): AppError {
  return new AppError('db_invalid', `Het bestand ${path} ${why} Het bestand is niet gewijzigd. ${advice}`)
}

const damaged = (path: string): AppError => refused(path, 'is beschadigd of onvolledig (bijvoorbeeld half gekopieerd).', BACKUP_ADVICE)

/** An error from the file system or SQLite, as a message a user can act on. */
function openError(path: string, e: unknown, writing = false): AppError {
  if (e instanceof AppError) return e
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT)/.test(code)) return damaged(path)
  log.error('opening the database failed', e)
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new AppError('io', `Het bestand ${path} is in gebruik door een ander programma. Het bestand is niet gewijzigd. Sluit dat programma en probeer het opnieuw.`)
  }
  if (writing) {
    return new AppError('io', `De database ${path} kon niet worden bijgewerkt. Er is niets half opgeslagen. Controleer of het bestand niet alleen-lezen is en of er schijfruimte is.`)
  }
  return new AppError('io', `Het bestand ${path} kan niet worden geopend. Het bestand is niet gewijzigd. Controleer of u rechten hebt op het bestand en de map, en of er schijfruimte is.`)
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(100)
    const n = readSync(fd, head, 0, head.length, 0)
    return head.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/**
 * Looks at the file itself, without SQLite: is it SQLite at all, and is it whole?
 * Returns false for a file that does not exist or is empty: that becomes a new database.
 */
function checkFile(path: string): boolean {
  if (!existsSync(path)) return false
  const stat = statSync(path)
  if (stat.isDirectory()) {
    throw new AppError('io', `${path} is een map, geen databasebestand. Geef het pad naar een bestand op, bijvoorbeeld ${join(path, 'school.sqlite')}.`)
  }
  if (!stat.isFile()) throw refused(path, 'is geen gewoon bestand.')
  if (stat.size === 0) return false
  const head = readHead(path)
  if (head.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw refused(path, 'is geen database van Toestemmingsregister (het is geen SQLite-bestand).')
  }
  if (head.length < 100) throw damaged(path)
  const rawPageSize = head.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw damaged(path)
  // With a write-ahead log or a rollback journal next to it, SQLite completes the file from there.
  if (existsSync(`${path}-wal`) || existsSync(`${path}-journal`)) return true
  const pages = head.readUInt32BE(28)
  const sizeIsValid = pages > 0 && head.readUInt32BE(24) === head.readUInt32BE(92)
  if (stat.size % pageSize !== 0 || (sizeIsValid && stat.size < pages * pageSize)) throw damaged(path)
  return true
}

/**
 * Is the open file ours, and not from a newer version? Its schema must be exactly one our migrations
 * produce at its user_version (see schema-check.ts); `shownPath` is the file the user chose.
 */
export function assertOurDatabase(db: Db, shownPath: string): void {
  hardenConnection(db)
  const verdict = judgeSchema(db)
  if (verdict.kind === 'foreign') throw refused(shownPath, 'is een SQLite-database van een ander programma.')
  if (verdict.kind === 'newer') assertNotNewer(db)
  if (verdict.kind === 'altered') {
    const parts = [...verdict.extra.map((o) => `extra: ${o}`), ...verdict.missing.map((o) => `ontbreekt: ${o}`)]
    const shown = parts.slice(0, 3).join('; ') + (parts.length > 3 ? `; en nog ${parts.length - 3}` : '')
    throw refused(shownPath, `is een database van Toestemmingsregister die buiten het programma om is veranderd (${shown}).`, BACKUP_ADVICE)
  }
}

/**
 * Looks inside, read-only: is it ours, and not from a newer version? A read-only connection never
 * writes the file; for a file in WAL mode SQLite makes -wal and -shm files, removed again on refusal.
 */
function checkContents(path: string): void {
  const made = ['-wal', '-shm'].filter((suffix) => !existsSync(path + suffix))
  let db: Db | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    assertOurDatabase(db, path)
    db.close()
  } catch (e) {
    db?.close()
    for (const suffix of made) {
      const file = path + suffix
      if (existsSync(file) && (suffix === '-shm' || statSync(file).size === 0)) rmSync(file, { force: true })
    }
    throw openError(path, e)
  }
}

/**
 * A WAL-mode file in a folder that cannot be written (read-only medium or mount, no rights): SQLite
 * cannot make the -shm file it needs even to read, so it is read from a copy in memory instead.
 * Only without a -wal file beside it: then the file alone is the whole database.
 */
function needsMemoryCopy(path: string): boolean {
  if (existsSync(`${path}-wal`) || existsSync(`${path}-shm`)) return false
  if (readHead(path)[18] !== 2) return false // not WAL mode: SQLite reads it in place
  try {
    accessSync(dirname(path), constants.W_OK)
    return false
  } catch {
    return true
  }
}

function openMemoryCopy(path: string): Db {
  const bytes = readFileSync(path)
  // Bytes 18 and 19 say WAL mode; a database in memory has no WAL, so it reads as rollback-journal mode.
  bytes[18] = 1
  bytes[19] = 1
  const db = new Database(bytes, { readonly: true })
  try {
    assertOurDatabase(db, path)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

/**
 * Opens (and creates or migrates) the register's database. Checks, before anything is written,
 * that the file is SQLite, is whole, is ours, and is not from a newer version of the app.
 * Every refusal is an AppError with a Dutch message; the file is then left as it was.
 * `readonly`: for when another program holds the file, it is damaged, or it cannot be written; nothing can be written.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  let db: Db
  try {
    const exists = path !== ':memory:' && checkFile(path)
    if (exists && options.readonly && needsMemoryCopy(path)) db = openMemoryCopy(path)
    else {
      if (exists) checkContents(path)
      db = options.readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path)
    }
  } catch (e) {
    throw openError(path, e)
  }
  try {
    hardenConnection(db)
    if (!options.readonly) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // A REPLACE that removes a row then fires its DELETE triggers, so it cannot overwrite
    // an append-only consent record or audit entry.
    db.pragma('recursive_triggers = ON')
    db.pragma('busy_timeout = 5000')
    // Deleted personal data is overwritten, not left in free pages of the file.
    db.pragma('secure_delete = ON')
    if (!options.readonly) migrate(db)
    else if (schemaVersion(db) < LATEST_VERSION) {
      throw new AppError('read_only', 'Deze database moet worden bijgewerkt, maar dat kan nu niet: hij is alleen te lezen. Sluit het programma Toestemmingsregister en probeer het opnieuw.')
    }
    return db
  } catch (e) {
    db.close()
    if (e instanceof AppError) throw e
    throw openError(path, e, true)
  }
}

/** SQLite's quick check of the whole file: true when it is whole. */
export function quickCheck(db: Db): boolean {
  try {
    return db.pragma('quick_check', { simple: true }) === 'ok'
  } catch {
    return false
  }
}

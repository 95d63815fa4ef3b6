// Restore: a backup or an exported database goes back in place of the register. Nothing of the
// chosen file ever runs. It is copied (the chosen file itself is never opened by SQLite, so never
// changed), its schema must be exactly one our migrations produce, and then only its rows are
// taken over: table by table, with explicit column lists, into a fresh file built from our own
// schema at the file's version, in one transaction. That file is migrated to the latest version,
// checked (integrity, foreign keys) and only then swapped in, after a backup of the current state.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { migrate } from '../db/migrate.ts'
import { assertOurDatabase } from '../db/open.ts'
import { expectedSchema, hardenConnection } from '../db/schema-check.ts'
import { createLogger } from '../log.ts'
import { readOnlyError } from '../read-only.ts'
import { backupDir, backupNow, stamp, type BackupInfo } from './backup.ts'
import { removeWithSideFiles, restorePaths } from './leftovers.ts'
import { attachCopy, copyRows, detachCopy, madeAlready, makeSchemaObject } from './restore.queries.ts'

const log = createLogger('restore')
const SQLITE_HEADER = 'SQLite format 3\u0000'

type Reopen = (path: string) => CoreContext['db']

const notABackup = (): AppError => new AppError('validation', 'Dit bestand is geen goede reservekopie (het is beschadigd of geen database). Er is niets gewijzigd. Kies een andere reservekopie of een ander bestand.')

const misfit = (shown: string, what: string): AppError =>
  new AppError('validation', `Het bestand ${shown} bevat ${what}. Er is niets teruggezet; het bestand en het register zijn niet gewijzigd. Kies een andere reservekopie of een ander bestand.`)

/**
 * The private copy must be SQLite; a WAL-mode file is marked as rollback-journal mode in the copy,
 * so that reading it makes no -wal or -shm files (the copy alone is the whole database).
 */
function prepareCopy(source: string): void {
  const fd = openSync(source, 'r+')
  try {
    const head = Buffer.alloc(100)
    const n = readSync(fd, head, 0, head.length, 0)
    if (n < 100 || head.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) throw notABackup()
    if (head[18] === 2 || head[19] === 2) writeSync(fd, Buffer.from([1, 1]), 0, 2, 18)
  } finally {
    closeSync(fd)
  }
}

/** Whole, ours, not newer: the version its rows belong to. `shown` names the file in messages. */
function checkCopy(source: string, shown: string): number {
  prepareCopy(source)
  let db: Database.Database | undefined
  try {
    db = new Database(source, { readonly: true, fileMustExist: true })
    hardenConnection(db)
    // Every page of every table read and accounted for (no rows silently left out); the indexes of
    // the file do not matter, the fresh file gets its own (and a full integrity_check).
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw notABackup()
    assertOurDatabase(db, shown)
    const version = db.pragma('user_version', { simple: true }) as number
    if (version === 0) throw notABackup() // an empty SQLite file: nothing to put back
    return version
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${e.message} Het register zelf is niet gewijzigd.`)
    throw notABackup()
  } finally {
    db?.close()
  }
}

/** Builds our schema at `version` in `fresh`, fills it with the copy's rows, checks it, and migrates it. */
function fillFresh(fresh: string, source: string, version: number, shown: string): void {
  const db = new Database(fresh)
  try {
    hardenConnection(db)
    db.pragma('secure_delete = ON')
    // A working file, thrown away on any failure: no journal on disk, no waiting for the disk per
    // transaction. It is made durable as a whole (fsync) before it replaces the register.
    db.pragma('journal_mode = MEMORY')
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -65536') // 64 MB: the copy and its indexes are built in memory, written once
    db.pragma('foreign_keys = OFF') // checked as a whole below, once every table is filled
    attachCopy(db, source)
    const schema = expectedSchema(version)
    const tables = schema.filter((o) => o.type === 'table' && o.text)
    const made = madeAlready(db)
    // A virtual table (full-text search) makes its own shadow tables: those are not made twice, and
    // their rows come with the virtual table's own.
    const shadows = new Set<string>()
    db.transaction(() => {
      for (const t of tables) {
        if (made(t.name)) shadows.add(t.name)
        else makeSchemaObject(db, t.text ?? '')
      }
      for (const t of tables.filter((x) => !shadows.has(x.name))) copyRows(db, t.name)
      // Indexes, then triggers, after the rows: faster, and our own triggers have nothing to guard yet.
      for (const o of schema.filter((x) => x.type !== 'table' && x.text)) makeSchemaObject(db, o.text ?? '')
      db.pragma(`user_version = ${version}`)
    })()
    detachCopy(db)
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw misfit(shown, 'verwijzingen tussen gegevens die niet kloppen (bijvoorbeeld een toestemming van een leerling die er niet is)')
    db.pragma('foreign_keys = ON') // from here on, our migrations cannot leave a broken reference
    migrate(db)
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw notABackup()
    db.close()
    const fd = openSync(fresh, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    const code = (e as { code?: unknown } | null)?.code
    if (typeof code === 'string' && /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code)) throw misfit(shown, 'gegevens die niet in het register passen')
    if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw notABackup()
    log.error('filling the fresh register failed', e)
    throw new AppError('io', `De reservekopie kon niet worden klaargezet in ${join(fresh, '..')}. Er is niets gewijzigd. Controleer of er schijfruimte is en of de map beveiligd is, en probeer het opnieuw.`)
  } finally {
    if (db.open) db.close()
  }
}

/** Checks and rebuilds the staged copy, backs up the current state, and swaps the rebuilt file in. */
async function restoreStaged(ctx: CoreContext, paths: { source: string; fresh: string }, shown: string, reopen: Reopen): Promise<BackupInfo | null> {
  try {
    const version = checkCopy(paths.source, shown)
    fillFresh(paths.fresh, paths.source, version, shown)
  } catch (e) {
    removeWithSideFiles(paths.fresh)
    throw e
  } finally {
    removeWithSideFiles(paths.source)
  }
  // A damaged database cannot be copied with the backup API: it is kept aside as it is, unlisted.
  const damaged = ctx.readOnly === 'damaged'
  let safety: BackupInfo | null = null
  try {
    if (!damaged) safety = await backupNow(ctx, 'restore')
  } catch (e) {
    removeWithSideFiles(paths.fresh)
    throw e
  }
  ctx.db.close()
  try {
    if (damaged) copyFileSync(ctx.dbPath, join(backupDir(ctx.dbPath), `beschadigd-${stamp(ctx.now())}.sqlite`))
    for (const suffix of ['-wal', '-shm']) rmSync(ctx.dbPath + suffix, { force: true })
    renameSync(paths.fresh, ctx.dbPath)
  } finally {
    removeWithSideFiles(paths.fresh)
    ctx.db = reopen(ctx.dbPath)
  }
  if (damaged) delete ctx.readOnly
  log.info('database restored from a backup')
  return safety
}

/** Never swap the file under a running app, nor where nothing may be written. */
function assertMayRestore(ctx: CoreContext): void {
  if (ctx.dbPath === ':memory:') throw new AppError('validation', 'Een database in het geheugen kan niet worden teruggezet.')
  if (ctx.readOnly === 'locked' || ctx.readOnly === 'unwritable') throw readOnlyError(ctx)
}

function stage(ctx: CoreContext, write: (source: string) => void): { source: string; fresh: string } {
  const dir = backupDir(ctx.dbPath)
  mkdirSync(dir, { recursive: true })
  const paths = restorePaths(dir)
  try {
    write(paths.source)
  } catch (e) {
    removeWithSideFiles(paths.source)
    log.error('staging a restore failed', e)
    throw new AppError('io', `Het bestand kon niet worden klaargezet in ${dir}. Er is niets gewijzigd. Controleer of er schijfruimte is, en probeer het opnieuw.`)
  }
  return paths
}

/**
 * Puts a backup (or an exported database) at `file` back in place of the current database. On any
 * problem the current database and the file stay as they were. Returns the backup of the state before.
 */
export async function restoreFrom(ctx: CoreContext, file: string, reopen: Reopen): Promise<BackupInfo | null> {
  assertMayRestore(ctx)
  if (!existsSync(file)) throw new AppError('not_found', `Het bestand ${file} bestaat niet (meer).`)
  return restoreStaged(
    ctx,
    stage(ctx, (source) => copyFileSync(file, source)),
    file,
    reopen,
  )
}

/** The same for a file sent as bytes (the screen's 'Terugzetten uit een bestand'): written only to the staged copy. */
export async function restoreFromBytes(ctx: CoreContext, bytes: Uint8Array, fileName: string, reopen: Reopen): Promise<BackupInfo | null> {
  assertMayRestore(ctx)
  return restoreStaged(
    ctx,
    stage(ctx, (source) => writeFileSync(source, bytes)),
    fileName,
    reopen,
  )
}

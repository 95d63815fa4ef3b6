import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CoreContext, Desktop } from './context.ts'
import { createDispatch, type Dispatch } from './dispatch.ts'
import { locationWarning, type MountProbe } from './db/location.ts'
import { holdLock, lockHolder } from './db/lock.ts'
import { openDatabase, quickCheck } from './db/open.ts'
import { createTempFolder } from './temp-folder.ts'
import { backupDir } from './backup/backup.ts'
import { removeUnfinished } from './backup/leftovers.ts'
import { createLogger } from './log.ts'

export interface Core {
  ctx: CoreContext
  dispatch: Dispatch
  close(): void
}

export interface CoreOptions {
  dbPath: string
  appVersion: string
  now?: () => Date
  resourcesDir?: string
  desktop?: Desktop
  /**
   * 'hold': the app and the web harness mark the database as theirs while open. 'respect': the
   * CLI opens a database that a running app holds read-only. Tests leave it out.
   */
  lock?: 'hold' | 'respect'
  /** How the sync-folder check sees the file system (tests inject one). */
  locationProbe?: MountProbe
}

/** Whether this process may write the file and its folder (where SQLite keeps its -wal and -shm files). */
function writable(dbPath: string): boolean {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return true // a new file: opening it says what is wrong
  try {
    accessSync(dbPath, constants.W_OK)
    accessSync(dirname(dbPath), constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * A backup or restore that a killed process left half-done: whole copies of the register, unlisted.
 * Only a process that may write (no other app holds the file) removes them; never blocks the start.
 */
function removeLeftovers(dbPath: string): void {
  try {
    const n = removeUnfinished(backupDir(dbPath))
    if (n > 0) createLogger('boot').info(`removed ${n} unfinished backup or restore file(s)`)
  } catch (e) {
    createLogger('boot').error('removing unfinished backup files failed', e)
  }
}

/**
 * Opens the database (creating its folder) and wires the handler table to it. A database that
 * another running app holds, that is write-protected, or that fails SQLite's quick check, is
 * opened read-only: nothing can be written to it, and ctx.readOnly says why.
 */
export function openCore(options: CoreOptions): Core {
  const { dbPath } = options
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true })
  let readOnly: CoreContext['readOnly'] = options.lock && lockHolder(dbPath) ? 'locked' : writable(dbPath) ? undefined : 'unwritable'
  let db = openDatabase(dbPath, { readonly: readOnly !== undefined })
  if (readOnly === undefined && dbPath !== ':memory:' && !quickCheck(db)) {
    db.close()
    db = openDatabase(dbPath, { readonly: true })
    readOnly = 'damaged'
  }
  const release = options.lock === 'hold' && readOnly === undefined ? holdLock(dbPath) : () => undefined
  if (readOnly === undefined && dbPath !== ':memory:') removeLeftovers(dbPath)
  const ctx: CoreContext = { db, dbPath, appVersion: options.appVersion, now: options.now ?? (() => new Date()), temp: createTempFolder() }
  if (readOnly) ctx.readOnly = readOnly
  const location = locationWarning(dbPath, options.locationProbe) // a sync folder or network share: warn, do not refuse
  if (location) ctx.startupWarnings = [location]
  // npm scripts (CLI, web harness, tests) run in the repo root, next to resources/.
  ctx.resourcesDir = options.resourcesDir ?? resolve('resources')
  if (options.desktop) ctx.desktop = options.desktop
  return {
    ctx,
    dispatch: createDispatch(ctx),
    close: () => {
      ctx.db.close() // ctx.db: a restore swaps the connection
      release()
      ctx.temp.removeAll() // documents opened in a viewer, and anything a failed export left
    },
  }
}

import { AsyncLocalStorage } from 'node:async_hooks'
import type { Db } from './db/open.ts'
import type { TempFolder } from './temp-folder.ts'

/** What every handler gets: the open database and a clock (tests set the clock). */
export interface CoreContext {
  db: Db
  dbPath: string
  appVersion: string
  now: () => Date
  /** Where temporary files go (a folder per run, removed on close): see temp-folder.ts. */
  temp: TempFolder
  /** Fonts and templates for documents: the repo's resources/ folder, or the packaged app's. */
  resourcesDir?: string
  /** Only in the desktop app: save dialogs and the system viewer. The CLI and web harness have none. */
  desktop?: Desktop
  /**
   * Set when nothing may be written: another running app holds the database, it is damaged, or
   * the file or its folder is write-protected (read-only medium, permissions, immutable).
   */
  readOnly?: 'locked' | 'damaged' | 'unwritable'
  /** Who commits an import through this door when it is not the staff name: the CLI's --staff, or the terminal's user. */
  actor?: string
  /** The CLI: who commits an import when neither `actor` nor a staff name is set ('ans (terminal)'). */
  actorWithoutStaffName?: string
  /** Found at start, shown as a banner (and on the CLI's stderr), never a refusal: e.g. the database in a sync folder. */
  startupWarnings?: string[]
}

/** What the desktop app offers for getting a document to the user (electron/main/desktop.ts). */
export interface Desktop {
  /** A save dialog; undefined when the user cancels. */
  chooseSavePath(defaultName: string, filters: { name: string; extensions: string[] }[]): Promise<string | undefined>
  /** Opens a file in the system's viewer; rejects with the system's reason. */
  openPath(path: string): Promise<void>
  /** An open dialog for one file; undefined when the user cancels. The core reads the file where it lies. */
  chooseOpenPath?(title: string, filters: { name: string; extensions: string[] }[]): Promise<string | undefined>
  /** An open dialog for one or (`multiple`) more files; [] when the user cancels. */
  chooseOpenPaths?(title: string, filters: { name: string; extensions: string[] }[], multiple: boolean): Promise<string[]>
}

/**
 * What one call works out once and then reuses, each value tied to the connection it was read
 * from (a restore within the call opens a new one). Whoever changes what a value depends on
 * forgets it (settings.update forgets the school year and the staff member).
 */
export class CallScope {
  private readonly known = new Map<string, { db: Db; value: unknown }>()

  remember<T>(key: string, db: Db, work: () => T): T {
    const hit = this.known.get(key)
    if (hit && hit.db === db) return hit.value as T
    const value = work()
    this.known.set(key, { db, value })
    return value
  }

  forget(key: string): void {
    this.known.delete(key)
  }
}

// The scope follows the call through its awaits, and two calls at once each see their own. The
// context itself stays the one object the app made: progress, a restore's new connection and
// the read-only state are kept on it, not on a copy per call.
const calls = new AsyncLocalStorage<CallScope>()

/** Runs one call (dispatch does, per method call) with a scope of its own. */
export function runCall<T>(work: () => T): T {
  return calls.run(new CallScope(), work)
}

/** The scope of the call running now; undefined outside dispatch (a test or script calling a service directly). */
export function currentCall(): CallScope | undefined {
  return calls.getStore()
}

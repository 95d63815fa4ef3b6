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

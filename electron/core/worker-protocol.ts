// The messages between the thread that hosts the core (Electron's main, the CLI, the web harness)
// and the core's worker thread (worker.ts). Plain data only: they cross by structured clone.
import type { CoreContext } from './context.ts'
import type { ProgressEvent } from './progress.ts'

/** What the worker needs to open the core; the same for every door (see boot.ts for the meaning). */
export interface WorkerStart {
  dbPath: string
  appVersion: string
  resourcesDir?: string
  lock?: 'hold' | 'respect'
  /** A frozen clock for tests and the harness (ISO time); absent: the real clock. */
  fixedNow?: string
  /** The host offers the desktop calls (save dialog, system viewer): the worker asks for them by message. */
  desktop?: boolean
  /** The desktop app's start: remove earlier runs' temp files, the daily backup, expired safety backups. */
  appStart?: boolean
  /** Where the worker writes its log lines; absent: stderr (or nothing when `silent`). */
  logFile?: string
  silent?: boolean
  /** The CLI: who commits an import (see CoreContext.actor). */
  actor?: string
  actorWithoutStaffName?: string
}

/** What the host learns once the core is open. */
export interface CoreInfo {
  dbPath: string
  readOnly?: CoreContext['readOnly']
  startupWarnings: string[]
}

type Filters = { name: string; extensions: string[] }[]
export type DesktopCall =
  { call: 'chooseSavePath'; args: [string, Filters] } | { call: 'chooseOpenPath'; args: [string, Filters] } | { call: 'chooseOpenPaths'; args: [string, Filters, boolean] } | { call: 'openPath'; args: [string] }

export type ToWorker =
  /** `stop`: a flag the host raises to stop the job (see progress.ts). */
  | { type: 'call'; id: number; method: unknown; input: unknown; stop?: Int32Array }
  | { type: 'desktop-reply'; id: number; ok: true; value: string | string[] | undefined }
  /** A file the host vouches for (its dialog, a drop, an upload): the worker answers with a token (see chosen-files.ts). */
  | { type: 'register-file'; id: number; path: string; name?: string }
  | { type: 'desktop-reply'; id: number; ok: false; message: string }
  /** `done` becomes 1 once the register is closed, so a host that is quitting can wait for it without its event loop. */
  | { type: 'close'; done: Int32Array }

export type FromWorker =
  | { type: 'ready'; info: CoreInfo }
  /** Opening failed; `userMessage` is set when the reason is one a user can act on (AppError). */
  | { type: 'failed'; userMessage?: string; detail: string }
  /**
   * The Result as JSON text in UTF-8 bytes, transferred (not copied): the host passes them on (IPC,
   * HTTP) without building a string or the object, so a large answer (a 10,000-row preview is
   * some 24 MB) costs the thread that keeps the window alive neither a copy nor a collection.
   */
  | { type: 'result'; id: number; bytes: Uint8Array }
  | { type: 'progress'; event: ProgressEvent }
  /** The answer to register-file: a Result of a ChosenFile, as JSON text. */
  | { type: 'registered'; id: number; json: string }
  | ({ type: 'desktop'; id: number } & DesktopCall)
  | { type: 'closed' }

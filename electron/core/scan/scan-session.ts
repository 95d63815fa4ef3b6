// A scan session: the pages the reader found, kept in the core's memory (the worker) under an id,
// with their pictures in a folder of this run's temp folder. Nothing of it is in the register.
// A session goes when the user is done (scan.close), when a newer one pushes it out, and when the
// register under it changes wholesale: a restore opens another file (ctx.db changes) and a removal
// after the retention period empties the temp folders (the session's folder is gone).
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { AppError } from '../../../shared/errors.ts'
import type { ScannedPage } from '../../../shared/scan.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'

export interface ScanSession {
  id: string
  db: Db
  /** The session's own folder: the reader's PNGs (the chosen files stay where they lie). */
  dir: string
  /** 'YYYY-MM-DD' */
  scannedOn: string
  /** The chosen files where they lie (name without its folder), in the reader's order. */
  files: { name: string; path: string }[]
  pages: ScannedPage[]
  /** Pages without a (known) code that the user gave to a pupil: page index -> pupil id. */
  assigned: Map<number, number>
  /** Forms (keys) confirmed in this session. */
  confirmed: Set<string>
}

/** More open scans than this: the oldest goes (a scan is checked and confirmed in one sitting). */
const MAX_SESSIONS = 3

const sessions = new WeakMap<CoreContext, Map<string, ScanSession>>()

function sessionsOf(ctx: CoreContext): Map<string, ScanSession> {
  let map = sessions.get(ctx)
  if (!map) {
    map = new Map()
    sessions.set(ctx, map)
  }
  return map
}

export function newSessionId(): string {
  return `s-${randomBytes(8).toString('hex')}`
}

export function keepSession(ctx: CoreContext, session: ScanSession): void {
  const map = sessionsOf(ctx)
  map.set(session.id, session)
  while (map.size > MAX_SESSIONS) {
    const oldest = map.keys().next().value
    if (oldest === undefined) break
    dropSession(ctx, oldest)
  }
}

/** Removes the session and its pictures; true when it was open. */
export function dropSession(ctx: CoreContext, id: string): boolean {
  const map = sessionsOf(ctx)
  const session = map.get(id)
  if (!session) return false
  map.delete(id)
  ctx.temp.remove(session.dir)
  return true
}

/** The open session, or a Dutch refusal when it went (closed, restored, removed). */
export function requireSession(ctx: CoreContext, id: string): ScanSession {
  const session = sessionsOf(ctx).get(id)
  if (session && (session.db !== ctx.db || !existsSync(session.dir))) dropSession(ctx, id)
  const open = sessionsOf(ctx).get(id)
  if (!open) {
    throw new AppError(
      'not_found',
      'Deze scan is niet meer open (afgesloten, of het register is intussen teruggezet of opgeschoond). Wat u al bevestigde, is vastgelegd; de rest niet. Scan de overige formulieren opnieuw.',
    )
  }
  return open
}

export function openSessionCount(ctx: CoreContext): number {
  return sessionsOf(ctx).size
}

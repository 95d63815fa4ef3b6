// Import sessions: the files of one import, read once (imports.open) and kept in the core while
// the wizard analyzes, previews and commits them by the session's id. One session at a time: a new
// imports.open ends the one before; a session unused for an hour ends, and so do all of them on a
// restore or a removal after the retention period (they hold the files' personal data).
import { randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors.ts'
import { UNKNOWN_SESSION_MESSAGE } from '../../../shared/imports.contract.ts'
import type { CoreContext } from '../context.ts'
import type { PreparedFile } from './analyze.ts'

export const SESSION_IDLE_MS = 60 * 60 * 1000

interface Session {
  files: readonly PreparedFile[]
  usedAt: number
}

const sessions = new WeakMap<object, Map<string, Session>>()

// Keyed by the temp folder: one per core, the same object when a restore swaps the database.
function of(ctx: Pick<CoreContext, 'temp'>): Map<string, Session> {
  let map = sessions.get(ctx.temp)
  if (!map) {
    map = new Map()
    sessions.set(ctx.temp, map)
  }
  return map
}

/** Keeps the read files under a new id; every earlier session ends. */
export function openSession(ctx: Pick<CoreContext, 'temp'>, files: readonly PreparedFile[], now = Date.now()): string {
  const map = of(ctx)
  map.clear()
  const id = `s-${randomBytes(18).toString('base64url')}`
  map.set(id, { files, usedAt: now })
  return id
}

/**
 * The session's files, each a fresh copy to prepare (preparing fills in sheets and errors);
 * an unknown or expired session is the Dutch 'choose the files again'.
 */
export function sessionFiles(ctx: Pick<CoreContext, 'temp'>, id: string, now = Date.now()): PreparedFile[] {
  const map = of(ctx)
  const session = map.get(id)
  if (!session || now - session.usedAt > SESSION_IDLE_MS) {
    map.delete(id)
    throw new AppError('not_found', UNKNOWN_SESSION_MESSAGE)
  }
  session.usedAt = now
  return session.files.map((f) => ({ ...f, sheets: [] }))
}

/** Ends every session (a restore, a removal after the retention period). */
export function dropImportSessions(ctx: Pick<CoreContext, 'temp'>): void {
  of(ctx).clear()
}

/** How many sessions the core keeps now (for tests: a restore leaves none). */
export const openSessions = (ctx: Pick<CoreContext, 'temp'>): number => of(ctx).size

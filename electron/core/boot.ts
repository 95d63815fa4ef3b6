import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CoreContext } from './context.ts'
import { createDispatch, type Dispatch } from './dispatch.ts'
import { openDatabase } from './db/open.ts'

export interface Core {
  ctx: CoreContext
  dispatch: Dispatch
  close(): void
}

/** Opens the database (creating its folder) and wires the handler table to it. */
export function openCore(options: { dbPath: string; appVersion: string; now?: () => Date }): Core {
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true })
  const db = openDatabase(options.dbPath)
  const ctx: CoreContext = { db, dbPath: options.dbPath, appVersion: options.appVersion, now: options.now ?? (() => new Date()) }
  return { ctx, dispatch: createDispatch(ctx), close: () => db.close() }
}

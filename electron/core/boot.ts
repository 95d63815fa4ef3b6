import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CoreContext, Desktop } from './context.ts'
import { createDispatch, type Dispatch } from './dispatch.ts'
import { openDatabase } from './db/open.ts'

export interface Core {
  ctx: CoreContext
  dispatch: Dispatch
  close(): void
}

/** Opens the database (creating its folder) and wires the handler table to it. */
export function openCore(options: { dbPath: string; appVersion: string; now?: () => Date; resourcesDir?: string; desktop?: Desktop }): Core {
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true })
  const db = openDatabase(options.dbPath)
  const ctx: CoreContext = { db, dbPath: options.dbPath, appVersion: options.appVersion, now: options.now ?? (() => new Date()) }
  // npm scripts (CLI, web harness, tests) run in the repo root, next to resources/.
  ctx.resourcesDir = options.resourcesDir ?? resolve('resources')
  if (options.desktop) ctx.desktop = options.desktop
  return { ctx, dispatch: createDispatch(ctx), close: () => db.close() }
}

// Statements prepared once per connection: the *.queries.ts files ask here instead of calling
// db.prepare() on every call. The cache is keyed by the connection itself (a WeakMap), so a
// connection opened after a restore or after leaving the demo school prepares its own, and a
// closed connection's statements go with it.
import type { Statement } from 'better-sqlite3'
import type { Db } from './open.ts'

/** How a statement hands back its rows: as objects, the first column only, or as arrays. */
export type RowShape = 'objects' | 'pluck' | 'raw'

const prepared = new WeakMap<Db, Map<string, Statement>>()

/**
 * The statement for `sql` on this connection, prepared the first time it is asked for. A
 * statement that is still being iterated cannot run again until it is done, so a nested use of
 * the same SQL gets a statement of its own, prepared for that use only.
 */
export function statement(db: Db, sql: string, shape: RowShape = 'objects'): Statement {
  let perConnection = prepared.get(db)
  if (!perConnection) {
    perConnection = new Map()
    prepared.set(db, perConnection)
  }
  const key = shape === 'objects' ? sql : `${shape}\u0000${sql}`
  const cached = perConnection.get(key)
  if (cached && !cached.busy) return cached
  const fresh = shaped(db.prepare(sql), shape)
  if (!cached) perConnection.set(key, fresh)
  return fresh
}

function shaped(s: Statement, shape: RowShape): Statement {
  if (shape === 'pluck') return s.pluck()
  if (shape === 'raw') return s.raw()
  return s
}

/** Runs an INSERT of one row (through the cache) and answers the new row's id. */
export function insertRow(db: Db, sql: string, ...params: unknown[]): number {
  return Number(statement(db, sql).run(...params).lastInsertRowid)
}

// The SQL the schema check reads: the objects SQLite keeps for a schema (main, or an attached
// one). It runs on whatever connection is checked — the register, a restore's copy, an in-memory
// reference built from our migrations — once per check, so it is prepared on that connection.
import type Database from 'better-sqlite3'

export interface SchemaRow {
  type: string
  name: string
  table: string
  sql: string | null
}

/** Every row of `schema`.sqlite_master, in the order SQLite keeps them. `schema` is our own name ('main', 'source'). */
export function schemaRows(db: Database.Database, schema: string): SchemaRow[] {
  return db.prepare(`SELECT type, name, tbl_name AS "table", sql FROM "${schema}".sqlite_master ORDER BY rowid`).all() as SchemaRow[]
}

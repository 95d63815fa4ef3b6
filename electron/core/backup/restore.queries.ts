// The SQL a restore runs on the fresh file it builds (never on the register's own connection):
// attach the copy, make our schema's objects, take over each table's rows, detach. That
// connection lives for one restore, so its statements are prepared on it, not cached.
import type { Db } from '../db/open.ts'

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Attaches the copy of the chosen file, read only through `source.` below. */
export function attachCopy(db: Db, path: string): void {
  db.prepare('ATTACH DATABASE ? AS source').run(path)
}

export function detachCopy(db: Db): void {
  db.exec('DETACH DATABASE source')
}

/** Whether the fresh file already has this object (a virtual table's shadow tables come with it). */
export function madeAlready(db: Db): (name: string) => boolean {
  const made = db.prepare(`SELECT 1 FROM main.sqlite_master WHERE name = ?`).pluck()
  return (name) => Boolean(made.get(name))
}

/** Makes one object of our own schema; the SQL text comes from our migrations, never from the copy. */
export function makeSchemaObject(db: Db, sql: string): void {
  db.exec(sql)
}

/** Copies a table's rows from the copy, naming the fresh table's own (not hidden) columns. */
export function copyRows(db: Db, table: string): void {
  const columns = (db.pragma(`main.table_xinfo(${quoted(table)})`) as { name: string; hidden: number }[])
    .filter((c) => c.hidden === 0)
    .map((c) => quoted(c.name))
    .join(', ')
  db.prepare(`INSERT INTO main.${quoted(table)} (${columns}) SELECT ${columns} FROM source.${quoted(table)}`).run()
}

// Is this database's schema exactly one that our migrations produce? Tables, columns, indexes,
// triggers and views are compared, by their SQL text, with a fresh in-memory database migrated to
// the same user_version (made once per version). A file with one extra trigger, a changed view or
// a missing append-only trigger is not ours: it could wipe, rewrite or hang the register on the
// next ordinary save. Generic over the migration list: every version in it is one of ours.
import Database from 'better-sqlite3'
import { migrate } from './migrate.ts'
import { migrations } from './migrations/index.ts'
import { schemaRows } from './schema.queries.ts'

export interface SchemaObject {
  type: string
  name: string
  table: string
  /** Normalised, for comparing. */
  sql: string
  /** As SQLite keeps it, for making the same object again. */
  text: string | null
}

/** What kind of database a file holds, as far as its schema tells. */
export type SchemaVerdict = { kind: 'empty' } | { kind: 'ours'; version: number } | { kind: 'newer'; version: number } | { kind: 'foreign' } | { kind: 'altered'; version: number; extra: string[]; missing: string[] }

/** SQLite's own bookkeeping tables: not part of the schema a migration writes. */
const INTERNAL = /^sqlite_(sequence|stat\d+)$/
/** Around these, white space means nothing. */
const TIGHT = '(),;'

/**
 * Settings for every connection to a file that may come from outside: functions and virtual
 * tables named in the file's schema may not run as a side effect, CHECK constraints hold, and
 * SQLite checks cell sizes while reading (a crafted page is reported, not followed).
 */
export function hardenConnection(db: Database.Database): void {
  db.pragma('trusted_schema = OFF')
  db.pragma('ignore_check_constraints = OFF')
  db.pragma('cell_size_check = ON')
}

/**
 * SQL text with comments left out and white space outside quotes folded to one space, so the
 * same statement compares equal whichever SQLite version wrote it into the file.
 */
export function normaliseSql(sql: string): string {
  let out = ''
  let quote: string | null = null
  let space = false
  const emit = (c: string): void => {
    if (space && out !== '' && !TIGHT.includes(c) && !TIGHT.includes(out.at(-1) ?? '')) out += ' '
    space = false
    out += c
  }
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i] ?? ''
    if (quote) {
      out += c
      if (c === quote) quote = null
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++
      space = true
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 1
      space = true
    } else if (/\s/.test(c)) space = true
    else {
      emit(c)
      if (c === "'" || c === '"' || c === '`') quote = c
      else if (c === '[') quote = ']'
    }
  }
  return out
}

/** Every object of the schema, in the order SQLite keeps them, without SQLite's internal tables. */
export function readSchema(db: Database.Database, schema = 'main'): SchemaObject[] {
  return schemaRows(db, schema)
    .filter((r) => !INTERNAL.test(r.name))
    .map((r) => ({ type: r.type, name: r.name, table: r.table, sql: normaliseSql(r.sql ?? ''), text: r.sql }))
}

const key = (o: SchemaObject): string => `${o.type}\u0000${o.name}\u0000${o.table}\u0000${o.sql}`
const label = (o: SchemaObject): string => `${o.type} ${o.name.replace(/[^\p{L}\p{N}_ -]/gu, '?').slice(0, 60)}`

const expected = new Map<number, SchemaObject[]>()

/** The schema our migrations produce at `version`, from a fresh in-memory database (cached). */
export function expectedSchema(version: number): SchemaObject[] {
  let schema = expected.get(version)
  if (!schema) {
    const db = new Database(':memory:')
    try {
      migrate(db, version)
      schema = readSchema(db)
    } finally {
      db.close()
    }
    expected.set(version, schema)
  }
  return schema
}

/** The user_versions our migrations can leave in a file. */
export const knownVersions = (): number[] => migrations.map((m) => m.version)

/** Compares the file's schema and user_version with ours; reads only, runs nothing of the file. */
export function judgeSchema(db: Database.Database, schema = 'main'): SchemaVerdict {
  const version = db.pragma(`"${schema}".user_version`, { simple: true }) as number
  const actual = readSchema(db, schema)
  const latest = migrations.at(-1)?.version ?? 0
  if (version === 0) return actual.length === 0 ? { kind: 'empty' } : { kind: 'foreign' }
  if (version > latest) return { kind: 'newer', version }
  if (!knownVersions().includes(version)) return { kind: 'foreign' }
  const ours = expectedSchema(version)
  const wanted = new Set(ours.map(key))
  const present = new Set(actual.map(key))
  const extra = actual.filter((o) => !wanted.has(key(o))).map(label)
  const missing = ours.filter((o) => !present.has(key(o))).map(label)
  if (extra.length === 0 && missing.length === 0 && actual.length === ours.length) return { kind: 'ours', version }
  // Not one of our tables left at all: another program that happens to set a user_version.
  const ourTables = new Set(ours.filter((o) => o.type === 'table').map((o) => o.name))
  if (!actual.some((o) => o.type === 'table' && ourTables.has(o.name))) return { kind: 'foreign' }
  return { kind: 'altered', version, extra, missing }
}

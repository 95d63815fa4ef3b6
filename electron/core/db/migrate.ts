import type { Database } from 'better-sqlite3'
import { AppError } from '../../../shared/errors.ts'
import { LATEST_VERSION, migrations, type Migration } from './migrations/index.ts'

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Refuses a database that a newer version of the app has written; it is left untouched. */
export function assertNotNewer(db: Database, latest = LATEST_VERSION): void {
  const version = schemaVersion(db)
  if (version > latest) {
    throw new AppError(
      'db_newer',
      `Deze database is gemaakt met een nieuwere versie van Toestemmingsregister (schema ${version}, deze versie kent tot ${latest}). Installeer de nieuwste versie van het programma. Het bestand is niet gewijzigd.`,
    )
  }
}

/** Brings the schema up to `target`, each migration in its own transaction with its user_version. */
export function migrate(db: Database, target = LATEST_VERSION, list: readonly Migration[] = migrations): number {
  assertNotNewer(db, list.at(-1)?.version ?? 0)
  for (const m of list) {
    if (m.version > target || m.version <= schemaVersion(db)) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  return schemaVersion(db)
}

import type { Db } from './db/open.ts'

/** What every handler gets: the open database and a clock (tests set the clock). */
export interface CoreContext {
  db: Db
  dbPath: string
  appVersion: string
  now: () => Date
}

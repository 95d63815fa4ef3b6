// A stamp that moves whenever the open register changes: a commit by this connection (the
// audit log or consent records grow), a commit by another connection (SQLite's data_version),
// or another file opened in its place (a restore, leaving the demo). The screens poll it.
import type { Db } from './open.ts'
import { ownChanges } from './register.queries.ts'

const generations = new WeakMap<Db, number>()
let opened = 0

export function registerStamp(db: Db): string {
  let generation = generations.get(db)
  if (generation === undefined) {
    generation = ++opened
    generations.set(db, generation)
  }
  try {
    const dataVersion = db.pragma('data_version', { simple: true }) as number
    const own = ownChanges(db)
    return `${generation}:${dataVersion}:${own}`
  } catch {
    // A damaged or unreadable file: the screens say so already; the stamp just stays put.
    return `${generation}:unreadable`
  }
}

import { readFileSync, rmSync, writeFileSync } from 'node:fs'

// While the app has a database open it says so in a small file beside it; the CLI then opens the
// database read-only instead of writing beside the app. A lock left by a crashed app (its process
// is gone) does not count.

export interface LockHolder {
  pid: number
  startedAt: string
}

const lockPath = (dbPath: string): string => `${dbPath}.lock`

/** Whether a process with this id runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Which other, running process holds this database, if any. */
export function lockHolder(dbPath: string): LockHolder | null {
  if (dbPath === ':memory:') return null
  try {
    const holder = JSON.parse(readFileSync(lockPath(dbPath), 'utf8')) as LockHolder
    if (typeof holder.pid !== 'number' || holder.pid === process.pid || !processAlive(holder.pid)) return null
    return holder
  } catch {
    return null
  }
}

/** Marks the database as held by this process; returns the release. */
export function holdLock(dbPath: string, now: Date = new Date()): () => void {
  if (dbPath === ':memory:') return () => undefined
  const file = lockPath(dbPath)
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: now.toISOString() } satisfies LockHolder))
  return () => {
    try {
      const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder
      if (holder.pid === process.pid) rmSync(file, { force: true })
    } catch {
      // already gone
    }
  }
}

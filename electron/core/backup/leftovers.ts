// Files that exist only while a backup or a restore is under way: a backup being copied (.part),
// the copies a restore works on (.restore-*), and a backup being rewritten after a retention removal
// (.herschrijven-*). Each name carries the process id of its maker, so a
// start can remove what a killed process left (a whole copy of the register, with personal data)
// without touching the work of a process that is still running.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { processAlive } from '../db/lock.ts'

/** Also the files SQLite may make beside them. */
const SIDE = '(?:-journal|-wal|-shm)?'
const PARTIAL = new RegExp(`^\\.(?:p(\\d+)-)?toestemmingsregister-.*\\.part${SIDE}$`)
const RESTORE = new RegExp(`^\\.(?:restore|herschrijven)-(\\d+)-.*\\.sqlite${SIDE}$`)

/** Where a backup is copied before it is whole and checked: hidden, with this process's id. */
export function partialPath(file: string): string {
  return join(dirname(file), `.p${process.pid}-${basename(file)}.part`)
}

let staged = 0

/** The two working copies of one restore: the chosen file as it came, and the fresh register filled from it. */
export function restorePaths(dir: string): { source: string; fresh: string } {
  const base = join(dir, `.restore-${process.pid}-${Date.now()}-${++staged}`)
  return { source: `${base}-bron.sqlite`, fresh: `${base}-nieuw.sqlite` }
}

/** The working copy of a backup that is rewritten without removed data. */
export function rewritePath(file: string): string {
  return join(dirname(file), `.herschrijven-${process.pid}-${Date.now()}-${++staged}.sqlite`)
}

/** A file and the journal, WAL and shared-memory files SQLite may have made beside it. */
export function removeWithSideFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true })
}

/** The unfinished files in `dir`, with the process that made them (undefined: a name from before ids were added). */
export function unfinishedFiles(dir: string): { file: string; pid: number | undefined }[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const out: { file: string; pid: number | undefined }[] = []
  for (const name of names) {
    const m = PARTIAL.exec(name) ?? RESTORE.exec(name)
    if (m) out.push({ file: join(dir, name), pid: m[1] === undefined ? undefined : Number(m[1]) })
  }
  return out
}

/**
 * Removes unfinished backup and restore files whose process is gone (and, with `olderThanMs`, also
 * those of a living process id older than that: the id was reused). Returns how many were removed.
 */
export function removeUnfinished(dir: string, options: { olderThanMs?: number } = {}): number {
  let removed = 0
  for (const { file, pid } of unfinishedFiles(dir)) {
    let stale = pid === undefined || (pid !== process.pid && !processAlive(pid))
    if (!stale && options.olderThanMs !== undefined) {
      try {
        stale = Date.now() - statSync(file).mtimeMs > options.olderThanMs
      } catch {
        continue
      }
    }
    if (!stale) continue
    rmSync(file, { force: true })
    removed++
  }
  return removed
}

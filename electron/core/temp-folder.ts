// The one place the app keeps temporary files (documents written only to be opened, a database
// export on its way out, an uploaded backup before it is restored): a folder per run under
// <tmp>/toestemmingsregister/, named after the process, so what is ours is known. The run's folder
// goes when the app closes; at the next start the app removes what earlier runs left. A file a
// viewer still holds open (Windows) cannot be removed: that is left for a later start.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../shared/errors.ts'

export interface TempFolder {
  /** A new, empty folder of its own inside this run's folder (made on first use). */
  newDir(): string
  /** Removes a folder made by newDir(); a failure is ignored (the next start tries again). */
  remove(dir: string): void
  /** Removes this run's folder; what cannot be removed now is left for the next start. */
  removeAll(): void
  /** Removes what earlier runs left (not the folders of a run that is still going); returns how many it removed and kept. */
  removeEarlierRuns(): { removed: number; kept: number }
  /** Removes this run's files and what earlier runs left (a retention removal: any may hold what went); returns how many folders went. */
  removeEverything(): number
}

const RUN = /^run-(\d+)-/
/** Folders earlier versions made straight in the temp folder with mkdtemp; left alone the first hour. */
const EARLIER_VERSION = /^toestemmingsregister-(export-|upload-)?[A-Za-z0-9]{6}$/
const HOUR = 3_600_000

function olderThanAnHour(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > HOUR
  } catch {
    return false
  }
}

/** Whether a process with this id is running (EPERM: it is, but another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function tryRemove(path: string): boolean {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 2, retryDelay: 50 })
    return true
  } catch {
    return false
  }
}

/** The shared root, refused when it is a link or another user's (a shared /tmp on Linux). */
function ensureRoot(root: string): void {
  mkdirSync(root, { recursive: true, mode: 0o700 })
  const stat = lstatSync(root)
  const foreign = typeof process.getuid === 'function' && stat.uid !== process.getuid()
  if (!stat.isDirectory() || foreign) {
    throw new AppError('io', `De map voor tijdelijke bestanden (${root}) is niet van dit programma. Er is niets geopend of gewijzigd. Kies 'Opslaan als', of vraag de beheerder deze map te verwijderen.`)
  }
}

/** `root` defaults to <tmp>/toestemmingsregister, read when first needed (tests set TMPDIR). */
export function createTempFolder(rootDir?: string): TempFolder {
  const root = (): string => rootDir ?? join(tmpdir(), 'toestemmingsregister')
  let run: string | undefined
  return {
    newDir() {
      if (!run) {
        ensureRoot(root())
        run = mkdtempSync(join(root(), `run-${process.pid}-`))
      }
      mkdirSync(run, { recursive: true, mode: 0o700 }) // someone may have emptied the temp folder meanwhile
      return mkdtempSync(join(run, 'f-'))
    },
    remove(dir) {
      tryRemove(dir)
    },
    removeAll() {
      if (run && tryRemove(run)) run = undefined
    },
    removeEverything() {
      let files = 0
      if (run) {
        try {
          files = readdirSync(run).length
        } catch {
          files = 0
        }
        if (tryRemove(run)) run = undefined
        else files = 0
      }
      return files + this.removeEarlierRuns().removed
    },
    removeEarlierRuns() {
      let removed = 0
      let kept = 0
      const sweep = (dir: string, ours: (name: string) => boolean): void => {
        let names: string[]
        try {
          names = readdirSync(dir)
        } catch {
          return // no such folder yet
        }
        for (const name of names) {
          const path = join(dir, name)
          if (!ours(name) || path === run) continue
          const pid = RUN.exec(name)?.[1]
          if (pid !== undefined && Number(pid) !== process.pid && running(Number(pid))) kept++
          else if (tryRemove(path)) removed++
          else kept++
        }
      }
      sweep(root(), () => true)
      if (rootDir === undefined) sweep(tmpdir(), (name) => EARLIER_VERSION.test(name) && olderThanAnHour(join(tmpdir(), name)))
      return { removed, kept }
    },
  }
}

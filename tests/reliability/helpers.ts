// Shared by the reliability tests: a seeded random source, a snapshot of every row, counts, and
// small file systems (tmpfs) that root can mount, fill and make read-only.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { seededRandom } from '../../electron/core/school/seeded-random.ts'

/** A seeded generator, so a failing run can be repeated with its seed. */
export { seededRandom }

/** A whole number from the environment, or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got '${raw}'`)
  return n
}

/** Every row of every table, each as a JSON string: a row that changed is a row that is missing. */
export type Snapshot = Map<string, string[]>

export function snapshot(db: Database.Database): Snapshot {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]
  const out: Snapshot = new Map()
  for (const table of tables) {
    const rows = db
      .prepare(`SELECT * FROM "${table}"`)
      .all()
      .map((r) => JSON.stringify(r))
    out.set(table, rows.sort())
  }
  return out
}

/** The rows of `before` that are not in `after`, per table (changed or removed rows). */
export function missingRows(before: Snapshot, after: Snapshot, tables?: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [table, rows] of before) {
    if (tables && !tables.includes(table)) continue
    const now = new Set(after.get(table) ?? [])
    const gone = rows.filter((r) => !now.has(r))
    if (gone.length > 0) out[table] = gone.slice(0, 3)
  }
  return out
}

/** The rows of `after` that were not in `before`: what a write added or changed. */
export function addedRows(before: Snapshot, after: Snapshot): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [table, rows] of after) {
    const then = new Set(before.get(table) ?? [])
    const n = rows.filter((r) => !then.has(r)).length
    if (n > 0) out[table] = n
  }
  return out
}

export const COUNTED = ['pupils', 'guardians', 'consent_records', 'import_batches', 'import_changes', 'audit_log'] as const
export type Counts = Record<(typeof COUNTED)[number], number>

export function counts(db: Database.Database): Counts {
  const out = {} as Counts
  for (const table of COUNTED) out[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  return out
}

export function integrity(db: Database.Database): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
}

// ---- small file systems ----

/** Why a tmpfs cannot be mounted here, or null when it can (tries one and takes it away again). */
export function whyNoMount(): string | null {
  if (process.platform !== 'linux') return `mount is Linux-only (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root'
  const probe = mkdtempSync(join(tmpdir(), 'tr-mount-probe-'))
  try {
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { encoding: 'utf8' })
    if (r.error) return `mount could not run: ${r.error.message}`
    if (r.status !== 0) return `mount -t tmpfs was refused: ${r.stderr.trim()}`
    spawnSync('umount', [probe])
    return null
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
}

/** Mounts a tmpfs of `size` (e.g. '2m') on a new folder; unmount() takes it away (safe to call twice). */
export function mountTmpfs(prefix: string, size: string): { dir: string; remount(options: 'ro' | 'rw'): void; unmount(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  mkdirSync(dir, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir])
  let mounted = true
  return {
    dir,
    remount: (options) => {
      execFileSync('mount', ['-o', `remount,${options}`, dir])
    },
    unmount: () => {
      if (!mounted) return
      // A lazy unmount also succeeds while a test that failed still has a file open there.
      const r = spawnSync('umount', [dir])
      if (r.status !== 0) spawnSync('umount', ['-l', dir])
      mounted = false
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

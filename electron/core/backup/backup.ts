// Backups beside the database (backups/): made with SQLite's online backup API under a hidden name,
// checked, then named by their UTC stamp and reason; listed newest first; pruned to 14 daily and 20
// others. The names of unfinished copies are in leftovers.ts, the restore in restore.ts.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { createLogger } from '../log.ts'
import { hardenConnection } from '../db/schema-check.ts'
import { partialPath, removeUnfinished, removeWithSideFiles } from './leftovers.ts'

const log = createLogger('backup')

/** Why a backup was made. 'daily' ones are kept 14 deep, the others 20 deep. */
export const BACKUP_REASONS = ['daily', 'manual', 'import', 'undo', 'rollover', 'restore', 'retention'] as const
export type BackupReason = (typeof BACKUP_REASONS)[number]
const KEEP = { daily: 14, events: 20 }

export interface BackupInfo {
  file: string
  name: string
  reason: BackupReason
  createdAt: string
  size: number
}

const NAME = /^toestemmingsregister-(\d{8})-(\d{6})-(\d{3})-([a-z]+)\.sqlite$/

export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups')
}

export function stamp(d: Date): string {
  const iso = d.toISOString() // UTC in the name: sorts and never repeats over a DST change
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`
}

/** A backup's own name says when and why it was made; undefined for any other file, or one gone since. */
function parse(file: string): BackupInfo | undefined {
  const m = NAME.exec(basename(file))
  if (!m || !(BACKUP_REASONS as readonly string[]).includes(m[4] ?? '')) return undefined
  const [d = '', t = '', ms = ''] = [m[1], m[2], m[3]]
  const createdAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${ms}Z`
  try {
    return { file, name: basename(file), reason: m[4] as BackupReason, createdAt, size: statSync(file).size }
  } catch {
    return undefined // removed by another process between the listing and now
  }
}

/** The backups beside this database, newest first by the stamp in their names (not by the order the clock made them). */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDir(dbPath)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((f) => parse(join(dir, f)))
    .filter((b): b is BackupInfo => b !== undefined)
    .sort((a, b) => b.name.localeCompare(a.name))
}

/**
 * A name no backup has yet: the clock's stamp, a millisecond later for each one taken (two backups
 * in the same millisecond, or a clock set back onto an earlier backup's moment).
 */
function freeName(dir: string, now: Date, reason: BackupReason): string {
  for (let t = now.getTime(); ; t++) {
    const file = join(dir, `toestemmingsregister-${stamp(new Date(t))}-${reason}.sqlite`)
    if (!existsSync(file) && !existsSync(partialPath(file))) return file
  }
}

/** PRAGMA integrity_check on a copy, read-only. */
export function verifyBackup(file: string): boolean {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    hardenConnection(db)
    return db.pragma('integrity_check', { simple: true }) === 'ok'
  } catch {
    return false
  } finally {
    db?.close()
  }
}

/**
 * Keeps the newest 14 daily and 20 other backups by their stamps. The backup just made (`made`) is
 * never removed by its own prune. A backup stamped after the clock's `now` can only be from before
 * the clock was set back, so it counts as older than every backup stamped up to now: while the clock
 * is behind, the backups made since are kept, and those from before it went back go first.
 */
function prune(dbPath: string, made: string, now: Date): void {
  const nowIso = now.toISOString()
  const future = (b: BackupInfo): number => (b.createdAt > nowIso ? 1 : 0)
  const others = listBackups(dbPath)
    .filter((b) => b.file !== made)
    .sort((a, b) => future(a) - future(b)) // stable: newest stamp first within each part
  const madeReason = parse(made)?.reason
  const keep = (daily: boolean): number => (daily ? KEEP.daily : KEEP.events) - ((madeReason === 'daily') === daily ? 1 : 0)
  const daily = others.filter((b) => b.reason === 'daily').slice(keep(true))
  const events = others.filter((b) => b.reason !== 'daily').slice(keep(false))
  for (const b of [...daily, ...events]) rmSync(b.file, { force: true })
  // A backup or restore cut short (the app was killed, the power went): it holds personal data.
  removeUnfinished(backupDir(dbPath), { olderThanMs: 86_400_000 })
}

/** The copy has the database's WAL mode; as a file on its own it needs no -wal and -shm files beside it. */
function standalone(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    hardenConnection(db)
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/**
 * Copies the database with SQLite's online backup API into the backups folder beside it, checks
 * the copy, and keeps the newest 14 daily and 20 other backups. Returns null for an in-memory database.
 * The copy is made under a hidden name and gets its own name only when it is whole and checked, so
 * a backup cut short (the app killed, the power gone) is never listed.
 */
export async function backupNow(ctx: Pick<CoreContext, 'db' | 'dbPath' | 'now'>, reason: BackupReason): Promise<BackupInfo | null> {
  if (ctx.dbPath === ':memory:') return null
  const dir = backupDir(ctx.dbPath)
  const file = freeName(dir, ctx.now(), reason)
  const partial = partialPath(file)
  try {
    mkdirSync(dir, { recursive: true })
    await ctx.db.backup(partial)
    standalone(partial)
  } catch (e) {
    removeWithSideFiles(partial)
    log.error(`backup (${reason}) failed`, e)
    throw new AppError('io', `Er kon geen reservekopie worden gemaakt in ${dir}. Er is niets gewijzigd. Controleer of de schijf vol is of de map beveiligd is, en probeer het opnieuw.`)
  }
  if (!verifyBackup(partial)) {
    removeWithSideFiles(partial)
    throw new AppError('io', 'De reservekopie bleek na het maken niet in orde. Er is niets gewijzigd. Probeer het opnieuw.')
  }
  renameSync(partial, file)
  prune(ctx.dbPath, file, ctx.now())
  log.info(`backup made (${reason})`)
  return parse(file) ?? null
}

/**
 * The first start of each day makes a 'daily' backup: one is due when none carries today's date.
 * A clock set back (backups stamped after today) does not stop it; nor does it make one per start.
 */
export async function dailyBackupIfDue(ctx: Pick<CoreContext, 'db' | 'dbPath' | 'now'>): Promise<BackupInfo | null> {
  if (ctx.dbPath === ':memory:') return null
  const today = ctx.now().toISOString().slice(0, 10)
  if (listBackups(ctx.dbPath).some((b) => b.reason === 'daily' && b.createdAt.slice(0, 10) === today)) return null
  return backupNow(ctx, 'daily')
}

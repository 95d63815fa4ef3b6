// Backups hold what a removal took away. Every backup older than the removal is rewritten without
// that data: a copy opened and migrated, the same removal applied by id, VACUUM, checked, then put
// in place under its own name and time; one that cannot be rewritten (damaged) is deleted. The
// backup made just before the removal is the way back from a mistake: it is kept for
// SAFETY_BACKUP_DAYS and deleted at the first start (or removal, or look at the screen) after that.
import { existsSync, readdirSync, renameSync, rmSync, statSync, copyFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { localIsoDate } from '../../../shared/domain.ts'
import { SAFETY_BACKUP_DAYS } from '../../../shared/retention.ts'
import { backupDir, listBackups, verifyBackup, type BackupInfo } from '../backup/backup.ts'
import { removeWithSideFiles, rewritePath } from '../backup/leftovers.ts'
import type { CoreContext } from '../context.ts'
import { openDatabase, type Db } from '../db/open.ts'
import { createLogger } from '../log.ts'
import { applyRemoval, type RemovalPlan } from './removal.ts'
import { vacuum } from './retention.queries.ts'

const log = createLogger('retention')
const DAY = 86_400_000

export interface BackupsAfterRemoval {
  rewritten: string[]
  deleted: string[]
  /** Could be neither rewritten nor deleted (no rights on the folder): the user must act. */
  failed: string[]
}

/** Until when the backup made before a removal is kept: 'YYYY-MM-DD'. */
export const safetyUntil = (b: Pick<BackupInfo, 'createdAt'>): string => localIsoDate(new Date(Date.parse(b.createdAt) + SAFETY_BACKUP_DAYS * DAY))

/** The backups made just before a removal that are still kept, with the day they go. */
export function safetyBackups(dbPath: string): { name: string; until: string }[] {
  if (dbPath === ':memory:') return []
  return listBackups(dbPath)
    .filter((b) => b.reason === 'retention')
    .map((b) => ({ name: b.name, until: safetyUntil(b) }))
}

/** Deletes the backups made before a removal once their period is over; returns their names. */
export function expireSafetyBackups(ctx: Pick<CoreContext, 'dbPath' | 'now'>): string[] {
  if (ctx.dbPath === ':memory:') return []
  const limit = ctx.now().getTime() - SAFETY_BACKUP_DAYS * DAY
  const gone: string[] = []
  for (const b of listBackups(ctx.dbPath).filter((x) => x.reason === 'retention' && Date.parse(x.createdAt) <= limit)) {
    try {
      rmSync(b.file, { force: true })
      gone.push(b.name)
    } catch (e) {
      log.error('an expired safety backup could not be deleted', e)
    }
  }
  if (gone.length > 0) log.info('expired safety backups deleted', { count: gone.length })
  return gone
}

/** Rewrites one backup without the removed data; throws when the copy cannot be opened, changed or checked. */
function rewrite(file: string, plan: RemovalPlan, now: Date, words: readonly string[]): void {
  const work = rewritePath(file)
  const { mtime } = statSync(file)
  copyFileSync(file, work)
  let db: Db | undefined
  try {
    db = openDatabase(work) // our schema, whole, not newer: brought to this version's schema
    const copy = db
    copy.transaction(() => applyRemoval(copy, plan, now, words))()
    vacuum(copy)
    copy.pragma('journal_mode = DELETE')
    copy.close()
    db = undefined
    if (!verifyBackup(work)) throw new Error('rewritten backup failed its check')
    renameSync(work, file)
    utimesSync(file, mtime, mtime)
  } finally {
    db?.close()
    removeWithSideFiles(work)
  }
}

/** Files in the backups folder that are no listed backup: a damaged database kept aside, copies cut short. */
function unlistedCopies(dbPath: string, listed: Set<string>): { keptAside: string[]; leftovers: string[] } {
  const dir = backupDir(dbPath)
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => !listed.has(f)) : []
  return {
    keptAside: files.filter((f) => /^beschadigd-.*\.sqlite$/.test(f)),
    leftovers: files.filter((f) => /^\.(toestemmingsregister-|restore-|herschrijven-)/.test(f)),
  }
}

/**
 * After a removal on the register: every backup except `keep` (the one made just before) is
 * rewritten without the removed data, or deleted when that fails; leftover copies are deleted.
 */
export function removeFromBackups(ctx: Pick<CoreContext, 'dbPath' | 'now'>, plan: RemovalPlan, words: readonly string[], keep: string | null): BackupsAfterRemoval {
  const result: BackupsAfterRemoval = { rewritten: [], deleted: [], failed: [] }
  if (ctx.dbPath === ':memory:') return result
  const backups = listBackups(ctx.dbPath)
  const dir = backupDir(ctx.dbPath)
  const { keptAside, leftovers } = unlistedCopies(ctx.dbPath, new Set(backups.map((b) => b.name)))
  // Older safety backups (still within their period) are rewritten too: they hold this removal's data.
  const copies = [...backups.filter((x) => x.name !== keep).map((b) => ({ file: b.file, name: b.name })), ...keptAside.map((f) => ({ file: join(dir, f), name: f }))]
  for (const b of copies) {
    try {
      rewrite(b.file, plan, ctx.now(), words)
      result.rewritten.push(b.name)
    } catch (e) {
      log.warn('a backup could not be rewritten; it is deleted', { backup: b.name, error: e instanceof Error ? e.message : String(e) })
      deleteFile(b.file, b.name, result)
    }
  }
  for (const f of leftovers) deleteFile(join(dir, f), f, result)
  return result
}

function deleteFile(file: string, name: string, result: BackupsAfterRemoval): void {
  try {
    removeWithSideFiles(file)
    result.deleted.push(name)
  } catch (e) {
    log.error('a backup holding removed data could not be deleted', e)
    result.failed.push(name)
  }
}

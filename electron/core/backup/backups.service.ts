// The Reservekopieën page's work: the list, a backup made by hand, a restore (from the list, an
// uploaded file or a file chosen in the desktop app's dialog), and the whole database as a file.
import { basename } from 'node:path'
import type { ApiParsed } from '../../../shared/api.ts'
import type { BackupsOverview } from '../../../shared/backups.contract.ts'
import type { DocumentResult } from '../../../shared/documents.contract.ts'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { openDatabase } from '../db/open.ts'
import { deliver } from '../documents/deliver.ts'
import { backupDir, backupNow, listBackups } from './backup.ts'
import { restoreFrom, restoreFromBytes } from './restore.ts'
import { chosenFile } from '../chosen-files.ts'
import { dropImportSessions } from '../imports/sessions.ts'

export function backupsOverview(ctx: CoreContext): BackupsOverview {
  return {
    folder: backupDir(ctx.dbPath),
    backups: listBackups(ctx.dbPath).map(({ name, reason, createdAt, size }) => ({ name, reason, createdAt, size })),
  }
}

const reopen = (path: string): CoreContext['db'] => openDatabase(path)

export async function createBackup(ctx: CoreContext): Promise<BackupsOverview> {
  await backupNow(ctx, 'manual')
  return backupsOverview(ctx)
}

/** Restores a backup from the list, by its name. */
export async function restoreBackup(ctx: CoreContext, name: string): Promise<BackupsOverview> {
  const backup = listBackups(ctx.dbPath).find((b) => b.name === name)
  if (!backup) throw new AppError('not_found', 'Deze reservekopie bestaat niet (meer). Vernieuw de lijst.')
  await restoreFrom(ctx, backup.file, reopen)
  dropImportSessions(ctx)
  return backupsOverview(ctx)
}

/**
 * Restores an uploaded file. The upload is written only as the restore's staged copy in the
 * backups folder, removed on every path (and at the next start, when the process was killed):
 * never to the temp folder.
 */
export async function restoreUpload(ctx: CoreContext, input: ApiParsed<'backups.restoreUpload'>): Promise<BackupsOverview> {
  await restoreFromBytes(ctx, Buffer.from(input.data, 'base64'), input.fileName, reopen)
  dropImportSessions(ctx)
  return backupsOverview(ctx)
}

/** Restores a file the user chooses in the desktop app's open dialog; cancelling changes nothing. */
export async function restoreChosen(ctx: CoreContext): Promise<BackupsOverview & { restoredFrom: string | null }> {
  if (!ctx.desktop?.chooseOpenPath) throw new AppError('validation', 'Kies het bestand hier met de knop; dit kan alleen in het programma zelf.')
  const file = await ctx.desktop.chooseOpenPath('Reservekopie of database terugzetten', [{ name: 'Database van Toestemmingsregister', extensions: ['sqlite', 'db'] }])
  if (!file) return { ...backupsOverview(ctx), restoredFrom: null }
  await restoreFrom(ctx, file, reopen)
  dropImportSessions(ctx)
  return { ...backupsOverview(ctx), restoredFrom: basename(file) }
}

/** Restores a file chosen earlier (main's open dialog, a dropped file, the harness's upload), read where it lies. */
export async function restoreChosenFile(ctx: CoreContext, token: string): Promise<BackupsOverview & { restoredFrom: string; safetyBackup: string | null }> {
  const file = chosenFile(ctx, token)
  const safety = await restoreFrom(ctx, file.path, reopen)
  dropImportSessions(ctx)
  return { ...backupsOverview(ctx), restoredFrom: file.name, safetyBackup: safety?.file ?? null }
}

/**
 * The whole database as a file, straight from SQLite's pages in memory: no copy of the register
 * is written to the temp folder, so none can be left there when the process is killed.
 */
export function exportDatabase(ctx: CoreContext, input: ApiParsed<'backups.export'>): Promise<DocumentResult> {
  const bytes = ctx.db.serialize()
  const fileName = `toestemmingsregister-${localIsoDate(ctx.now())}.sqlite`
  return deliver(ctx, input.delivery, { fileName, mimeType: 'application/vnd.sqlite3', count: 1, countLabel: 'database', bytes })
}

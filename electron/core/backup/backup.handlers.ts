// The backups methods: list and make backups, restore one (from the list or an uploaded file), and
// export the whole database.
import type { BackupsOutputs, BackupsOverview } from '../../../shared/backups.contract.ts'
import { basename } from 'node:path'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { openDatabase } from '../db/open.ts'
import { deliver } from '../documents/deliver.ts'
import type { HandlersFor } from '../handler-types.ts'
import { backupDir, backupNow, listBackups } from './backup.ts'
import { restoreFrom, restoreFromBytes } from './restore.ts'
import { chosenFile } from '../chosen-files.ts'
import { dropImportSessions } from '../imports/sessions.ts'

function overview(ctx: CoreContext): BackupsOverview {
  return {
    folder: backupDir(ctx.dbPath),
    backups: listBackups(ctx.dbPath).map(({ name, reason, createdAt, size }) => ({ name, reason, createdAt, size })),
  }
}

const reopen = (path: string): CoreContext['db'] => openDatabase(path)

/**
 * A whole copy of the database as bytes, straight from SQLite's pages in memory: no copy of the
 * register is written to the temp folder, so none can be left there when the process is killed.
 */
function exportBytes(ctx: CoreContext): Buffer {
  return ctx.db.serialize()
}

export const backupsHandlers: HandlersFor<keyof BackupsOutputs> = {
  'backups.list': (ctx) => overview(ctx),
  'backups.create': async (ctx) => {
    await backupNow(ctx, 'manual')
    return overview(ctx)
  },
  'backups.restore': async (ctx, input) => {
    const backup = listBackups(ctx.dbPath).find((b) => b.name === input.name)
    if (!backup) throw new AppError('not_found', 'Deze reservekopie bestaat niet (meer). Vernieuw de lijst.')
    await restoreFrom(ctx, backup.file, reopen)
    dropImportSessions(ctx)
    return overview(ctx)
  },
  // The upload is written only as the restore's staged copy in the backups folder, removed on every
  // path (and at the next start, when the process was killed): never to the temp folder.
  'backups.restoreUpload': async (ctx, input) => {
    await restoreFromBytes(ctx, Buffer.from(input.data, 'base64'), input.fileName, reopen)
    dropImportSessions(ctx)
    return overview(ctx)
  },
  'backups.restoreChosen': async (ctx) => {
    if (!ctx.desktop?.chooseOpenPath) throw new AppError('validation', 'Kies het bestand hier met de knop; dit kan alleen in het programma zelf.')
    const file = await ctx.desktop.chooseOpenPath('Reservekopie of database terugzetten', [{ name: 'Database van Toestemmingsregister', extensions: ['sqlite', 'db'] }])
    if (!file) return { ...overview(ctx), restoredFrom: null }
    await restoreFrom(ctx, file, reopen)
    dropImportSessions(ctx)
    return { ...overview(ctx), restoredFrom: basename(file) }
  },
  'backups.restoreFile': async (ctx, input) => {
    const file = chosenFile(ctx, input.token)
    const safety = await restoreFrom(ctx, file.path, reopen)
    dropImportSessions(ctx)
    return { ...overview(ctx), restoredFrom: file.name, safetyBackup: safety?.file ?? null }
  },
  'backups.export': async (ctx, input) => {
    const bytes = exportBytes(ctx)
    const fileName = `toestemmingsregister-${localIsoDate(ctx.now())}.sqlite`
    return deliver(ctx, input.delivery, { fileName, mimeType: 'application/vnd.sqlite3', count: 1, countLabel: 'database', bytes })
  },
}

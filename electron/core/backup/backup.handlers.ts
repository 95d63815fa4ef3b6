import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupsOutputs, BackupsOverview } from '../../../shared/backups.contract.ts'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { openDatabase } from '../db/open.ts'
import { deliver } from '../documents/deliver.ts'
import type { HandlersFor } from '../handler-types.ts'
import { backupDir, backupNow, listBackups, restoreFrom } from './backup.ts'

function overview(ctx: CoreContext): BackupsOverview {
  return {
    folder: backupDir(ctx.dbPath),
    backups: listBackups(ctx.dbPath).map(({ name, reason, createdAt, size }) => ({ name, reason, createdAt, size })),
  }
}

const reopen = (path: string): CoreContext['db'] => openDatabase(path)

/** A whole copy of the database, made with the online backup API, as bytes. */
async function exportBytes(ctx: CoreContext): Promise<Buffer> {
  const dir = ctx.temp.newDir()
  try {
    const file = join(dir, 'export.sqlite')
    await ctx.db.backup(file)
    return readFileSync(file)
  } finally {
    ctx.temp.remove(dir)
  }
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
    return overview(ctx)
  },
  'backups.restoreUpload': async (ctx, input) => {
    const dir = ctx.temp.newDir()
    try {
      const file = join(dir, 'upload.sqlite')
      writeFileSync(file, Buffer.from(input.data, 'base64'))
      await restoreFrom(ctx, file, reopen)
    } finally {
      ctx.temp.remove(dir)
    }
    return overview(ctx)
  },
  'backups.export': async (ctx, input) => {
    const bytes = await exportBytes(ctx)
    const fileName = `toestemmingsregister-${localIsoDate(ctx.now())}.sqlite`
    return deliver(ctx, input.delivery, { fileName, mimeType: 'application/vnd.sqlite3', count: 1, countLabel: 'database', bytes })
  },
}

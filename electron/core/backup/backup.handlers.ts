// The backups methods: each maps its input to one service call (backups.service.ts).
import type { BackupsOutputs } from '../../../shared/backups.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { backupsOverview, createBackup, exportDatabase, restoreBackup, restoreChosen, restoreChosenFile, restoreUpload } from './backups.service.ts'

export const backupsHandlers: HandlersFor<keyof BackupsOutputs> = {
  'backups.list': (ctx) => backupsOverview(ctx),
  'backups.create': (ctx) => createBackup(ctx),
  'backups.restore': (ctx, input) => restoreBackup(ctx, input.name),
  'backups.restoreUpload': (ctx, input) => restoreUpload(ctx, input),
  'backups.restoreChosen': (ctx) => restoreChosen(ctx),
  'backups.restoreFile': (ctx, input) => restoreChosenFile(ctx, input.token),
  'backups.export': (ctx, input) => exportDatabase(ctx, input),
}

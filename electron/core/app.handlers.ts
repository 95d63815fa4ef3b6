// Handlers for the app's own methods: what it tells about itself, cancelling a running job,
// and asking the desktop for files to read.
import type { AppOutputs } from '../../shared/app.contract.ts'
import type { FilesOutputs } from '../../shared/files.contract.ts'
import type { JobsOutputs } from '../../shared/jobs.contract.ts'
import { chooseFiles } from './chosen-files.ts'
import { schemaVersion } from './db/migrate.ts'
import { registerStamp } from './db/register-stamp.ts'
import type { HandlersFor } from './handler-types.ts'
import { cancelJob } from './progress.ts'
import { READ_ONLY_MESSAGES } from './read-only.ts'
import { getSettings } from './settings/settings.service.ts'

export const appHandlers: HandlersFor<keyof AppOutputs | keyof JobsOutputs | keyof FilesOutputs> = {
  'app.info': (ctx) => ({
    version: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    setupDone: getSettings(ctx).setupDone,
    readOnly: ctx.readOnly ? { reason: ctx.readOnly, message: READ_ONLY_MESSAGES[ctx.readOnly] } : null,
    startupWarnings: ctx.startupWarnings ?? [],
    registerStamp: registerStamp(ctx.db),
  }),
  'jobs.cancel': (ctx, input) => ({ running: cancelJob(ctx, input.progressId) }),
  'files.choose': (ctx, input) => chooseFiles(ctx, input.purpose),
}

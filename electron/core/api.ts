// The handler table: one function per method of shared/api.ts. Every door (IPC, CLI, HTTP)
// calls these through dispatch(), so all three run the same code.
import type { ApiOutput, ApiParsed, Method } from '../../shared/api.ts'
import type { CoreContext } from './context.ts'
import { schemaVersion } from './db/migrate.ts'
import { listGroups, listPupils } from './pupils/pupils.queries.ts'
import { setupSchool } from './school/school.service.ts'
import { currentSchoolYearId, getSettings, updateSettings } from './settings/settings.service.ts'

export type Handlers = {
  [M in Method]: (ctx: CoreContext, input: ApiParsed<M>) => ApiOutput<M> | Promise<ApiOutput<M>>
}

export const handlers: Handlers = {
  'app.info': (ctx) => ({
    version: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    setupDone: getSettings(ctx).setupDone,
  }),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, input) => updateSettings(ctx, input),
  'school.setup': (ctx, input) => setupSchool(ctx, input),
  'groups.list': (ctx) => listGroups(ctx.db, currentSchoolYearId(ctx)),
  'pupils.list': (ctx, input) => listPupils(ctx.db, currentSchoolYearId(ctx), input.groupId),
}

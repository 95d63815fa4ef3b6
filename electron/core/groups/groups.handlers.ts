// Handlers for the groups of the current school year.
import type { GroupsOutputs } from '../../../shared/groups.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { groupOverview, groupsOfCurrentYear, saveGroup } from './groups.service.ts'

export const groupsHandlers: HandlersFor<keyof GroupsOutputs> = {
  'groups.list': (ctx) => groupsOfCurrentYear(ctx),
  'groups.save': (ctx, input) => saveGroup(ctx, input),
  'groups.overview': (ctx) => groupOverview(ctx),
}

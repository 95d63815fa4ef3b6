// The groups of the current school year: the list, saving one, and the overview per group.
import type { GroupOverview, GroupSummary } from './domain.ts'
import { groupSchema, none } from './schemas-base.ts'

export const groupsSchemas = {
  'groups.list': none,
  'groups.save': groupSchema,
  'groups.overview': none,
}

export interface GroupsOutputs {
  'groups.list': GroupSummary[]
  'groups.save': GroupSummary
  'groups.overview': GroupOverview
}

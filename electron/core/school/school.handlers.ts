// Handlers for setting up the school and leaving the demo school.
import type { SchoolOutputs } from '../../../shared/school.contract.ts'
import { openDatabase } from '../db/open.ts'
import type { HandlersFor } from '../handler-types.ts'
import { leaveDemo, setupSchool } from './school.service.ts'

export const schoolHandlers: HandlersFor<keyof SchoolOutputs> = {
  'school.setup': (ctx, input) => setupSchool(ctx, input),
  'school.leaveDemo': (ctx) => leaveDemo(ctx, (path) => openDatabase(path)),
}

// Handlers for the purposes consent is asked for.
import type { PurposesOutputs } from '../../../shared/purposes.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { listPurposes, savePurpose } from './purposes.service.ts'

export const purposesHandlers: HandlersFor<keyof PurposesOutputs> = {
  'purposes.list': (ctx, input) => listPurposes(ctx.db, input.includeInactive),
  'purposes.save': (ctx, input) => savePurpose(ctx, input),
}

import type { SchoolyearOutputs } from '../../../shared/schoolyear.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { removeDue, retentionOverview, setRetentionPeriods } from '../retention/retention.service.ts'
import { applyRollover, rolloverPreview } from './rollover.service.ts'

export const schoolyearHandlers: HandlersFor<keyof SchoolyearOutputs> = {
  'schoolyear.rolloverPreview': (ctx) => rolloverPreview(ctx),
  'schoolyear.rollover': (ctx, input) => applyRollover(ctx, input),
  'retention.overview': (ctx) => retentionOverview(ctx),
  'retention.setPeriods': (ctx, input) => setRetentionPeriods(ctx, input.periods),
  'retention.remove': (ctx, input) => removeDue(ctx, input.items),
}

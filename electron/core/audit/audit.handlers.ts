// Handlers for the Logboek and the raw audit entries.
import type { AuditOutputs } from '../../../shared/audit.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { auditPage } from './audit-page.ts'
import { listAudit } from './audit.queries.ts'

export const auditHandlers: HandlersFor<keyof AuditOutputs> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
  'audit.page': (ctx, input) => auditPage(ctx.db, input),
}

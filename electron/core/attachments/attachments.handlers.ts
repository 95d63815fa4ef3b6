// Handlers for reading an attached file back.
import type { AttachmentsOutputs } from '../../../shared/attachments.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { getAttachment } from './attachments.service.ts'

export const attachmentsHandlers: HandlersFor<keyof AttachmentsOutputs> = {
  'attachments.get': (ctx, input) => getAttachment(ctx.db, input.id),
}

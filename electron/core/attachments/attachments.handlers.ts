// Handlers for a kept file: opened, saved or handed back (kept-files.ts).
import type { AttachmentsOutputs } from '../../../shared/attachments.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { deliverAttachment } from './kept-files.ts'

export const attachmentsHandlers: HandlersFor<keyof AttachmentsOutputs> = {
  'attachments.get': (ctx, input) => deliverAttachment(ctx, input),
}

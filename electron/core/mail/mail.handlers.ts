// The mail methods: each maps its input to one service call.
import type { MailOutputs } from '../../../shared/mail.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { deliverMail } from '../attachments/kept-files.ts'
import { addMailToDossier, previewMail, recordFromMail } from './mail.service.ts'

export const mailHandlers: HandlersFor<keyof MailOutputs> = {
  'mail.read': (ctx, input) => previewMail(ctx, input),
  'mail.record': (ctx, input) => recordFromMail(ctx, input),
  'mail.addToDossier': (ctx, input) => addMailToDossier(ctx, input),
  'mail.get': (ctx, input) => deliverMail(ctx, input),
}

// An attached file (a signed form, a scan) read back with its contents, to show or save.
import { z } from 'zod'
import type { AttachmentMeta } from './domain.ts'
import { id } from './schemas-base.ts'

export const attachmentsSchemas = {
  'attachments.get': z.strictObject({ id }),
}

export interface AttachmentsOutputs {
  'attachments.get': AttachmentMeta & { data: string }
}

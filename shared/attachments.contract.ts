// A file kept in a pupil's file (a signed form's scan, a dossier letter) opened, saved or, without a
// desktop, handed back: delivered as a made document is (documents.contract.ts's Delivery), so the
// bytes never reach the page in the desktop app.
import { z } from 'zod'
import { deliverySchema, type DocumentResult } from './documents.contract.ts'
import { id } from './schemas-base.ts'

export const attachmentsSchemas = {
  'attachments.get': z.strictObject({ id, delivery: deliverySchema }),
}

export interface AttachmentsOutputs {
  /** Count 1, countLabel 'bestand'; a cancelled save is { delivered: 'cancelled' }. */
  'attachments.get': DocumentResult
}

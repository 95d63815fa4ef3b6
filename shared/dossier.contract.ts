// A pupil's dossier: letters, notes and scans kept with the pupil, listed and saved.
import { z } from 'zod'
import type { DossierEntry } from './domain.ts'
import { dossierEntrySchema, id } from './schemas-base.ts'

export const dossierSchemas = {
  'dossier.list': z.strictObject({ pupilId: id }),
  'dossier.save': dossierEntrySchema,
}

export interface DossierOutputs {
  'dossier.list': DossierEntry[]
  'dossier.save': DossierEntry
}

// Setting up the school on first start (empty or the demo school) and leaving the demo school.
import { z } from 'zod'
import type { Settings } from './domain.ts'
import { none, safeText } from './schemas-base.ts'

export const schoolSchemas = {
  'school.setup': z.strictObject({
    mode: z.enum(['empty', 'demo'], 'Kies een lege school of de demoschool.'),
    schoolName: z.string().trim().max(200).superRefine(safeText()).optional(),
    /** Who works with the register on this computer: every change is recorded under this name. */
    staffName: z.string().trim().max(200, 'Uw naam is te lang.').superRefine(safeText()).optional(),
  }),
  'school.leaveDemo': none,
}

export interface SchoolOutputs {
  'school.setup': Settings
  'school.leaveDemo': Settings
}

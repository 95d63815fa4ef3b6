import { z } from 'zod'
import { safeText } from './schemas-base.ts'
import { RETENTION_KINDS, type RetentionOverview, type RetentionResult } from './retention.ts'
import { ROLLOVER_STEPS, type RolloverPreview, type RolloverResult } from './schoolyear.ts'

const id = z.number().int().positive()
const months = z.number('Vul een aantal maanden in.').int('Vul een heel aantal maanden in.').min(1, 'Een termijn is minstens 1 maand.').max(1200, 'Een termijn is hoogstens 100 jaar.')
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Vul een datum in als dd-mm-jjjj.')
const groupName = z.string().trim().min(1, 'Geef elke groep van volgend jaar een naam.').max(40, 'De naam van de groep is te lang.').superRefine(safeText())
const level = z.number().int().min(1, 'Een leerjaar is 1 tot en met 8.').max(8, 'Een leerjaar is 1 tot en met 8.')

export const schoolyearSchemas = {
  'schoolyear.rolloverPreview': z.strictObject({}),
  'schoolyear.rollover': z.strictObject({
    toYear: z.string().regex(/^\d{4}-\d{4}$/),
    leavingDate: isoDate,
    leavingReason: z.string().trim().max(200, 'De reden is te lang.').superRefine(safeText()).default(''),
    /** Next year's groups, exactly as the preview showed them after the user's edits. */
    groups: z
      .array(
        z.strictObject({
          name: groupName,
          teacherName: z.string().trim().max(200).superRefine(safeText()).default(''),
          teacherEmail: z.union([z.literal(''), z.email('Dit e-mailadres klopt niet.')]).default(''),
          levels: z.array(level).max(8),
        }),
      )
      .min(1, 'Volgend jaar heeft minstens één groep nodig.')
      .max(200),
    /** Every pupil of the preview: what happens and the group next year (null: leaves). */
    pupils: z.array(z.strictObject({ pupilId: id, step: z.enum(ROLLOVER_STEPS), target: z.string().trim().max(40).nullable() })).max(20_000),
    /** What happens to consent rounds still open; required when there is one. */
    openRounds: z.enum(['close', 'carry']).optional(),
  }),
  'retention.overview': z.strictObject({}),
  'retention.setPeriods': z.strictObject({
    /** The periods sent; one left out keeps its value. */
    periods: z.strictObject({ contact: months.optional(), dossier: months.optional(), consent: months.optional(), pupil: months.optional() }),
  }),
  'retention.remove': z.strictObject({
    items: z
      .array(z.strictObject({ pupilId: id, kinds: z.array(z.enum(RETENTION_KINDS)).min(1).max(4) }))
      .min(1, 'Kies wat er verwijderd moet worden.')
      .max(10_000),
  }),
} as const

export interface SchoolyearOutputs {
  'schoolyear.rolloverPreview': RolloverPreview
  'schoolyear.rollover': RolloverResult
  'retention.overview': RetentionOverview
  'retention.setPeriods': RetentionOverview
  'retention.remove': RetentionResult
}

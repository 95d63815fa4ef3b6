// One zod schema per API method: the input every door (IPC, CLI, HTTP) validates.
// Messages are Dutch and say what to do; they are shown at the field.
import { z } from 'zod'

// zod's own messages (for fields without a message of ours) in Dutch too.
z.config(z.locales.nl())

const MAX_TEXT = 10_000

const none = z.strictObject({})

export const schoolYearSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{4}$/, 'Schrijf het schooljaar als 2026-2027.')
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'Een schooljaar loopt over twee opeenvolgende jaren, bijvoorbeeld 2026-2027.')

export const settingsPatchSchema = z.strictObject({
  schoolName: z.string().trim().min(1, 'Vul de naam van de school in.').max(200, 'De naam van de school is te lang (hoogstens 200 tekens).').optional(),
  schoolYear: schoolYearSchema.optional(),
  staffName: z.string().trim().max(200, 'De naam is te lang (hoogstens 200 tekens).').optional(),
})

export const inputSchemas = {
  'app.info': none,
  'settings.get': none,
  'settings.update': settingsPatchSchema,
  'school.setup': z.strictObject({
    mode: z.enum(['empty', 'demo'], 'Kies een lege school of de demoschool.'),
    schoolName: z.string().trim().max(200).optional(),
  }),
  'groups.list': none,
  'pupils.list': z.strictObject({
    groupId: z.number().int().positive().optional(),
    query: z.string().max(MAX_TEXT).optional(),
  }),
} as const

export type Method = keyof typeof inputSchemas

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(inputSchemas, name)
}

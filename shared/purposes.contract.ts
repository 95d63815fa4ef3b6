// The purposes consent is asked for (photos on the website, the school trip video, ...).
import { z } from 'zod'
import type { Purpose } from './domain.ts'
import { purposeSchema } from './schemas-base.ts'

export const purposesSchemas = {
  'purposes.list': z.strictObject({ includeInactive: z.boolean().default(false) }),
  'purposes.save': purposeSchema,
}

export interface PurposesOutputs {
  'purposes.list': Purpose[]
  'purposes.save': Purpose
}

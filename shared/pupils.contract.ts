// Pupils that may already be in the register, checked before a pupil is added by hand: the same
// name (folded: accents, case and spacing aside) and birth date, or the same student number.
import { z } from 'zod'

export const pupilsSchemas = {
  'pupils.duplicates': z.strictObject({
    firstName: z.string().max(100),
    lastNamePrefix: z.string().max(40).default(''),
    lastName: z.string().max(100),
    birthDate: z.string().max(10).nullable().default(null),
    studentNumber: z.string().max(40).default(''),
  }),
}

export interface PossibleDuplicate {
  id: number
  name: string
  groupName: string | null
  birthDate: string | null
  studentNumber: string | null
  leftOn: string | null
  /** Why it may be the same child. */
  reason: 'name_and_birth_date' | 'student_number'
}

export const DUPLICATE_REASONS: Record<PossibleDuplicate['reason'], string> = {
  name_and_birth_date: 'zelfde naam en geboortedatum',
  student_number: 'zelfde leerlingnummer',
}

export interface PupilsOutputs {
  'pupils.duplicates': PossibleDuplicate[]
}

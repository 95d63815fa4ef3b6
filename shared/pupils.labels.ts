// Why a pupil may already be in the register, in Dutch; without zod (see pupils.contract.ts).

export type DuplicateReason = 'name_and_birth_date' | 'student_number'

export const DUPLICATE_REASONS: Record<DuplicateReason, string> = {
  name_and_birth_date: 'zelfde naam en geboortedatum',
  student_number: 'zelfde leerlingnummer',
}

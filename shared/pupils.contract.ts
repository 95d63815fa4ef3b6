// Pupils that may already be in the register, checked before a pupil is added by hand: the same
// name (folded: accents, case and spacing aside) and birth date, or the same student number; and
// the pupil list filtered in the core, with its whole count beside it; listing, finding, reading
// and saving a pupil.
import { z } from 'zod'
import type { PupilDetail, PupilHit, PupilSummary } from './domain.ts'
import type { DuplicateReason } from './pupils.labels.ts'
import { id, pupilSchema } from './schemas-base.ts'

export * from './pupils.labels.ts'

export const pupilsSchemas = {
  'pupils.consentSummary': z.strictObject({ groupId: z.number().int().positive().optional() }),
  'pupils.list': z.strictObject({
    groupId: z.number().int().positive().optional(),
    includeLeft: z.boolean().default(false),
  }),
  'pupils.search': z.strictObject({
    query: z.string().max(200),
    includeLeft: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  'pupils.get': z.strictObject({ id }),
  'pupils.save': pupilSchema,
  'pupils.duplicates': z.strictObject({
    firstName: z.string().max(100),
    lastNamePrefix: z.string().max(40).default(''),
    lastName: z.string().max(100),
    birthDate: z.string().max(10).nullable().default(null),
    studentNumber: z.string().max(40).default(''),
  }),
  'pupils.filter': z.strictObject({
    groupId: z.number().int().positive().optional(),
    includeLeft: z.boolean().default(false),
    /** Words that must each start a part of the name or the student number; '' lists all. */
    query: z.string().max(200).default(''),
  }),
  /** The same filter, answered with the pupils' ids only: the screen has the rows already, so a keystroke moves little. */
  'pupils.matching': z.strictObject({
    groupId: z.number().int().positive().optional(),
    includeLeft: z.boolean().default(false),
    query: z.string().max(200),
  }),
}

export interface FilteredPupils {
  /** The pupils that match, in Dutch name order. */
  pupils: PupilSummary[]
  /** How many there are without the words (same group, same choice of left pupils). */
  total: number
}

export interface PossibleDuplicate {
  id: number
  name: string
  groupName: string | null
  birthDate: string | null
  studentNumber: string | null
  leftOn: string | null
  /** Why it may be the same child. */
  reason: DuplicateReason
}

export interface PupilsOutputs {
  'pupils.list': PupilSummary[]
  /** Per pupil id: for how many active purposes the answer is refused, missing, or to be asked again. */
  'pupils.consentSummary': Record<number, { refused: number; unknown: number; askAgain: number }>
  'pupils.search': PupilHit[]
  'pupils.get': PupilDetail
  'pupils.save': PupilDetail
  'pupils.duplicates': PossibleDuplicate[]
  'pupils.filter': FilteredPupils
  /** Ids of the matching pupils in the list's order, and how many the whole list has. */
  'pupils.matching': { ids: number[]; total: number }
}

// Parents and guardians: saving one, finding one to link, and linking or unlinking a pupil.
import { z } from 'zod'
import type { Guardian, PupilDetail } from './domain.ts'
import { guardianSchema, id, text } from './schemas-base.ts'

export const guardiansSchemas = {
  'guardians.save': guardianSchema,
  'guardians.search': z.strictObject({ query: z.string().max(200) }),
  'guardians.link': z.strictObject({ pupilId: id, guardianId: id, relation: text(40, 'De relatie is te lang.').default('') }),
  'guardians.unlink': z.strictObject({ pupilId: id, guardianId: id }),
}

export interface GuardiansOutputs {
  'guardians.save': Guardian
  'guardians.search': (Guardian & { pupils: string })[]
  'guardians.link': PupilDetail
  'guardians.unlink': PupilDetail
}

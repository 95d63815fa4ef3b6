// Long jobs (an import's reading and checking, a batch of PDFs): stopping one by the progress id
// it was started with. Its progress reaches the screen as events (see renderer/src/api.ts).
import { z } from 'zod'

export * from './jobs.labels.ts'

export const jobsSchemas = {
  'jobs.cancel': z.strictObject({ progressId: z.string().regex(/^[\w-]{1,80}$/, 'Ongeldige voortgangscode.') }),
} as const

export interface JobsOutputs {
  /** `running`: the job was running when asked; it stops at its next step that writes nothing. */
  'jobs.cancel': { running: boolean }
}

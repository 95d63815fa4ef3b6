// Long jobs (an import's reading and checking, a batch of PDFs): stopping one by the progress id
// it was started with. Its progress reaches the screen as events (see renderer/src/api.ts).
import { z } from 'zod'

/** What a stopped job answers (code 'cancelled'); the wizard says the same when the answer came too late to stop and is dropped. */
export const JOB_CANCELLED_MESSAGE = 'Gestopt op uw verzoek. Er is niets opgeslagen of gewijzigd. U kunt opnieuw beginnen wanneer u wilt.'

export const jobsSchemas = {
  'jobs.cancel': z.strictObject({ progressId: z.string().regex(/^[\w-]{1,80}$/, 'Ongeldige voortgangscode.') }),
} as const

export interface JobsOutputs {
  /** `running`: the job was running when asked; it stops at its next step that writes nothing. */
  'jobs.cancel': { running: boolean }
}

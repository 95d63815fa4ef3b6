import { AppError } from '../../shared/errors.ts'
import type { CoreContext } from './context.ts'

// What a user is told when the database may only be read.
export const READ_ONLY_MESSAGES = {
  locked:
    'Het programma Toestemmingsregister heeft deze database open. Hier kan nu alleen worden gelezen; er is niets gewijzigd. Sluit het programma en probeer het opnieuw.',
  damaged:
    'De database is beschadigd. Om niets kwijt te raken wordt er niets opgeslagen. Zet de nieuwste goede reservekopie terug via Instellingen > Reservekopieën.',
} as const

export function readOnlyError(ctx: CoreContext): AppError {
  return new AppError('read_only', READ_ONLY_MESSAGES[ctx.readOnly ?? 'locked'])
}

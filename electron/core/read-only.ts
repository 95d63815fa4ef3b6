import { AppError } from '../../shared/errors.ts'
import type { CoreContext } from './context.ts'

// What a user is told when the database may only be read.
export const READ_ONLY_MESSAGES = {
  locked: 'Het programma Toestemmingsregister heeft deze database open. Hier kan nu alleen worden gelezen; er is niets gewijzigd. Sluit het programma en probeer het opnieuw.',
  damaged: 'De database is beschadigd. Om niets kwijt te raken wordt er niets opgeslagen. Zet de nieuwste goede reservekopie terug op de pagina Reservekopieën.',
  unwritable:
    'De database staat in een map of bestand dat alleen te lezen is. U kunt alles inzien, maar er kan niets worden opgeslagen; er is niets gewijzigd. Vraag de beheerder om schrijfrechten op de map van de database (of zet de database in een andere map) en start het programma opnieuw.',
} as const

/** SQLite refused a write. Without a known reason the file or folder became write-protected while open. */
export function readOnlyError(ctx?: Pick<CoreContext, 'readOnly'>): AppError {
  return new AppError('read_only', READ_ONLY_MESSAGES[ctx?.readOnly ?? 'unwritable'])
}

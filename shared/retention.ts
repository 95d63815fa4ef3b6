// Retention after a pupil leaves: per kind of data, how long it is kept, and why.

export const RETENTION_KINDS = ['contact', 'dossier', 'consent', 'pupil'] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]

export const RETENTION_INFO: Record<RetentionKind, { label: string; what: string; defaultMonths: number; basis: string }> = {
  contact: {
    label: 'Contactgegevens van ouders/verzorgers',
    what: 'e-mailadressen en telefoonnummers van ouders/verzorgers die geen kind meer op school hebben',
    defaultMonths: 12,
    basis: 'Niet langer nodig na vertrek: AVG artikel 5 lid 1 onder e (opslagbeperking).',
  },
  dossier: {
    label: 'Leerlingdossier',
    what: 'notities, correspondentie en bijlagen in het dossier',
    defaultMonths: 24,
    basis: 'Gangbare termijn van twee jaar na vertrek (voorheen artikel 19 Vrijstellingsbesluit Wbp), tenzij er een reden is om langer te bewaren.',
  },
  consent: {
    label: 'Toestemmingen en bewijs',
    what: 'alle vastgelegde antwoorden met bronnen en scans van formulieren',
    defaultMonths: 24,
    basis: 'Bewijs dat toestemming is gegeven (AVG artikel 7 lid 1), zolang beelden van de leerling nog in omloop kunnen zijn, bijvoorbeeld in de schoolgids.',
  },
  pupil: {
    label: 'Leerling en logboek',
    what: 'naam, geboortedatum, groepen, koppelingen met ouders en het logboek van deze leerling',
    defaultMonths: 24,
    basis: 'Wat overblijft gaat weg zodra het niet meer nodig is: AVG artikel 5 lid 1 onder e. Staat nooit korter dan de andere termijnen.',
  },
}

export type RetentionPeriods = Record<RetentionKind, number>

export interface RetentionDue {
  pupilId: number
  name: string
  leftOn: string
  /** Per kind that is due: since when, and how many items go. */
  kinds: { kind: RetentionKind; dueSince: string; items: number }[]
}

/**
 * The backup made just before a removal still holds what was removed: it is the way back from a
 * mistake, kept this many days, then deleted at the next start. Every older backup is rewritten
 * without the removed data at once (or deleted when it cannot be rewritten).
 */
export const SAFETY_BACKUP_DAYS = 7

export const SAFETY_BACKUP_TEXT =
  `Vlak vóór het verwijderen maakt het programma een reservekopie. Daarin staan de verwijderde gegevens nog, zodat u een vergissing kunt herstellen: ` +
  `die kopie blijft ${SAFETY_BACKUP_DAYS} dagen bewaard en wordt daarna bij de eerste start gewist. ` +
  'Alle oudere reservekopieën worden meteen herschreven zonder de verwijderde gegevens; een kopie die niet te herschrijven is (beschadigd), wordt gewist.'

export interface RetentionOverview {
  generatedAt: string
  periods: RetentionPeriods
  due: RetentionDue[]
  /** Backups made just before a removal, still holding removed data, and the day they are deleted ('YYYY-MM-DD'). */
  safetyBackups: { name: string; until: string }[]
}

export interface RetentionResult {
  /** The backup made just before the removal (it still holds the data until safetyBackupUntil). */
  backup: string | null
  safetyBackupUntil: string | null
  pupilsRemoved: number
  counts: Record<RetentionKind, number>
  /** Older backups, rewritten without the removed data, under their own name. */
  backupsRewritten: string[]
  /** Backups that could not be rewritten (damaged), and copies left over, deleted. */
  backupsDeleted: string[]
  /** Backups that could be neither rewritten nor deleted. */
  backupsFailed: string[]
  /** What happened, in Dutch, for the screen. */
  message: string
}

/** 'YYYY-MM-DD' plus some months (the last day of a shorter month when needed). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

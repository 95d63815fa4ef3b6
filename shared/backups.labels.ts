// Why a backup was made, in Dutch for the Reservekopieën screen; without zod (see backups.contract.ts).

/** The moment a backup was made for. */
export type BackupReason = 'daily' | 'manual' | 'import' | 'undo' | 'rollover' | 'restore' | 'retention'

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  daily: 'Dagelijks',
  manual: 'Met de hand',
  import: 'Voor een import',
  undo: 'Voor het ongedaan maken van een import',
  rollover: 'Voor de overgang naar een nieuw schooljaar',
  restore: 'Voor het terugzetten van een reservekopie',
  retention: 'Voor het verwijderen na de bewaartermijn',
}

// The Logboek's kinds of change in Dutch, for its filter; without zod (see audit.contract.ts).

/** Kinds of change a user filters on; each covers a few internal actions. */
export const AUDIT_KINDS = {
  consent: 'Toestemming',
  pupil: 'Gegevens van leerlingen',
  guardian: 'Ouders/verzorgers',
  dossier: 'Dossier',
  import: 'Importeren',
  schoolyear: 'Schooljaar en bewaartermijn',
  setup: 'Inrichting (school, groepen, doelen, instellingen)',
} as const
export type AuditKind = keyof typeof AUDIT_KINDS

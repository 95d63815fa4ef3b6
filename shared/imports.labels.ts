// The import's limits, field names and Dutch labels, without zod: the wizard's screens use these,
// the contract (imports.contract.ts) builds its schemas on them.
import type { Decision } from './domain.ts'

/** Files larger than this are refused (per file, with a Dutch message); the others still go through. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024
export const MAX_IMPORT_FILES = 500

export function fileTooLargeMessage(size: number): string {
  const mb = (size / (1024 * 1024)).toFixed(size >= 10 * 1024 * 1024 ? 0 : 1).replace('.', ',')
  return `Het bestand is te groot (${mb} MB); de grens is ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB. Een bestand met inschrijvingen is meestal veel kleiner: controleer of u het goede bestand koos, of verdeel de leerlingen over meer bestanden.`
}

export const PUPIL_FIELDS = ['studentNumber', 'firstName', 'lastNamePrefix', 'lastName', 'fullName', 'birthDate', 'group', 'yearLevel'] as const
export type PupilField = (typeof PUPIL_FIELDS)[number]
export const GUARDIAN_FIELDS = ['name', 'firstName', 'initials', 'lastNamePrefix', 'lastName', 'email', 'phone', 'relation'] as const
export type GuardianField = (typeof GUARDIAN_FIELDS)[number]
export const MAX_GUARDIANS = 4

/** What one column (table) or one label (filled-in form) of a file means. */
export type ColumnTarget =
  | { kind: 'ignore' }
  | { kind: 'pupil'; field: PupilField }
  | { kind: 'guardian'; guardian: number; field: GuardianField }
  /** One answer (Ja/Nee/X/...) that holds for these purposes (codes). */
  | { kind: 'consent'; purposes: string[] }
  /**
   * A multi-select answer listing the purposes chosen ('Website;Nieuwsbrief;'): chosen ones are
   * granted, the other `purposes` refused; an empty cell is no answer. `options` maps each answer
   * text (as analyze lists it) to the purposes it grants; [] for a text that grants none ('Geen').
   */
  | { kind: 'consentList'; purposes: string[]; options: Record<string, string[]> }

export const PUPIL_FIELD_LABELS: Record<PupilField, string> = {
  studentNumber: 'Leerlingnummer',
  firstName: 'Roepnaam',
  lastNamePrefix: 'Tussenvoegsel',
  lastName: 'Achternaam',
  fullName: 'Volledige naam',
  birthDate: 'Geboortedatum',
  group: 'Groep',
  yearLevel: 'Leerjaar',
}
export const GUARDIAN_FIELD_LABELS: Record<GuardianField, string> = {
  name: 'Naam',
  firstName: 'Voornaam',
  initials: 'Voorletters',
  lastNamePrefix: 'Tussenvoegsel',
  lastName: 'Achternaam',
  email: 'E-mail',
  phone: 'Telefoon',
  relation: 'Relatie',
}

/** A mapping target in Dutch, for dropdowns and lists ('E-mail ouder/verzorger 2'). */
export function targetLabel(target: ColumnTarget, purposeLabel: (code: string) => string = (c) => c): string {
  switch (target.kind) {
    case 'ignore':
      return 'Niet gebruiken'
    case 'pupil':
      return PUPIL_FIELD_LABELS[target.field]
    case 'guardian':
      return `${GUARDIAN_FIELD_LABELS[target.field]} ouder/verzorger ${target.guardian}`
    case 'consent':
      return `Toestemming ${target.purposes.map(purposeLabel).join(', ')}`
    case 'consentList':
      return `Toestemming (keuzelijst): ${target.purposes.map(purposeLabel).join(', ')}`
  }
}

/** An answer as the preview's sentences say it. */
export const DECISION_WORDS: Record<Decision, string> = { granted: 'toestemming', refused: 'geweigerd', unknown: 'geen antwoord' }

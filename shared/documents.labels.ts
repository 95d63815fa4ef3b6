// What the document settings screen names and limits, without zod (see documents.contract.ts).

/** Who parents reach for questions, for withdrawing consent and for their rights: on the form and the dossier. */
export const SCHOOL_CONTACT_FIELDS = ['schoolAddress', 'schoolEmail', 'schoolPhone', 'privacyOfficer', 'privacyStatement'] as const
export type SchoolContactField = (typeof SCHOOL_CONTACT_FIELDS)[number]
export type SchoolContact = Record<SchoolContactField, string>

/** The most characters of the consent form's intro text: it must fit on the form. */
export const MAX_FORM_INTRO = 1200

/** What the screen says when a batch of forms was stopped with Stoppen (the core answered 'cancelled'). */
export const PRINT_STOPPED_MESSAGE = 'Het afdrukken is gestopt op uw verzoek. Er is geen bestand gemaakt en er is niets opgeslagen of vastgelegd. U kunt opnieuw beginnen wanneer u wilt.'

// Printed documents: consent forms, no-consent lists, class lists for the group app, pupil files;
// and the settings that go on them (the form's intro text, the school's logo).
import { z } from 'zod'
import { MAX_FORM_INTRO, type SchoolContact } from './documents.labels.ts'
import { fileTokenSchema } from './files.contract.ts'
import { safeText } from './schemas-base.ts'

export * from './documents.labels.ts'

const id = z.number('Kies eerst een leerling, groep of doel.').int().positive()
const ids = (max: number) => z.array(id).max(max)

/**
 * How the bytes reach the user. 'save': a save dialog, then written atomically; 'open': written to
 * a temporary file and opened in the system's viewer (print from there). Without a desktop (the
 * web harness, the CLI) every delivery returns the bytes as base64.
 */
export const DELIVERIES = ['save', 'open', 'data'] as const
export type Delivery = (typeof DELIVERIES)[number]
/** A method's delivery; left out, 'data' (what the CLI and the harness use). */
export const deliverySchema = z.enum(DELIVERIES).default('data')
const delivery = deliverySchema

/** A caller-chosen name to follow a long batch of forms while it runs (its progress events) and to stop it (jobs.cancel). */
export const progressIdSchema = z.string().regex(/^[\w-]{8,64}$/, 'Ongeldige voortgangscode.')

/** Purposes that are not about pictures: never on the list 'wie mag niet op de foto'. */
export const NOT_ABOUT_IMAGES: readonly string[] = ['contact_list']

export const MAX_LOGO_BYTES = 2 * 1024 * 1024
export const LOGO_TOO_LARGE_MESSAGE = 'Het logo is groter dan 2 MB. Het is niet opgeslagen; het logo dat er stond blijft. Kies een kleiner bestand.'

export const documentsSchemas = {
  'documents.consentForms': z.strictObject({
    /** None: the whole school. */
    groupIds: ids(200).optional(),
    /** Specific pupils (the pupil page); wins over groupIds. */
    pupilIds: ids(5000).optional(),
    /** Only pupils without a current answer (or asked again) for one of `purposeIds` (all active purposes when left out). */
    onlyWithoutAnswer: z.boolean().default(false),
    purposeIds: ids(200).optional(),
    delivery,
    progressId: progressIdSchema.optional(),
  }),
  'documents.noConsentList': z.strictObject({
    groupIds: ids(200).min(1, 'Kies minstens één groep.'),
    purposeIds: ids(200).optional(),
    eventName: z.string().trim().max(120, 'De naam van de activiteit is te lang (hoogstens 120 tekens).').superRefine(safeText()).default(''),
    /** The filter of the Geen toestemming screen: both kinds of 'no', or one of them. */
    only: z.enum(['both', 'refused', 'unknown'], 'Kies geweigerd, geen antwoord of beide.').default('both'),
    delivery,
  }),
  'documents.classList': z.strictObject({
    groupId: id,
    /** bcc: the e-mail addresses of the guardians who are not in the group app, to paste into BCC. */
    format: z.enum(['pdf', 'csv', 'vcf', 'bcc'], 'Kies PDF, CSV, vCard of de lijst met e-mailadressen.').default('pdf'),
    delivery,
  }),
  'documents.dossier': z.strictObject({
    pupilId: id,
    /** The guardian who asked (AVG art. 15): the other guardian's contact details are then left out, and the document says so. */
    requesterGuardianId: id.optional(),
    format: z.enum(['pdf', 'zip'], 'Kies PDF of ZIP.').default('pdf'),
    delivery,
  }),
  'documents.progress': z.strictObject({ progressId: progressIdSchema }),
  'documents.settings': z.strictObject({}),
  'documents.saveSettings': z.strictObject({
    schoolAddress: z.string().trim().max(200, 'Het adres is te lang (hoogstens 200 tekens).').superRefine(safeText(true)).optional(),
    schoolEmail: z.string().trim().max(120, 'Het e-mailadres is te lang.').superRefine(safeText()).optional(),
    schoolPhone: z.string().trim().max(40, 'Het telefoonnummer is te lang.').superRefine(safeText()).optional(),
    /** Name and how to reach them: 'Mw. J. de Boer, fg@stichting.nl'. */
    privacyOfficer: z.string().trim().max(200, 'De gegevens van de functionaris zijn te lang (hoogstens 200 tekens).').superRefine(safeText()).optional(),
    /** Where parents find the privacy statement: a web address or 'in de schoolgids'. */
    privacyStatement: z.string().trim().max(200, 'De verwijzing naar de privacyverklaring is te lang (hoogstens 200 tekens).').superRefine(safeText()).optional(),
    formIntro: z.string().trim().max(MAX_FORM_INTRO, `De tekst is te lang (hoogstens ${MAX_FORM_INTRO} tekens). Houd hem kort: hij moet op het formulier passen.`).superRefine(safeText(true)).optional(),
    /** A new logo (PNG or JPG) by the token it was chosen or dropped under (files.contract.ts), or null to remove it. */
    logo: z.strictObject({ token: fileTokenSchema }).nullable().optional(),
  }),
} as const

export interface DocumentFile {
  fileName: string
  mimeType: string
  /** Pages of a PDF; cards in a vCard; rows in a CSV. */
  count: number
  /** 'pagina's', 'contactkaarten', 'regels' */
  countLabel: string
}

export type DocumentResult = (DocumentFile & { delivered: 'saved' | 'opened'; path: string }) | (DocumentFile & { delivered: 'data'; data: string }) | { delivered: 'cancelled' }

export interface DocumentSettings extends SchoolContact {
  formIntro: string
  /** The text printed when formIntro is empty. */
  defaultFormIntro: string
  logo: { mimeType: 'image/png' | 'image/jpeg'; size: number; data: string } | null
}

export interface DocumentsOutputs {
  'documents.consentForms': DocumentResult
  'documents.noConsentList': DocumentResult
  'documents.classList': DocumentResult
  'documents.dossier': DocumentResult
  'documents.progress': { done: number; total: number; running: boolean }
  'documents.settings': DocumentSettings
  'documents.saveSettings': DocumentSettings
}

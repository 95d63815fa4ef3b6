// Field-level schemas shared by the contract's method schemas (shared/schemas.ts and the
// feature contracts). Messages are Dutch and say what to do; they are shown at the field.
import { z } from 'zod'
import { CONSENT_SOURCES, DECISIONS } from './domain.ts'
import { chosenFileSchema } from './files.contract.ts'
import { unsafeTextMessage } from './safe-text.ts'
import { id, saveSchema } from './save-schema.ts'

// zod's own messages (for fields without a message of ours) in Dutch too, and in plain words
// where the locale speaks of 'undefined' or 'keys'.
z.config(z.locales.nl())
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'Dit veld is verplicht: vul het in.'
    if (issue.code === 'unrecognized_keys') return `Onbekend veld: ${issue.keys.join(', ')}. Laat dit veld weg.`
    return undefined
  },
})

export const MAX_TEXT = 10_000

export const none = z.strictObject({})

export const schoolYearSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{4}$/, 'Schrijf het schooljaar als 2026-2027.')
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'Een schooljaar loopt over twee opeenvolgende jaren, bijvoorbeeld 2026-2027.')

/** A refinement for text that goes into documents: no control or bidi characters (see safe-text.ts). */
export const safeText =
  (multiline = false) =>
  (s: string, ctx: z.RefinementCtx) => {
    const message = unsafeTextMessage(s, multiline)
    if (message) ctx.addIssue({ code: 'custom', message })
  }

export const settingsPatchSchema = z.strictObject({
  schoolName: z.string().trim().min(1, 'Vul de naam van de school in.').max(200, 'De naam van de school is te lang (hoogstens 200 tekens).').superRefine(safeText()).optional(),
  schoolYear: schoolYearSchema.optional(),
  staffName: z.string().trim().max(200, 'De naam is te lang (hoogstens 200 tekens).').superRefine(safeText()).optional(),
})

export { id, version } from './save-schema.ts'
/** One line of text (a name, a title); `multilineText` for notes and letters. */
export const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).superRefine(safeText())
export const multilineText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).superRefine(safeText(true))

/** A real calendar date written YYYY-MM-DD (the screens turn dd-mm-jjjj into this). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Vul een datum in als dd-mm-jjjj.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'Deze datum bestaat niet. Controleer dag en maand.')

/** A date that may be empty: '' or null clears it. */
export const optionalDate = z
  .union([z.literal(''), isoDate])
  .nullable()
  .optional()

export const emailSchema = z.union([z.literal(''), z.email('Dit e-mailadres klopt niet. Schrijf het als naam@voorbeeld.nl.').max(254)])

const pupilFields = {
  firstName: text(100, 'De roepnaam is te lang.').min(1, 'Vul de roepnaam in.'),
  lastNamePrefix: text(40, 'Het tussenvoegsel is te lang.').default(''),
  lastName: text(100, 'De achternaam is te lang.').min(1, 'Vul de achternaam in.'),
  birthDate: optionalDate,
  studentNumber: text(40, 'Het leerlingnummer is te lang.').optional(),
  groupId: id.nullable().optional(),
  yearLevel: z.number('Kies een leerjaar van 1 tot en met 8.').int().min(1, 'Kies een leerjaar van 1 tot en met 8.').max(8, 'Kies een leerjaar van 1 tot en met 8.').nullable().optional(),
  /** Sent false when the office confirms an estimated year level. */
  yearLevelUnsure: z.boolean().optional(),
  enrolledOn: optionalDate,
  leftOn: optionalDate,
  leavingReason: text(500, 'De reden is te lang.').optional(),
}
export const pupilSchema = saveSchema(pupilFields)

const guardianFields = {
  /** Link a new guardian to this pupil; for an existing one, the relation is saved for this pupil. */
  pupilId: id.optional(),
  name: text(200, 'De naam is te lang.').min(1, 'Vul de naam van de ouder/verzorger in.'),
  relation: text(40, 'De relatie is te lang.').default(''),
  email: z.string().trim().pipe(emailSchema).default(''),
  phone: text(40, 'Het telefoonnummer is te lang.')
    .refine((s) => s === '' || /^[+()\d\s\-./]{6,}$/.test(s), 'Dit telefoonnummer klopt niet. Gebruik alleen cijfers, spaties, + en -.')
    .default(''),
  inGroupApp: z.boolean().default(true),
  preferredChannel: z.enum(['app', 'email']).default('app'),
}
export const guardianSchema = saveSchema(guardianFields)

/**
 * The answers of one recording, at the desk or from a mail: per purpose granted or refused, at
 * least one, at most 100. `purposeId` is the caller's id schema (with its own message).
 */
export const decisionsSchema = (purposeId: typeof id) =>
  z
    .array(z.strictObject({ purposeId, decision: z.enum(DECISIONS) }))
    .min(1, 'Kies bij minstens één doel een antwoord.')
    .max(100)

export const consentRecordSchema = z.strictObject({
  pupilId: id,
  decisions: decisionsSchema(id),
  guardianId: id.nullable().default(null),
  effectiveFrom: isoDate,
  source: z.enum(CONSENT_SOURCES, 'Kies hoe het antwoord binnenkwam.'),
  sourceDetail: text(300, 'De omschrijving van de bron is te lang.').default(''),
  note: multilineText(MAX_TEXT, 'De notitie is te lang.').default(''),
  /** The scan of the signed form, by the token it was chosen or dropped under; the core reads and checks it. */
  attachment: chosenFileSchema.optional(),
  /** The consentStamp of the grid the user saw; a newer change in between is refused. */
  consentStamp: z.number().int().nonnegative().optional(),
})

const purposeFields = {
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'Gebruik voor de code kleine letters, cijfers en _, bijvoorbeeld schoolreis.')
    .optional(),
  label: text(120, 'De naam van het doel is te lang.').min(1, 'Vul de naam van het doel in.'),
  description: multilineText(1000, 'De omschrijving is te lang.').default(''),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().default(true),
}
/** rowVersion: purposes.version is the wording's version (answers to an older one are asked again). */
export const purposeSchema = saveSchema(purposeFields, { versionKey: 'rowVersion', createOnly: ['code'] })

const groupFields = {
  name: text(40, 'De naam van de groep is te lang.').min(1, "Vul de naam van de groep in, bijvoorbeeld '1/2a' of '8b'."),
  teacherName: text(200, 'De naam is te lang.').default(''),
  teacherEmail: z.string().trim().pipe(emailSchema).default(''),
}
export const groupSchema = saveSchema(groupFields)

const dossierEntryFields = {
  pupilId: id,
  entryDate: isoDate,
  kind: text(40, 'Het soort is te lang.').min(1, 'Kies het soort stuk.'),
  title: text(200, 'De titel is te lang.').min(1, 'Vul een titel in.'),
  body: multilineText(MAX_TEXT * 10, 'De tekst is te lang.').default(''),
  /** Files to keep with the entry, by their tokens; the core reads and checks each. */
  attachments: z.array(chosenFileSchema).max(10, 'Voeg hoogstens 10 bijlagen tegelijk toe. Er is niets opgeslagen.').default([]),
}
export const dossierEntrySchema = saveSchema(dossierEntryFields, { kept: ['pupilId'] })

// One zod schema per API method: the input every door (IPC, CLI, HTTP) validates.
// Messages are Dutch and say what to do; they are shown at the field.
import { z } from 'zod'
import { consentRecordSchema, dossierEntrySchema, groupSchema, guardianSchema, id, none, pupilSchema, purposeSchema, safeText, settingsPatchSchema, text } from './schemas-base.ts'
import { importsSchemas } from './imports.contract.ts'
import { schoolyearSchemas } from './schoolyear.contract.ts'
import { backupsSchemas } from './backups.contract.ts'
import { campaignsSchemas } from './campaigns.contract.ts'
import { documentsSchemas } from './documents.contract.ts'
import { noConsentSchemas } from './no-consent.contract.ts'
import { mailSchemas } from './mail.contract.ts'
import { auditSchemas } from './audit.contract.ts'
import { pupilsSchemas } from './pupils.contract.ts'
import { jobsSchemas } from './jobs.contract.ts'
import { filesSchemas } from './files.contract.ts'
import { scanSchemas } from './scan.contract.ts'

export * from './schemas-base.ts'

export const inputSchemas = {
  'app.info': none,
  'settings.get': none,
  'settings.update': settingsPatchSchema,
  'school.setup': z.strictObject({
    mode: z.enum(['empty', 'demo'], 'Kies een lege school of de demoschool.'),
    schoolName: z.string().trim().max(200).superRefine(safeText()).optional(),
    /** Who works with the register on this computer: every change is recorded under this name. */
    staffName: z.string().trim().max(200, 'Uw naam is te lang.').superRefine(safeText()).optional(),
  }),
  'school.leaveDemo': none,
  'groups.list': none,
  'groups.save': groupSchema,
  'groups.overview': none,
  'pupils.consentSummary': z.strictObject({ groupId: z.number().int().positive().optional() }),
  'pupils.list': z.strictObject({
    groupId: z.number().int().positive().optional(),
    includeLeft: z.boolean().default(false),
  }),
  'pupils.search': z.strictObject({
    query: z.string().max(200),
    includeLeft: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  'pupils.get': z.strictObject({ id }),
  'pupils.save': pupilSchema,
  'guardians.save': guardianSchema,
  'guardians.search': z.strictObject({ query: z.string().max(200) }),
  'guardians.link': z.strictObject({ pupilId: id, guardianId: id, relation: text(40, 'De relatie is te lang.').default('') }),
  'guardians.unlink': z.strictObject({ pupilId: id, guardianId: id }),
  'purposes.list': z.strictObject({ includeInactive: z.boolean().default(false) }),
  'purposes.save': purposeSchema,
  'consent.record': consentRecordSchema,
  'consent.history': z.strictObject({ pupilId: id }),
  'consent.noConsentList': z.strictObject({
    groupIds: z.array(id).max(200).optional(),
    purposeIds: z.array(id).max(200).optional(),
    /** Only refused, only no answer, or both (left out: both). */
    only: z.enum(['both', 'refused', 'unknown'], 'Kies geweigerd, geen antwoord of beide.').optional(),
  }),
  'dossier.list': z.strictObject({ pupilId: id }),
  'dossier.save': dossierEntrySchema,
  'attachments.get': z.strictObject({ id }),
  'audit.list': z.strictObject({
    pupilId: id.optional(),
    beforeId: id.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
  ...schoolyearSchemas,
  ...backupsSchemas,
  ...campaignsSchemas,
  ...documentsSchemas,
  ...noConsentSchemas,
  ...mailSchemas,
  ...auditSchemas,
  ...pupilsSchemas,
  ...importsSchemas,
  ...jobsSchemas,
  ...filesSchemas,
  ...scanSchemas,
} as const

export type Method = keyof typeof inputSchemas

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(inputSchemas, name)
}

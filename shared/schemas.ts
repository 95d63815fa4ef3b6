// One zod schema per API method, combined from the feature contracts (shared/<feature>.contract.ts):
// the input every door (IPC, CLI, HTTP) validates. A method name two features define is refused.
import { appSchemas } from './app.contract.ts'
import { attachmentsSchemas } from './attachments.contract.ts'
import { auditSchemas } from './audit.contract.ts'
import { backupsSchemas } from './backups.contract.ts'
import { campaignsSchemas } from './campaigns.contract.ts'
import { combineTables } from './combine.ts'
import { consentSchemas } from './consent.contract.ts'
import { documentsSchemas } from './documents.contract.ts'
import { dossierSchemas } from './dossier.contract.ts'
import { filesSchemas } from './files.contract.ts'
import { groupsSchemas } from './groups.contract.ts'
import { guardiansSchemas } from './guardians.contract.ts'
import { importsSchemas } from './imports.contract.ts'
import { jobsSchemas } from './jobs.contract.ts'
import { mailSchemas } from './mail.contract.ts'
import { pupilsSchemas } from './pupils.contract.ts'
import { purposesSchemas } from './purposes.contract.ts'
import { scanSchemas } from './scan.contract.ts'
import { schoolSchemas } from './school.contract.ts'
import { schoolyearSchemas } from './schoolyear.contract.ts'
import { settingsSchemas } from './settings.contract.ts'

export * from './schemas-base.ts'

export const inputSchemas = combineTables('inputSchemas', [
  appSchemas,
  settingsSchemas,
  schoolSchemas,
  groupsSchemas,
  pupilsSchemas,
  guardiansSchemas,
  purposesSchemas,
  consentSchemas,
  dossierSchemas,
  attachmentsSchemas,
  auditSchemas,
  schoolyearSchemas,
  backupsSchemas,
  campaignsSchemas,
  documentsSchemas,
  mailSchemas,
  importsSchemas,
  jobsSchemas,
  filesSchemas,
  scanSchemas,
])

export type Method = keyof typeof inputSchemas

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(inputSchemas, name)
}

// The handler table: the feature handler tables (<feature>/<feature>.handlers.ts) combined into one
// function per method of shared/api.ts. Every door (IPC, CLI, HTTP) calls these through dispatch(),
// so all three run the same code. A method name two features define is refused at start.
import { combineTables } from '../../shared/combine.ts'
import { appHandlers } from './app.handlers.ts'
import { attachmentsHandlers } from './attachments/attachments.handlers.ts'
import { auditHandlers } from './audit/audit.handlers.ts'
import { backupsHandlers } from './backup/backup.handlers.ts'
import { campaignsHandlers } from './campaigns/campaigns.handlers.ts'
import { consentHandlers } from './consent/consent.handlers.ts'
import { documentsHandlers } from './documents/documents.handlers.ts'
import { dossierHandlers } from './dossier/dossier.handlers.ts'
import { groupsHandlers } from './groups/groups.handlers.ts'
import { guardiansHandlers } from './guardians/guardians.handlers.ts'
import { importsHandlers } from './imports/imports.handlers.ts'
import { mailHandlers } from './mail/mail.handlers.ts'
import { pupilsHandlers } from './pupils/pupils.handlers.ts'
import { purposesHandlers } from './purposes/purposes.handlers.ts'
import { scanHandlers } from './scan/scan.handlers.ts'
import { schoolHandlers } from './school/school.handlers.ts'
import { schoolyearHandlers } from './schoolyear/schoolyear.handlers.ts'
import { settingsHandlers } from './settings/settings.handlers.ts'

import type { Handlers } from './handler-types.ts'

export type { Handlers } from './handler-types.ts'

export const handlers: Handlers = combineTables('handlers', [
  appHandlers,
  settingsHandlers,
  schoolHandlers,
  groupsHandlers,
  pupilsHandlers,
  guardiansHandlers,
  purposesHandlers,
  consentHandlers,
  dossierHandlers,
  attachmentsHandlers,
  auditHandlers,
  schoolyearHandlers,
  backupsHandlers,
  campaignsHandlers,
  documentsHandlers,
  importsHandlers,
  mailHandlers,
  scanHandlers,
])

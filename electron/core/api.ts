// The handler table: one function per method of shared/api.ts. Every door (IPC, CLI, HTTP)
// calls these through dispatch(), so all three run the same code.
import { getAttachment } from './attachments/attachments.service.ts'
import { auditPage } from './audit/audit-page.ts'
import { listAudit } from './audit/audit.queries.ts'
import { consentHistory, consentSummary, noConsentList, recordConsent } from './consent/consent.service.ts'
import { schemaVersion } from './db/migrate.ts'
import { openDatabase } from './db/open.ts'
import { registerStamp } from './db/register-stamp.ts'
import { READ_ONLY_MESSAGES } from './read-only.ts'
import { documentsHandlers } from './documents/documents.handlers.ts'
import { listDossier, saveDossierEntry } from './dossier/dossier.service.ts'
import { importsHandlers } from './imports/imports.handlers.ts'
import { mailHandlers } from './mail/mail.handlers.ts'
import { groupOverview, groupsOfCurrentYear, saveGroup } from './groups/groups.service.ts'
import { linkGuardian, saveGuardian, searchGuardians, unlinkGuardian } from './guardians/guardians.service.ts'
import { listPurposes, savePurpose } from './purposes/purposes.service.ts'
import { listPupils } from './pupils/pupils.queries.ts'
import { findDuplicates } from './pupils/duplicates.ts'
import { getPupil, savePupil } from './pupils/pupils.service.ts'
import { filterPupils, matchingPupils, searchPupils } from './pupils/pupil-search.ts'
import { leaveDemo, setupSchool } from './school/school.service.ts'
import { schoolyearHandlers } from './schoolyear/schoolyear.handlers.ts'
import { backupsHandlers } from './backup/backup.handlers.ts'
import { campaignsHandlers } from './campaigns/campaigns.handlers.ts'
import { scanHandlers } from './scan/scan.handlers.ts'
import { schoolYearId, getSettings, updateSettings } from './settings/settings.service.ts'
import { cancelJob } from './progress.ts'
import { chooseFiles } from './chosen-files.ts'

import type { Handlers } from './handler-types.ts'

export type { Handlers } from './handler-types.ts'

export const handlers: Handlers = {
  'app.info': (ctx) => ({
    version: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    setupDone: getSettings(ctx).setupDone,
    readOnly: ctx.readOnly ? { reason: ctx.readOnly, message: READ_ONLY_MESSAGES[ctx.readOnly] } : null,
    startupWarnings: ctx.startupWarnings ?? [],
    registerStamp: registerStamp(ctx.db),
  }),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, input) => updateSettings(ctx, input),
  'school.setup': (ctx, input) => setupSchool(ctx, input),
  'school.leaveDemo': (ctx) => leaveDemo(ctx, (path) => openDatabase(path)),
  'groups.list': (ctx) => groupsOfCurrentYear(ctx),
  'groups.save': (ctx, input) => saveGroup(ctx, input),
  'groups.overview': (ctx) => groupOverview(ctx),
  'pupils.list': (ctx, input) => listPupils(ctx.db, schoolYearId(ctx), input.groupId, input.includeLeft),
  'pupils.consentSummary': (ctx, input) => consentSummary(ctx, input.groupId),
  'pupils.search': (ctx, input) => searchPupils(ctx, input),
  'pupils.get': (ctx, input) => getPupil(ctx, input.id),
  'pupils.save': (ctx, input) => savePupil(ctx, input),
  'guardians.save': (ctx, input) => saveGuardian(ctx, input),
  'guardians.search': (ctx, input) => searchGuardians(ctx, input.query),
  'guardians.link': (ctx, input) => linkGuardian(ctx, input),
  'guardians.unlink': (ctx, input) => unlinkGuardian(ctx, input),
  'purposes.list': (ctx, input) => listPurposes(ctx.db, input.includeInactive),
  'purposes.save': (ctx, input) => savePurpose(ctx, input),
  'consent.record': (ctx, input) => recordConsent(ctx, input),
  'consent.history': (ctx, input) => consentHistory(ctx, input.pupilId),
  'consent.noConsentList': (ctx, input) => noConsentList(ctx, input),
  'dossier.list': (ctx, input) => listDossier(ctx, input.pupilId),
  'dossier.save': (ctx, input) => saveDossierEntry(ctx, input),
  'attachments.get': (ctx, input) => getAttachment(ctx.db, input.id),
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
  'audit.page': (ctx, input) => auditPage(ctx.db, input),
  'pupils.duplicates': (ctx, input) => findDuplicates(ctx, input),
  'pupils.filter': (ctx, input) => filterPupils(ctx, input),
  'pupils.matching': (ctx, input) => matchingPupils(ctx, input),
  'jobs.cancel': (ctx, input) => ({ running: cancelJob(ctx, input.progressId) }),
  'files.choose': (ctx, input) => chooseFiles(ctx, input.purpose),
  ...schoolyearHandlers,
  ...backupsHandlers,
  ...campaignsHandlers,
  ...documentsHandlers,
  ...importsHandlers,
  ...mailHandlers,
  ...scanHandlers,
}

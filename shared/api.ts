// The contract: every method the renderer (or CLI, or harness) may call, once.
// Inputs are the zod schemas in schemas.ts; outputs are named here.
import type { z } from 'zod'
import type {
  AppInfo,
  AttachmentMeta,
  AuditEntryView,
  ConsentRecordView,
  DossierEntry,
  Guardian,
  GroupOverview,
  GroupSummary,
  NoConsentList,
  Purpose,
  PupilDetail,
  PupilHit,
  PupilSummary,
  Settings,
} from './domain.ts'
import type { DocumentsOutputs } from './documents.contract.ts'
import type { NoConsentOutputs } from './no-consent.contract.ts'
import type { Result } from './errors.ts'
import type { ImportsOutputs } from './imports.contract.ts'
import type { MailOutputs } from './mail.contract.ts'
import type { SchoolyearOutputs } from './schoolyear.contract.ts'
import type { BackupsOutputs } from './backups.contract.ts'
import type { CampaignsOutputs } from './campaigns.contract.ts'
import type { AuditOutputs } from './audit.contract.ts'
import type { PupilsOutputs } from './pupils.contract.ts'
import type { JobsOutputs } from './jobs.contract.ts'
import type { FilesOutputs } from './files.contract.ts'
import type { ScanOutputs } from './scan.contract.ts'
import type { Method, inputSchemas } from './schemas.ts'

export type { Method } from './schemas.ts'

export interface ApiOutputs extends DocumentsOutputs, NoConsentOutputs, SchoolyearOutputs, ImportsOutputs, BackupsOutputs, CampaignsOutputs, AuditOutputs, PupilsOutputs, JobsOutputs, FilesOutputs, MailOutputs, ScanOutputs {
  'app.info': AppInfo
  'settings.get': Settings
  'settings.update': Settings
  'school.setup': Settings
  'school.leaveDemo': Settings
  'groups.list': GroupSummary[]
  'groups.save': GroupSummary
  'groups.overview': GroupOverview
  'pupils.list': PupilSummary[]
  /** Per pupil id: for how many active purposes the answer is refused, missing, or to be asked again. */
  'pupils.consentSummary': Record<number, { refused: number; unknown: number; askAgain: number }>
  'pupils.search': PupilHit[]
  'pupils.get': PupilDetail
  'pupils.save': PupilDetail
  'guardians.save': Guardian
  'guardians.search': (Guardian & { pupils: string })[]
  'guardians.link': PupilDetail
  'guardians.unlink': PupilDetail
  'purposes.list': Purpose[]
  'purposes.save': Purpose
  'consent.record': PupilDetail
  'consent.history': ConsentRecordView[]
  'consent.noConsentList': NoConsentList
  'dossier.list': DossierEntry[]
  'dossier.save': DossierEntry
  'attachments.get': AttachmentMeta & { data: string }
  'audit.list': AuditEntryView[]
}

/** What a caller sends. */
export type ApiInput<M extends Method> = z.input<(typeof inputSchemas)[M]>
/** What a handler receives, after validation and defaults. */
export type ApiParsed<M extends Method> = z.output<(typeof inputSchemas)[M]>
export type ApiOutput<M extends Method> = ApiOutputs[M]

/** The one function every transport provides. */
export type Invoke = <M extends Method>(method: M, input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>

// Compile-time check: the outputs name exactly the methods of the schemas.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const contractIsComplete: Exact<Method, keyof ApiOutputs> = true

// The contract: every method the renderer (or CLI, or harness) may call, once. Each feature's
// inputs and outputs live in shared/<feature>.contract.ts; this file and schemas.ts combine them.
import type { z } from 'zod'
import type { AppOutputs } from './app.contract.ts'
import type { AttachmentsOutputs } from './attachments.contract.ts'
import type { AuditOutputs } from './audit.contract.ts'
import type { BackupsOutputs } from './backups.contract.ts'
import type { CampaignsOutputs } from './campaigns.contract.ts'
import type { ConsentOutputs } from './consent.contract.ts'
import type { DocumentsOutputs } from './documents.contract.ts'
import type { DossierOutputs } from './dossier.contract.ts'
import type { Result } from './errors.ts'
import type { FilesOutputs } from './files.contract.ts'
import type { GroupsOutputs } from './groups.contract.ts'
import type { GuardiansOutputs } from './guardians.contract.ts'
import type { ImportsOutputs } from './imports.contract.ts'
import type { JobsOutputs } from './jobs.contract.ts'
import type { MailOutputs } from './mail.contract.ts'
import type { PupilsOutputs } from './pupils.contract.ts'
import type { PurposesOutputs } from './purposes.contract.ts'
import type { ScanOutputs } from './scan.contract.ts'
import type { SchoolOutputs } from './school.contract.ts'
import type { SchoolyearOutputs } from './schoolyear.contract.ts'
import type { SettingsOutputs } from './settings.contract.ts'
import type { Method, inputSchemas } from './schemas.ts'

export type { Method } from './schemas.ts'

/** Every method's output, from the feature contracts. Two features naming the same method with
 *  different outputs do not compile; the input schemas refuse any shared name (schemas.ts). */
export interface ApiOutputs
  extends
    AppOutputs,
    SettingsOutputs,
    SchoolOutputs,
    GroupsOutputs,
    PupilsOutputs,
    GuardiansOutputs,
    PurposesOutputs,
    ConsentOutputs,
    DossierOutputs,
    AttachmentsOutputs,
    AuditOutputs,
    SchoolyearOutputs,
    BackupsOutputs,
    CampaignsOutputs,
    DocumentsOutputs,
    MailOutputs,
    ImportsOutputs,
    JobsOutputs,
    FilesOutputs,
    ScanOutputs {}

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

// Domain types and small pure rules shared by main and renderer.
import type { MailProofView } from './mail.contract.ts'

export const DECISIONS = ['granted', 'refused', 'unknown'] as const
export type Decision = (typeof DECISIONS)[number]

export const DECISION_LABELS: Record<Decision, string> = {
  granted: 'Toestemming',
  refused: 'Geweigerd',
  unknown: 'Geen antwoord',
}

export interface Settings {
  schoolName: string
  schoolYear: string
  staffName: string
  setupDone: boolean
  /** The register holds the demo school (fictional pupils); it can be emptied to start for real. */
  demo: boolean
}

export interface AppInfo {
  version: string
  schemaVersion: number
  dbPath: string
  setupDone: boolean
  /** Why nothing can be saved now, with what to do (Dutch); null when all is well. */
  readOnly: { reason: 'locked' | 'damaged' | 'unwritable'; message: string } | null
  /** Found at start and worth knowing, in Dutch (e.g. the database is in a OneDrive folder); the app works on. */
  startupWarnings: string[]
  /** Moves whenever the open register changes (here, elsewhere, or a restored file): screens reload then. */
  registerStamp: string
}

export interface GroupSummary {
  id: number
  name: string
  schoolYear: string
  teacherName: string
  teacherEmail: string
  pupilCount: number
  /** For saving: a stale screen (older version) is refused. */
  version: number
}

export interface PupilSummary {
  id: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  groupId: number | null
  groupName: string | null
  leftOn: string | null
}

/** 'Sanne', 'van der', 'Berg' -> 'Sanne van der Berg' */
export function displayName(p: { firstName: string; lastNamePrefix: string; lastName: string }): string {
  return [p.firstName, p.lastNamePrefix, p.lastName].filter((s) => s !== '').join(' ')
}

/** 'Berg, Sanne van der': how a Dutch list sorts and shows a pupil. */
export function sortName(p: { firstName: string; lastNamePrefix: string; lastName: string }): string {
  const given = [p.firstName, p.lastNamePrefix].filter((s) => s !== '').join(' ')
  return given === '' ? p.lastName : `${p.lastName}, ${given}`
}

/** School year of a date: 1 August to 31 July, written '2026-2027'. */
export function schoolYearOf(date: Date): string {
  const y = date.getFullYear()
  const start = date.getMonth() >= 7 ? y : y - 1
  return `${start}-${start + 1}`
}

/** 'YYYY-MM-DD' -> 'dd-mm-jjjj' for display. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso
}

export const CONSENT_SOURCES = ['paper_form', 'email', 'phone', 'desk', 'enrolment_form', 'import_undo'] as const
export type ConsentSource = (typeof CONSENT_SOURCES)[number]
export const SOURCE_LABELS: Record<ConsentSource, string> = {
  paper_form: 'Papieren formulier',
  email: 'E-mail',
  phone: 'Telefoon',
  desk: 'Aan de balie',
  enrolment_form: 'Inschrijfformulier',
  import_undo: 'Import ongedaan gemaakt',
}
/** Sources a person at the desk can choose; the others are written by the program. */
export const DESK_SOURCES = ['paper_form', 'email', 'phone', 'desk', 'enrolment_form'] as const

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
/** A scan or document over MAX_ATTACHMENT_BYTES, refused by its size before it is read (the screen says the same at once). */
export const attachmentTooLargeMessage = (fileName: string): string =>
  `Het bestand ${fileName} is groter dan 20 MB. Er is niets opgeslagen. Maak een kleinere scan (bijvoorbeeld in zwart-wit of met een lagere resolutie) en kies die.`

export interface Purpose {
  id: number
  code: string
  label: string
  description: string
  sortOrder: number
  active: boolean
  /** The wording's version: an answer given to an older one is asked again. */
  version: number
  /** The row's version: every change raises it; a save must send the one it loaded. */
  rowVersion: number
}

export interface Guardian {
  id: number
  name: string
  email: string
  phone: string
  phoneNormalized: string
  inGroupApp: boolean
  preferredChannel: 'app' | 'email'
  version: number
  /** Relation to the pupil in view ('moeder', 'vader', 'verzorger', ...). */
  relation: string
  /** Other pupils this guardian is linked to (siblings). */
  otherPupils: { id: number; name: string }[]
}

export interface PupilHit extends PupilSummary {
  formCode: string
  guardianNames: string
}

export interface ConsentCell {
  purposeId: number
  decision: Decision
  conflict: boolean
  askAgain: boolean
  effectiveFrom: string | null
  /** The guardians' own answers, where they answered separately. */
  perGuardian: { guardianId: number; decision: Decision }[]
  /** When the answers disagree: each answer that counts, with its date and proof; empty otherwise. */
  disagreement: StandingAnswer[]
}

/** One answer that counts for a pupil and purpose now: of one guardian, or of the guardians together. */
export interface StandingAnswer {
  guardianId: number | null
  decision: Decision
  effectiveFrom: string
  source: ConsentSource
  sourceDetail: string
}

export interface PupilDetail extends PupilSummary {
  enrolledOn: string | null
  /** Leerjaar 1-8 within the group, or null: not known yet. */
  yearLevel: number | null
  /** 'nagaan': the level was estimated (from the birth date) and nobody confirmed it yet. */
  yearLevelUnsure: boolean
  leavingReason: string
  formCode: string
  version: number
  guardians: Guardian[]
  consent: ConsentCell[]
  /** Changes when any consent record of this pupil is added: a stale grid is refused. */
  consentStamp: number
  /** The pupil's form in an open consent round: its code is the one to use while the round runs. */
  roundForm: { code: string; campaignName: string } | null
}

export interface AttachmentMeta {
  id: number
  fileName: string
  mimeType: AttachmentType
  size: number
  sha256: string
}

export interface ConsentRecordView {
  id: number
  purposeId: number
  /** The purpose's wording at the version the answer was given to. */
  purposeLabel: string
  purposeVersion: number
  decision: Decision
  guardianId: number | null
  guardianName: string | null
  effectiveFrom: string
  source: ConsentSource
  sourceDetail: string
  note: string
  recordedBy: string
  recordedAt: string
  attachment: AttachmentMeta | null
  /** The parent's e-mail kept as the proof of this answer (the original .eml or .msg). */
  mail?: MailProofView | null
}

export interface DossierEntry {
  id: number
  pupilId: number
  entryDate: string
  kind: string
  title: string
  body: string
  createdBy: string
  createdAt: string
  version: number
  attachments: AttachmentMeta[]
  /** A parent's e-mail kept as this piece of correspondence (the original .eml or .msg), to open or save; the screen's list only. */
  mail?: MailProofView | null
}

export interface AuditEntryView {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: number | null
  pupilId: number | null
  oldValue: unknown
  newValue: unknown
  /** When a retention removal blanked personal data in this entry (the texts shown empty). */
  scrubbedAt?: string | null
}

export interface NoConsentRow {
  pupilId: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  groupId: number | null
  groupName: string | null
  purposeId: number
  decision: 'refused' | 'unknown'
  conflict: boolean
  askAgain: boolean
}

export interface NoConsentList {
  generatedAt: string
  schoolYear: string
  purposes: Purpose[]
  rows: NoConsentRow[]
}

export interface Coverage {
  purposeId: number
  granted: number
  refused: number
  unknown: number
}

export interface GroupOverview {
  generatedAt: string
  purposes: Purpose[]
  groups: { id: number; name: string; teacherName: string; pupilCount: number; coverage: Coverage[] }[]
}

/** The local calendar date as 'YYYY-MM-DD' (a consent takes effect on a Dutch day, not a UTC one). */
export function localIsoDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

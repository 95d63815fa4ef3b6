// The import of enrolment forms (inschrijfformulieren): the methods a wizard calls, in order.
//   1. imports.analyze       files -> per layout (distinct header set) the columns and a proposed mapping
//   2. (the user edits the mapping per layout)
//   3. imports.preview       files + mappings (+ decisions on possible duplicates) -> new/changed/unchanged, errors
//   4. imports.commit        the same input -> a recorded batch (backup first, one transaction)
//   5. imports.rejectedRows  the same input -> an .xlsx of the rows with errors, with a reason column (opened, saved or as data)
//   6. imports.batches / imports.undoPreview / imports.undo: list batches, show what an undo changes, undo
//   +  imports.template      a clean enrolment form (.xlsx) with the school's purposes (opened, saved or as data)
// An import is a session: imports.open takes the chosen files (tokens, see files.contract.ts), reads
// each once and answers with the analysis and a session id; analyze, preview, commit and
// rejectedRows then name that session instead of sending files. A session lives in the core for an
// hour after its last use, until the next imports.open, a restore or a removal; an unknown session
// (the core started again) is the Dutch 'choose the files again'. Scripts and tests may still send
// the files' bytes (`files`, base64) on each call: the core then reads them for that call only.
import { z } from 'zod'
import type { ConsentSource, Decision } from './domain.ts'
import { deliverySchema, type DocumentResult } from './documents.contract.ts'
import { fileTokenSchema } from './files.contract.ts'
import { GUARDIAN_FIELDS, MAX_GUARDIANS, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES, PUPIL_FIELDS, type ColumnTarget } from './imports.labels.ts'

export * from './imports.labels.ts'

// ---- input ----

const purposeCode = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)
export const columnTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ignore') }),
  z.strictObject({ kind: z.literal('pupil'), field: z.enum(PUPIL_FIELDS) }),
  z.strictObject({ kind: z.literal('guardian'), guardian: z.number().int().min(1).max(MAX_GUARDIANS), field: z.enum(GUARDIAN_FIELDS) }),
  z.strictObject({ kind: z.literal('consent'), purposes: z.array(purposeCode).min(1, 'Kies bij een toestemmingskolom minstens één doel.').max(100) }),
  z.strictObject({
    kind: z.literal('consentList'),
    purposes: z.array(purposeCode).min(1, 'Kies bij een keuzelijst minstens één doel.').max(100),
    options: z.record(z.string().max(500), z.array(purposeCode).max(100)),
  }),
])

/** A file as the renderer read it. Over MAX_IMPORT_FILE_BYTES: send data '' and the size; it gets its message. */
export const importFileSchema = z.strictObject({
  name: z.string().trim().min(1, 'Een bestand heeft geen naam.').max(1000),
  data: z
    .string()
    .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 16, `Een van de bestanden is groter dan ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB. Laat dat bestand weg, of verdeel de leerlingen over meer bestanden.`),
  size: z.number().int().nonnegative().optional(),
})

/** The user's mapping for one layout (all sheets with the same headers share it). */
export const layoutMappingSchema = z.strictObject({
  signature: z.string().min(1).max(200),
  columns: z.array(z.strictObject({ key: z.string().max(1000), target: columnTargetSchema })).max(2000),
})

/** What to do with a row that is a possible duplicate (or any row): by its key from the preview. */
export const rowDecisionSchema = z.strictObject({
  row: z.string().max(200),
  /** skip: do not import; new: a new pupil; update: this row is the pupil `pupilId` (or, within the import, the earlier row). */
  action: z.enum(['skip', 'new', 'update']),
  pupilId: z.number().int().positive().optional(),
})

/** How to read one sheet, when the user overrides what the analysis found (file: its index in `files`). */
export const sheetLayoutSchema = z.strictObject({
  file: z.number().int().min(0).max(MAX_IMPORT_FILES),
  sheet: z.string().max(300),
  layout: z.enum(['table', 'form']),
})
const sheetLayouts = z.array(sheetLayoutSchema).max(10_000).optional()

const filesSchema = z.array(importFileSchema).min(1, 'Kies eerst een of meer bestanden.').max(MAX_IMPORT_FILES, `Kies hoogstens ${MAX_IMPORT_FILES} bestanden tegelijk.`)
/** Asked for with imports.progress while the call runs. */
const progressId = z
  .string()
  .regex(/^p-[\w-]{1,80}$/)
  .optional()
export const UNKNOWN_SESSION_MESSAGE =
  'Het programma heeft deze bestanden niet meer klaarstaan (het is intussen opnieuw gestart, of de import stond langer dan een uur stil). Er is niets opgeslagen. Kies de bestanden opnieuw.'
const session = z
  .string()
  .regex(/^s-[\w-]{16,64}$/, UNKNOWN_SESSION_MESSAGE)
  .optional()
/** Exactly one of the two: the session from imports.open, or the files themselves. */
const oneSource = (v: { files?: unknown; session?: unknown }): boolean => (v.files === undefined) !== (v.session === undefined)
const sourceIssue = { message: 'Kies eerst een of meer bestanden.', path: ['files'] }
const runFields = {
  session,
  files: filesSchema.optional(),
  progressId,
  mappings: z.array(layoutMappingSchema).max(1000).default([]),
  sheetLayouts,
  decisions: z.array(rowDecisionSchema).max(200_000).default([]),
}
const runSchema = z.strictObject(runFields).refine(oneSource, sourceIssue)
const batchId = z.number('Kies eerst een import.').int().positive()

export const importsSchemas = {
  'imports.open': z.strictObject({
    files: z
      .array(z.strictObject({ token: fileTokenSchema }))
      .min(1, 'Kies eerst een of meer bestanden.')
      .max(MAX_IMPORT_FILES, `Kies hoogstens ${MAX_IMPORT_FILES} bestanden tegelijk.`),
    progressId,
    sheetLayouts,
  }),
  'imports.analyze': z.strictObject({ session, files: filesSchema.optional(), progressId, sheetLayouts }).refine(oneSource, sourceIssue),
  'imports.progress': z.strictObject({ progressId: z.string().regex(/^p-[\w-]{1,80}$/) }),
  'imports.preview': runSchema,
  'imports.commit': runSchema,
  /** The rows with errors as a workbook, delivered as a document is (opened in Excel, saved, or as data). */
  'imports.rejectedRows': z.strictObject({ ...runFields, delivery: deliverySchema }).refine(oneSource, sourceIssue),
  'imports.batches': z.strictObject({}),
  'imports.undoPreview': z.strictObject({ batchId }),
  'imports.undo': z.strictObject({ batchId }),
  'imports.template': z.strictObject({ delivery: deliverySchema }),
} as const

export type ImportRunInput = z.output<typeof runSchema>
export type LayoutMapping = z.output<typeof layoutMappingSchema>
export type SheetLayout = z.output<typeof sheetLayoutSchema>
export type RowDecision = z.output<typeof rowDecisionSchema>
export type ImportFileInput = z.output<typeof importFileSchema>

// ---- output ----

export interface ImportColumn {
  /** Stable within the layout: 'c3' for the 4th column of a table; the (section and) label of a form. */
  key: string
  /** The header or label as in the file. */
  header: string
  /** Where: 'D' (table column) or 'B7' (form label cell). */
  at: string
  /** A few values from the file, as text. */
  samples: string[]
  hidden: boolean
  /** BSN, medical or religious data and the like: never stored, whatever the mapping says. */
  sensitive: boolean
  target: ColumnTarget
  /** For a multi-select answer column: the distinct answer texts seen. */
  options?: string[]
}

export interface ImportLayout {
  signature: string
  layout: 'table' | 'form'
  /** The mapping comes from an earlier import of a file with the same headers. */
  remembered: boolean
  columns: ImportColumn[]
  sheets: { fileIndex: number; file: string; sheet: string; headerRow: number; rows: number }[]
}

export interface ImportFileInfo {
  index: number
  file: string
  ok: boolean
  /** Dutch: why the file as a whole cannot be read. */
  error?: string
  size: number
  sha256: string | null
  kind: 'xlsx' | 'ods' | 'csv' | null
  /** Dutch: what the analysis found in the file ('tabel met 21 leerlingen', 'ingevuld formulier', 'één tabblad per groep: ...'). */
  found: string
  sheets: {
    sheet: string
    layout: 'table' | 'form' | null
    /** The user chose the layout (sheetLayouts); otherwise the analysis did. */
    chosen: boolean
    signature: string | null
    rows: number
    /** Dutch: what was found on this sheet. */
    found: string
    note?: string
  }[]
  /** Headers of the columns (labels of the form) not used: never stored. */
  ignoredColumns: string[]
}

export interface ImportAnalysis {
  files: ImportFileInfo[]
  layouts: ImportLayout[]
  purposes: { code: string; label: string }[]
}

export interface FieldChange {
  field: string
  /** Dutch label: 'Achternaam', 'Groep', 'Telefoon ouder/verzorger 1'. */
  label: string
  old: string
  new: string
}

export interface ConsentChange {
  purpose: string
  label: string
  old: Decision
  new: Decision
  /** 'website: toestemming -> geweigerd' */
  text: string
  /** Where the current answer came from, when it was recorded by hand: worth a second look. */
  currentSource: ConsentSource | null
  currentSince: string | null
  /** The guardians answer differently now: the import's joint answer would take the place of both. */
  replacesDisagreement: boolean
}

export interface PreviewGuardian {
  name: string
  email: string
  phone: string
  relation: string
  status: 'new' | 'existing' | 'changed'
  /** The guardian in the register this one is (null: new). */
  guardianId: number | null
  /** A guardian already in the register or earlier in this import (a sibling's parent). */
  shared: boolean
  /**
   * Other guardians (in the register, earlier in this import or on the same row) with this e-mail
   * address under a name that is not this one: kept apart, shown for the user to check.
   */
  sameEmailAs: string[]
  changes: FieldChange[]
}

export interface PreviewPupil {
  /** Row key for decisions: '<fileIndex>/<sheetIndex>/<row>'. */
  key: string
  fileIndex: number
  file: string
  sheet: string
  /** Row number as Excel shows it (a form: the row of its first field). */
  row: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  /** The name as the file had it, when its capitals were put right ('SEM VAN DER BERG'); else null. */
  nameAsTyped: string | null
  birthDate: string | null
  group: string | null
  guardians: PreviewGuardian[]
  consents: Record<string, Decision>
  status: 'new' | 'changed' | 'unchanged'
  /** The pupil in the register this row is (null: new). */
  pupilId: number | null
  /** skip: a possible duplicate not (yet) decided, or the user's choice. */
  action: 'import' | 'skip'
  changes: FieldChange[]
  consentChanges: ConsentChange[]
  /** The id of the possible duplicate this row is part of. */
  duplicate: string | null
}

export interface ImportRowError {
  fileIndex: number
  file: string
  sheet: string
  row: number
  field: string | null
  /** The header or label of the cell. */
  column: string | null
  value: string
  /** Dutch: what is wrong and what to do. */
  message: string
}

export interface PossibleDuplicate {
  id: string
  /** existing: like a pupil in the register; in_import: the same pupil twice in these files. */
  kind: 'existing' | 'in_import'
  message: string
  rows: string[]
  pupils: { id: number; name: string; studentNumber: string | null; birthDate: string | null; group: string | null }[]
  /** What happens without a decision. */
  defaultAction: 'skip' | 'update'
}

export interface ImportSummary {
  files: number
  filesFailed: number
  pupils: number
  new: number
  changed: number
  unchanged: number
  skipped: number
  rowErrors: number
  duplicates: number
  consentChanges: number
  guardiansNew: number
}

export interface ImportPreview {
  generatedAt: string
  files: ImportFileInfo[]
  pupils: PreviewPupil[]
  rowErrors: ImportRowError[]
  duplicates: PossibleDuplicate[]
  summary: ImportSummary
}

export interface ImportBatchCounts {
  pupilsCreated: number
  pupilsUpdated: number
  unchanged: number
  skipped: number
  rowErrors: number
  guardiansCreated: number
  guardiansUpdated: number
  groupsCreated: number
  consentRecords: number
}

export interface ImportBatch {
  id: number
  createdAt: string
  createdBy: string
  files: { name: string; sha256: string; rows: number }[]
  counts: ImportBatchCounts
  undoneAt: string | null
  undoneBy: string | null
}

export interface ImportCommitResult {
  /** null: there was nothing to change (the same files again), nothing was written. */
  batch: ImportBatch | null
  preview: ImportPreview
  /** The backup made before writing (null for an in-memory database or when nothing was written). */
  backupPath: string | null
  message: string
}

export interface UndoPupil {
  pupilId: number
  name: string
  /** hide: created by the import, hidden again; restore: fields back; keep: changed since, left as is. */
  action: 'hide' | 'restore' | 'keep'
  fields: (FieldChange & { kept: boolean })[]
  consents: (ConsentChange & { kept: boolean })[]
  note: string
}

export interface UndoCounts {
  pupilsHidden: number
  pupilsRestored: number
  pupilsKept: number
  consentRestored: number
  consentKept: number
  guardiansRemoved: number
  guardiansRestored: number
  linksRemoved: number
  groupsRemoved: number
}

export interface ImportUndoPreview {
  batch: ImportBatch
  canUndo: boolean
  /** Dutch, for the confirmation: what will change. */
  message: string
  pupils: UndoPupil[]
  counts: UndoCounts
}

export interface ImportUndoResult {
  batch: ImportBatch
  counts: UndoCounts
  backupPath: string | null
  message: string
}

export interface ImportsOutputs {
  'imports.open': ImportAnalysis & { session: string }
  'imports.analyze': ImportAnalysis
  /** phase null: not started, or over. */
  'imports.progress': { phase: ImportProgress['phase'] | null; done: number; total: number; running: boolean }
  'imports.preview': ImportPreview
  'imports.commit': ImportCommitResult
  /** count: the rows in it ('rijen'). */
  'imports.rejectedRows': DocumentResult
  'imports.batches': ImportBatch[]
  'imports.undoPreview': ImportUndoPreview
  'imports.undo': ImportUndoResult
  'imports.template': DocumentResult
}

/** Progress of long work, for a bar: the service reports it; the CLI draws it on a terminal. */
export interface ImportProgress {
  phase: 'read' | 'check' | 'backup' | 'write'
  done: number
  total: number
}

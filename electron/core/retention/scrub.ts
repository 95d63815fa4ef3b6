// Takes personal data out of the places that only describe it: audit entries (through the scrub
// queue of migration 0050: texts blanked, nothing else changed), what import batches noted for
// undo, and the names of imported files (the hash and the row count stay).
import { fold } from '../../../shared/text.ts'
import { REMOVED_SOURCE_FILE } from '../db/migrations/0050-audit-scrub.ts'
import type { Db } from '../db/open.ts'
import {
  answersNamingFile,
  auditEntriesToScrub,
  emptyAuditScrubQueue,
  emptyConsentScrubQueue,
  importBatchFiles,
  importChangesToScrub,
  rewriteSourceDetail,
  scrubAuditEntry,
  updateImportBatchFiles,
  updateImportChange,
} from './scrub.queries.ts'

/** Keys of a guardian's contact details, as audit entries and import changes write them. */
const CONTACT_KEYS = new Set(['email', 'phone', 'phoneNormalized'])

/** Shorter texts would blank far more than the data removed. */
const MIN_WORD = 4

export interface ScrubWords {
  /** Texts that must not remain anywhere (case ignored): full names, e-mail addresses, phone numbers. */
  words: readonly string[]
  /** Guardians whose own entries lose their contact keys, whatever the value. */
  contactGuardianIds: readonly number[]
  /** Pupils whose dossier was removed: the log's entries about their dossier lose every text (title, body). */
  dossierPupilIds?: readonly number[]
  /**
   * Pupils whose dossier, consent or whole record was removed: the log keeps that a copy of their dossier or of a
   * kept file was made, but not the file's name (a name like 'formulier-sem.pdf' holds what no word list catches).
   */
  filePupilIds?: readonly number[]
}

export const removedFileName = (rows: number): string => `bestand van ${rows} ${rows === 1 ? 'rij' : 'rijen'} (naam verwijderd na de bewaartermijn)`

const usable = (words: readonly string[]): string[] => [...new Set(words.map((w) => w.trim()).filter((w) => w.length >= MIN_WORD))]

/** A JSON value with every text that contains a word (and, when asked, every contact key's text) made empty. */
function blanked(value: unknown, lower: readonly string[], contactKeys: boolean): unknown {
  if (typeof value === 'string') return value !== '' && lower.some((w) => value.toLowerCase().includes(w)) ? '' : value
  if (Array.isArray(value)) return value.map((v) => blanked(v, lower, contactKeys))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, contactKeys && CONTACT_KEYS.has(k) && typeof v === 'string' ? '' : blanked(v, lower, contactKeys)]))
  }
  return value
}

function blankText(json: string | null, lower: readonly string[], contactKeys: boolean): string | null {
  return json === null ? null : JSON.stringify(blanked(JSON.parse(json), lower, contactKeys))
}

/** A copy's log entry with its file's name made empty (what was copied, and how, stays). */
function withoutFileName(json: string | null): string | null {
  if (json === null) return null
  const value = JSON.parse(json) as unknown
  return value !== null && typeof value === 'object' && 'fileName' in value ? JSON.stringify({ ...value, fileName: '' }) : json
}

/** Blanks the words in audit entries; each changed entry is listed in the scrub queue first and marked scrubbed. */
export function scrubAudit(db: Db, target: ScrubWords, now: Date): number {
  const words = usable(target.words)
  const lower = words.map((w) => w.toLowerCase())
  const ids = new Set(target.contactGuardianIds)
  const dossiers = new Set(target.dossierPupilIds ?? [])
  const files = new Set(target.filePupilIds ?? [])
  const rows = auditEntriesToScrub(db, [...ids], [...dossiers], [...files], words)
  let changed = 0
  for (const r of rows) {
    const contactKeys = r.entity === 'guardian' && r.entityId !== null && ids.has(r.entityId)
    // Every text contains the empty string: a removed dossier's entries keep only their shape.
    const match = r.entity === 'dossier_entry' && r.pupilId !== null && dossiers.has(r.pupilId) ? [''] : lower
    const oldValue = blankText(r.oldValue, match, contactKeys)
    const newValue = r.action === 'dossier.export' && r.pupilId !== null && files.has(r.pupilId) ? withoutFileName(blankText(r.newValue, match, contactKeys)) : blankText(r.newValue, match, contactKeys)
    if (oldValue === r.oldValue && newValue === r.newValue) continue
    scrubAuditEntry(db, r.id, oldValue, newValue, now.toISOString())
    changed++
  }
  emptyAuditScrubQueue(db)
  return changed
}

/** Blanks the words in what import batches noted for undo (an undo then leaves those fields alone). */
export function scrubImportChanges(db: Db, target: ScrubWords): number {
  const words = usable(target.words)
  const lower = words.map((w) => w.toLowerCase())
  const ids = new Set(target.contactGuardianIds)
  const rows = importChangesToScrub(db, [...ids], words)
  let changed = 0
  for (const r of rows) {
    const contactKeys = r.entity === 'guardian' && ids.has(r.entityId)
    const before = blankText(r.beforeJson, lower, contactKeys)
    const after = blankText(r.afterJson, lower, contactKeys)
    if (before === r.beforeJson && after === r.afterJson) continue
    updateImportChange(db, r.id, before, after)
    changed++
  }
  return changed
}

const squash = (s: string): string => fold(s).replace(/[^a-z0-9]/g, '')

export interface FileNameScrub {
  /** Full names and contact details: a file name holding one loses it in every batch. */
  words: readonly string[]
  /** First and last names of removed pupils: a file name holding one loses it in the batches of that pupil. */
  nameParts: ReadonlyMap<number, readonly string[]>
  /** Batches that held only removed pupils: all their file names go. */
  wholeBatches: ReadonlySet<number>
}

/**
 * Answers imported from a file whose name went keep their row, not the name: 'inschrijfformulier
 * (naam verwijderd na de bewaartermijn), rij 3'. Through the scrub queue of migration 50.
 */
function scrubSourceDetails(db: Db, batchId: number, fileName: string): void {
  for (const r of answersNamingFile(db, batchId, fileName)) rewriteSourceDetail(db, r.id, REMOVED_SOURCE_FILE + (r.detail.match(/, rij \d+$/)?.[0] ?? ''))
  emptyConsentScrubQueue(db)
}

/** Replaces file names of import batches that name a removed pupil, also in the answers from them; the hash and the number of rows stay. */
export function scrubFileNames(db: Db, s: FileNameScrub): number {
  const words = usable(s.words)
    .map(squash)
    .filter((w) => w.length >= 3)
  const rows = importBatchFiles(db)
  let changed = 0
  for (const r of rows) {
    const parts = (s.nameParts.get(r.id) ?? []).map(squash).filter((w) => w.length >= 2)
    const files = JSON.parse(r.filesJson) as { name: string; sha256: string; rows: number }[]
    let touched = false
    for (const f of files) {
      const name = squash(f.name)
      if (s.wholeBatches.has(r.id) || words.some((w) => name.includes(w)) || parts.some((p) => name.includes(p))) {
        const placeholder = removedFileName(f.rows)
        if (f.name !== placeholder) {
          scrubSourceDetails(db, r.id, f.name)
          f.name = placeholder
          touched = true
        }
      }
    }
    if (!touched) continue
    updateImportBatchFiles(db, r.id, JSON.stringify(files))
    changed++
  }
  return changed
}

// The pupil file's SQL: a pupil's entries newest first with their attachments, one entry, and
// adding, correcting and attaching.
import type { AttachmentMeta, DossierEntry } from '../../../shared/domain.ts'
import { ATTACHMENT_META_COLUMNS } from '../attachments/attachments.queries.ts'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export type DossierEntryRow = Omit<DossierEntry, 'attachments'>

const COLUMNS = `id, pupil_id AS pupilId, entry_date AS entryDate, kind, title, body, created_by AS createdBy, created_at AS createdAt, version`

export function dossierEntriesOf(db: Db, pupilId: number): DossierEntryRow[] {
  return statement(db, `SELECT ${COLUMNS} FROM dossier_entries WHERE pupil_id = ? ORDER BY entry_date DESC, id DESC`).all(pupilId) as DossierEntryRow[]
}

export function attachmentsOfEntry(db: Db, entryId: number): AttachmentMeta[] {
  return statement(db, `SELECT ${ATTACHMENT_META_COLUMNS} FROM dossier_entry_attachments d JOIN attachments a ON a.id = d.attachment_id WHERE d.entry_id = ? ORDER BY a.id`).all(entryId) as AttachmentMeta[]
}

/** One entry, only when it is in this pupil's file. */
export function dossierEntryOf(db: Db, id: number, pupilId: number): DossierEntryRow | undefined {
  return statement(db, `SELECT ${COLUMNS} FROM dossier_entries WHERE id = ? AND pupil_id = ?`).get(id, pupilId) as DossierEntryRow | undefined
}

export const pupilExists = (db: Db, pupilId: number): boolean => statement(db, `SELECT 1 FROM pupils WHERE id = ?`).get(pupilId) !== undefined

export interface DossierFields {
  entryDate: string
  kind: string
  title: string
  body: string
}

export function insertDossierEntry(db: Db, pupilId: number, f: DossierFields, createdBy: string, createdAt: string): number {
  return insertRow(db, `INSERT INTO dossier_entries (pupil_id, entry_date, kind, title, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, pupilId, f.entryDate, f.kind, f.title, f.body, createdBy, createdAt)
}

/** Writes the corrected fields and moves the entry's version on. */
export function updateDossierEntry(db: Db, id: number, f: DossierFields): void {
  statement(db, `UPDATE dossier_entries SET entry_date = ?, kind = ?, title = ?, body = ?, version = version + 1 WHERE id = ?`).run(f.entryDate, f.kind, f.title, f.body, id)
}

export function attachToEntry(db: Db, entryId: number, attachmentId: number): void {
  statement(db, `INSERT INTO dossier_entry_attachments (entry_id, attachment_id) VALUES (?, ?)`).run(entryId, attachmentId)
}

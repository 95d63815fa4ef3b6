// The documents' SQL: the pupils and guardians a consent form is printed for, and what the
// dossier adds to a pupil's data (purpose wordings, attachments with their bytes, mails' entries).
import type { AttachmentType } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

export interface FormPupilRow {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  formCode: string
  groupId: number | null
  groupName: string | null
}

/** Pupils with their group in the school year: those at school on `today`, or everyone (`withLeft`). */
export function formPupils(db: Db, schoolYearId: number, today: string, withLeft: boolean): FormPupilRow[] {
  return statement(
    db,
    `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
            p.form_code AS formCode, g.id AS groupId, g.name AS groupName
       FROM pupils p
       LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ?
       LEFT JOIN groups g ON g.id = m.group_id
      WHERE p.left_on IS NULL OR p.left_on > ? OR ?`,
  ).all(schoolYearId, today, withLeft ? 1 : 0) as FormPupilRow[]
}

/** Every pupil's guardians by name and relation, in each pupil's own order. */
export function guardianLinks(db: Db): { pupilId: number; name: string; relation: string }[] {
  return statement(db, `SELECT pg.pupil_id AS pupilId, g.name, pg.relation FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id ORDER BY pg.pupil_id, pg.sort_order, g.id`).all() as {
    pupilId: number
    name: string
    relation: string
  }[]
}

export function purposeWordings(db: Db): { purposeId: number; version: number; label: string; description: string }[] {
  return statement(db, `SELECT purpose_id AS purposeId, version, label, description FROM purpose_versions`).all() as { purposeId: number; version: number; label: string; description: string }[]
}

export function pupilStamps(db: Db, pupilId: number): { createdAt: string; updatedAt: string } {
  return statement(db, `SELECT created_at AS createdAt, updated_at AS updatedAt FROM pupils WHERE id = ?`).get(pupilId) as { createdAt: string; updatedAt: string }
}

export interface AttachmentWithBytes {
  id: number
  fileName: string
  mimeType: AttachmentType
  size: number
  sha256: string
  createdBy: string
  createdAt: string
  data: Buffer
}

export function attachmentForDossier(db: Db, id: number): AttachmentWithBytes | undefined {
  return statement(db, `SELECT id, file_name AS fileName, mime_type AS mimeType, size, sha256, created_by AS createdBy, created_at AS createdAt, data FROM attachments WHERE id = ?`).get(id) as
    AttachmentWithBytes | undefined
}

/** The dossier entry each of the pupil's kept mails belongs to. */
export function entriesOfMails(db: Db, pupilId: number): { mailId: number; entryDate: string; title: string }[] {
  return statement(db, `SELECT l.mail_id AS mailId, e.entry_date AS entryDate, e.title FROM dossier_entry_mails l JOIN dossier_entries e ON e.id = l.entry_id WHERE e.pupil_id = ?`).all(pupilId) as {
    mailId: number
    entryDate: string
    title: string
  }[]
}

/** Every group's name by id, of every school year. */
export function allGroupNames(db: Db): { id: number; name: string }[] {
  return statement(db, `SELECT id, name FROM groups`).all() as { id: number; name: string }[]
}

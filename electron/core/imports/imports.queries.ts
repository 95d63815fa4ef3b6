// The import's reads and small writes: the register as the import sees it (snapshot), the
// remembered column mappings, where a current consent answer came from, and the change count
// that tells a preview is still up to date.
import type { PupilSummary } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'
import { statement } from '../db/statements.ts'

export interface SnapshotPupilRow extends Pick<PupilSummary, 'id' | 'studentNumber' | 'firstName' | 'lastNamePrefix' | 'lastName' | 'birthDate' | 'groupName'> {
  hidden: number
}

export function snapshotPupils(db: Db, yearId: number): SnapshotPupilRow[] {
  return statement(
    db,
    `SELECT p.id, p.student_number AS studentNumber, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName,
            p.birth_date AS birthDate, g.name AS groupName, p.undone_import_batch_id IS NOT NULL AS hidden
       FROM pupils p
       LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ?
       LEFT JOIN groups g ON g.id = m.group_id
      ORDER BY p.id`,
  ).all(yearId) as SnapshotPupilRow[]
}

export function snapshotGuardians(db: Db): { id: number; name: string; email: string; phone: string; phoneNormalized: string }[] {
  return statement(db, `SELECT id, name, email, phone, phone_normalized AS phoneNormalized FROM guardians ORDER BY id`).all() as {
    id: number
    name: string
    email: string
    phone: string
    phoneNormalized: string
  }[]
}

export function snapshotLinks(db: Db): { pupilId: number; guardianId: number; relation: string }[] {
  return statement(db, `SELECT pupil_id AS pupilId, guardian_id AS guardianId, relation FROM pupil_guardians`).all() as { pupilId: number; guardianId: number; relation: string }[]
}

export function snapshotGroups(db: Db, yearId: number): { id: number; name: string }[] {
  return statement(db, `SELECT id, name FROM groups WHERE school_year_id = ? ORDER BY id`).all(yearId) as { id: number; name: string }[]
}

/** The stored mapping (JSON) for a file layout with these headers, if one was used before. */
export function rememberedMapping(db: Db, signature: string): string | undefined {
  return statement(db, `SELECT mapping_json FROM import_mappings WHERE signature = ?`, 'pluck').get(signature) as string | undefined
}

export function rememberMapping(db: Db, signature: string, layout: string, mappingJson: string, usedAt: string, usedBy: string): void {
  statement(
    db,
    `INSERT INTO import_mappings (signature, layout, mapping_json, used_at, used_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(signature) DO UPDATE SET mapping_json = excluded.mapping_json, used_at = excluded.used_at, used_by = excluded.used_by`,
  ).run(signature, layout, mappingJson, usedAt, usedBy)
}

/** Where a consent record came from and from when it holds. */
export function recordSource(db: Db, recordId: number): { source: string; since: string } | undefined {
  return statement(db, `SELECT source, effective_from AS since FROM consent_records WHERE id = ?`).get(recordId) as { source: string; since: string } | undefined
}

/** This connection's count of changed rows so far. */
export function totalChanges(db: Db): number {
  return statement(db, `SELECT total_changes()`, 'pluck').get() as number
}

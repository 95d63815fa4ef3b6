// The purposes' SQL: the list in its order, one purpose, and the wording kept per version.
import type { Purpose } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export interface PurposeRow extends Omit<Purpose, 'active'> {
  active: number
}

const COLUMNS = `id, code, label, description, sort_order AS sortOrder, active, version, row_version AS rowVersion`

/** The purposes in their order: the active ones, or all. */
export function purposeRows(db: Db, includeInactive: boolean): PurposeRow[] {
  return statement(db, `SELECT ${COLUMNS} FROM purposes WHERE active = 1 OR ? ORDER BY sort_order, id`).all(includeInactive ? 1 : 0) as PurposeRow[]
}

export function purposeRow(db: Db, id: number): PurposeRow | undefined {
  return statement(db, `SELECT ${COLUMNS} FROM purposes WHERE id = ?`).get(id) as PurposeRow | undefined
}

export const purposeCodeTaken = (db: Db, code: string): boolean => statement(db, `SELECT 1 FROM purposes WHERE code = ?`).get(code) !== undefined

/** Where a new purpose goes when none is given: after the last one. */
export function nextSortOrder(db: Db): number {
  return (statement(db, `SELECT coalesce(max(sort_order), 0) + 10 FROM purposes`, 'pluck').get() as number) ?? 10
}

export interface PurposeValues {
  label: string
  description: string
  sortOrder: number
  active: boolean
}

export function insertPurpose(db: Db, code: string, v: PurposeValues, now: string): number {
  return insertRow(db, `INSERT INTO purposes (code, label, description, sort_order, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, code, v.label, v.description, v.sortOrder, v.active ? 1 : 0, now, now)
}

/** Writes the purpose's fields with its (maybe new) wording version; the row version moves on. */
export function updatePurpose(db: Db, id: number, v: PurposeValues, version: number, now: string): void {
  statement(db, `UPDATE purposes SET label = ?, description = ?, sort_order = ?, active = ?, version = ?, row_version = row_version + 1, updated_at = ? WHERE id = ?`).run(
    v.label,
    v.description,
    v.sortOrder,
    v.active ? 1 : 0,
    version,
    now,
    id,
  )
}

/** Keeps the wording of one version, so an answer given to it can show what was asked. */
export function insertPurposeVersion(db: Db, purposeId: number, version: number, label: string, description: string, now: string): void {
  statement(db, `INSERT INTO purpose_versions (purpose_id, version, label, description, created_at) VALUES (?, ?, ?, ?, ?)`).run(purposeId, version, label, description, now)
}

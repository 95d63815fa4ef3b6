// The SQL that writes a generated school (the demo school, the bench's large school): its pupils,
// their guardians' links and their answers from the demo's paper forms. Groups, memberships and
// guardians go through their own modules' queries.
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export function purposeVersionsByCode(db: Db): { code: string; id: number; version: number }[] {
  return statement(db, `SELECT code, id, version FROM purposes`).all() as { code: string; id: number; version: number }[]
}

export interface GeneratedPupilRow {
  studentNumber: string
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string
  yearLevel: number
  enrolledOn: string
  formCode: string
  stamp: string
}

export function insertGeneratedPupil(db: Db, p: GeneratedPupilRow): number {
  return insertRow(
    db,
    `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, year_level, enrolled_on, form_code, created_at, updated_at)
     VALUES (@studentNumber, @firstName, @lastNamePrefix, @lastName, @birthDate, @yearLevel, @enrolledOn, @formCode, @stamp, @stamp)`,
    p,
  )
}

/** Links a guardian as 'ouder/verzorger' in the given place among the pupil's guardians. */
export function insertParentLink(db: Db, pupilId: number, guardianId: number, sortOrder: number): void {
  statement(db, `INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, 'ouder/verzorger', ?)`).run(pupilId, guardianId, sortOrder)
}

/** An answer from the demo's paper form. */
export function insertDemoAnswer(db: Db, pupilId: number, purposeId: number, purposeVersion: number, decision: string, effectiveFrom: string, recordedBy: string, recordedAt: string): void {
  statement(
    db,
    `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, source_detail, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, 'paper_form', 'toestemmingsformulier (demo)', ?, ?)`,
  ).run(pupilId, purposeId, purposeVersion, decision, effectiveFrom, recordedBy, recordedAt)
}

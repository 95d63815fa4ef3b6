// The consent rounds' SQL: rounds with their counts, their forms (one code per pupil), and the
// marks a form gets when it is printed and when it comes back.
import type { Db } from '../db/open.ts'
import { insertRow, statement } from '../db/statements.ts'

export interface CampaignRow {
  id: number
  name: string
  schoolYear: string
  criteriaJson: string
  createdAt: string
  createdBy: string
  closedAt: string | null
  total: number
  returned: number
}

export interface CampaignFormRow {
  pupilId: number
  code: string
  returnedAt: string | null
  groupId: number | null
  groupName: string | null
  teacherName: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
}

export interface FormByCodeRow {
  code: string
  pupilId: number
  returnedAt: string | null
  campaignId: number
  campaignName: string
  closedAt: string | null
}

const CAMPAIGN_SELECT = `SELECT c.id, c.name, y.name AS schoolYear, c.criteria_json AS criteriaJson, c.created_at AS createdAt,
  c.created_by AS createdBy, c.closed_at AS closedAt,
  (SELECT count(*) FROM campaign_forms f WHERE f.campaign_id = c.id) AS total,
  (SELECT count(*) FROM campaign_forms f WHERE f.campaign_id = c.id AND f.returned_at IS NOT NULL) AS returned
  FROM campaigns c JOIN school_years y ON y.id = c.school_year_id`

/** Every round, newest first. */
export function allCampaigns(db: Db): CampaignRow[] {
  return statement(db, `${CAMPAIGN_SELECT} ORDER BY c.id DESC`).all() as CampaignRow[]
}

export function campaignById(db: Db, id: number): CampaignRow | undefined {
  return statement(db, `${CAMPAIGN_SELECT} WHERE c.id = ?`).get(id) as CampaignRow | undefined
}

/** A round's forms with the pupil's name and the group the form was made for. */
export function formsOfCampaign(db: Db, campaignId: number): CampaignFormRow[] {
  return statement(
    db,
    `SELECT f.pupil_id AS pupilId, f.code, f.returned_at AS returnedAt, g.id AS groupId, g.name AS groupName, g.teacher_name AS teacherName,
            p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName
       FROM campaign_forms f JOIN pupils p ON p.id = f.pupil_id LEFT JOIN groups g ON g.id = f.group_id
      WHERE f.campaign_id = ?`,
  ).all(campaignId) as CampaignFormRow[]
}

/** Pupils still at school on `today`, with their group in the given school year (null: none). */
export function pupilsAtSchool(db: Db, schoolYearId: number, today: string): { id: number; groupId: number | null }[] {
  return statement(
    db,
    `SELECT p.id, m.group_id AS groupId FROM pupils p
       LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ?
      WHERE p.left_on IS NULL OR p.left_on > ?`,
  ).all(schoolYearId, today) as { id: number; groupId: number | null }[]
}

export function insertCampaign(db: Db, c: { name: string; schoolYearId: number; criteriaJson: string; createdAt: string; createdBy: string }): number {
  return insertRow(db, `INSERT INTO campaigns (name, school_year_id, criteria_json, created_at, created_by) VALUES (@name, @schoolYearId, @criteriaJson, @createdAt, @createdBy)`, c)
}

export function insertForm(db: Db, campaignId: number, pupilId: number, groupId: number | null, code: string): void {
  statement(db, `INSERT INTO campaign_forms (campaign_id, pupil_id, group_id, code) VALUES (?, ?, ?, ?)`).run(campaignId, pupilId, groupId, code)
}

export function markCampaignClosed(db: Db, id: number, at: string, by: string): void {
  statement(db, `UPDATE campaigns SET closed_at = ?, closed_by = ? WHERE id = ?`).run(at, by, id)
}

export function formByCode(db: Db, code: string): FormByCodeRow | undefined {
  return statement(
    db,
    `SELECT f.code, f.pupil_id AS pupilId, f.returned_at AS returnedAt, c.id AS campaignId, c.name AS campaignName, c.closed_at AS closedAt
       FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id WHERE f.code = ?`,
  ).get(code) as FormByCodeRow | undefined
}

export function markFormReturned(db: Db, code: string, at: string, by: string): void {
  statement(db, `UPDATE campaign_forms SET returned_at = ?, returned_by = ? WHERE code = ?`).run(at, by, code)
}

export function formCodesOfCampaign(db: Db, campaignId: number): { pupilId: number; code: string; groupId: number | null }[] {
  return statement(db, `SELECT pupil_id AS pupilId, code, group_id AS groupId FROM campaign_forms WHERE campaign_id = ?`).all(campaignId) as {
    pupilId: number
    code: string
    groupId: number | null
  }[]
}

/** Marks these forms of a round (by code) as printed; a form printed before keeps its first moment. */
export function markFormsPrinted(db: Db, campaignId: number, codes: readonly string[], at: string): void {
  statement(db, `UPDATE campaign_forms SET printed_at = coalesce(printed_at, ?) WHERE campaign_id = ? AND code IN (SELECT value FROM json_each(?))`).run(at, campaignId, JSON.stringify(codes))
}

/** The pupil's own form code (on the pupil, not on a round's form). */
export function pupilFormCode(db: Db, pupilId: number): string | undefined {
  return statement(db, `SELECT form_code FROM pupils WHERE id = ?`, 'pluck').get(pupilId) as string | undefined
}

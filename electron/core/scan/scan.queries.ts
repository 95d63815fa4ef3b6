// The SQL of the scan reader: the form behind a code, the pupil's guardians in their printed order,
// and the layouts remembered at print time. Reading a scan never writes; printing stores a layout.
import type { Db } from '../db/open.ts'

export interface FormByCode {
  pupilId: number
  campaignId: number | null
  campaignName: string | null
  closedAt: string | null
  returnedAt: string | null
}

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()

function prepare(db: Db) {
  return {
    campaignForm: db.prepare(
      `SELECT f.pupil_id AS pupilId, c.id AS campaignId, c.name AS campaignName, c.closed_at AS closedAt, f.returned_at AS returnedAt
         FROM campaign_forms f JOIN campaigns c ON c.id = f.campaign_id WHERE f.code = ?`,
    ),
    pupilForm: db.prepare(`SELECT id AS pupilId, NULL AS campaignId, NULL AS campaignName, NULL AS closedAt, NULL AS returnedAt FROM pupils WHERE form_code = ?`),
    guardians: db.prepare(`SELECT pg.guardian_id FROM pupil_guardians pg WHERE pg.pupil_id = ? ORDER BY pg.sort_order, pg.guardian_id`).pluck(),
    layout: db.prepare(`SELECT layout_json FROM form_layouts WHERE digest = ?`).pluck(),
    saveLayout: db.prepare(`INSERT OR IGNORE INTO form_layouts (digest, version, layout_json, printed_at) VALUES (?, ?, ?, ?)`),
  }
}

const q = (db: Db): ReturnType<typeof prepare> => {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

/** A round's form code first (it also counts the form as returned), else a pupil's own code. */
export function formByCode(db: Db, code: string): FormByCode | undefined {
  return (q(db).campaignForm.get(code) ?? q(db).pupilForm.get(code)) as FormByCode | undefined
}

/** The guardians in the order the form prints their signature lines. */
export function guardianIdsInOrder(db: Db, pupilId: number): number[] {
  return q(db).guardians.all(pupilId) as number[]
}

export function layoutJson(db: Db, digest: string): string | undefined {
  return q(db).layout.get(digest) as string | undefined
}

export function saveLayout(db: Db, digest: string, version: number, json: string, printedAt: string): void {
  q(db).saveLayout.run(digest, version, json, printedAt)
}

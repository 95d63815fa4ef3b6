import { fold } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'

/** Rebuilds the folded search text of these pupils: names, numbers, form code, guardians' names. */
export function refreshSearchText(db: Db, pupilIds: readonly number[]): void {
  const read = db.prepare(
    `SELECT p.first_name || ' ' || p.last_name_prefix || ' ' || p.last_name || ' ' || coalesce(p.student_number, '') || ' ' || p.form_code
            || ' ' || coalesce((SELECT group_concat(g.name, ' ') FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = p.id), '')
       FROM pupils p WHERE p.id = ?`,
  ).pluck()
  const write = db.prepare(`UPDATE pupils SET search_text = ? WHERE id = ?`)
  for (const id of pupilIds) {
    const raw = read.get(id) as string | undefined
    if (raw !== undefined) write.run(` ${fold(raw).replace(/\s+/g, ' ')} `, id)
  }
}

import { fold } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'
import { putSearchText, searchSource } from './pupil-records.queries.ts'

/** Rebuilds the folded search text of these pupils: names, numbers, form code, guardians' names. */
export function refreshSearchText(db: Db, pupilIds: readonly number[]): void {
  for (const id of pupilIds) {
    const raw = searchSource(db, id)
    if (raw !== undefined) putSearchText(db, id, ` ${fold(raw).replace(/\s+/g, ' ')} `)
  }
}

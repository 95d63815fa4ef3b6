// One row per guardian: an administration export repeats the pupil on a row for each guardian.
// Two rows of one sheet with the same leerlingnummer (or, without one, the same name and birth
// date) and the same pupil data are ONE pupil with the guardians of both rows. Pure.
import { MAX_GUARDIANS } from '../../../shared/imports.contract.ts'
import { fold } from '../../../shared/text.ts'
import { namesCompatible, type ImportedPupil } from './rows.ts'

const same = (a: string | null, b: string | null): boolean => fold(a ?? '') === fold(b ?? '')

/** Who the row is about, within one sheet: null when it cannot be told. */
function identity(p: ImportedPupil): string | null {
  if (p.studentNumber) return `nr:${fold(p.studentNumber)}`
  if (p.birthDate) return `naam:${fold(`${p.firstName} ${p.lastNamePrefix} ${p.lastName}`)}|${p.birthDate}`
  return null
}

/** The same pupil on both rows: every pupil field equal, and no purpose answered differently. */
function samePupil(a: ImportedPupil, b: ImportedPupil): boolean {
  const fields = same(a.studentNumber, b.studentNumber) && same(a.firstName, b.firstName) && same(a.lastNamePrefix, b.lastNamePrefix) && same(a.lastName, b.lastName)
  if (!fields || a.birthDate !== b.birthDate || !same(a.group, b.group)) return false
  return Object.keys(a.consents).every((code) => a.consents[code] === 'unknown' || b.consents[code] === 'unknown' || a.consents[code] === b.consents[code])
}

/** Adds the later row's guardians and answers to the earlier row's pupil. */
function mergeInto(first: ImportedPupil, later: ImportedPupil): void {
  for (const g of later.guardians) {
    const known = first.guardians.find(
      (o) => namesCompatible(o, g) && ((g.email !== '' && fold(o.email) === fold(g.email)) || (g.phoneNormalized !== '' && o.phoneNormalized === g.phoneNormalized) || fold(o.name) === fold(g.name)),
    )
    if (known) {
      known.email ||= g.email
      if (!known.phone) [known.phone, known.phoneNormalized] = [g.phone, g.phoneNormalized]
      known.relation ||= g.relation
    } else if (first.guardians.length < MAX_GUARDIANS) first.guardians.push({ ...g })
  }
  for (const [code, decision] of Object.entries(later.consents)) {
    if (decision === 'unknown' || first.consents[code] !== 'unknown') continue
    first.consents[code] = decision
    const row = later.consentRows[code]
    if (row !== undefined) first.consentRows[code] = row
  }
}

/**
 * Folds the rows of one sheet that are the same pupil into one (the first row's), in order.
 * Rows with the same number but other pupil data stay apart: those are for the user to decide.
 */
export function foldGuardianRows(pupils: readonly ImportedPupil[]): ImportedPupil[] {
  const out: ImportedPupil[] = []
  const seen = new Map<string, ImportedPupil>()
  for (const p of pupils) {
    const id = identity(p)
    const key = id === null ? null : `${p.fileIndex}/${p.sheetIndex}/${id}`
    const earlier = key === null ? undefined : seen.get(key)
    if (earlier && samePupil(earlier, p)) {
      mergeInto(earlier, p)
      continue
    }
    if (key !== null && !earlier) seen.set(key, p)
    out.push(p)
  }
  return out
}

// Finds pupils already in the register that a pupil typed by hand may be: the same folded name
// and birth date, or the same student number. Pupils who left count too (a child may return).
import type { ApiParsed } from '../../../shared/api.ts'
import { displayName } from '../../../shared/domain.ts'
import type { PossibleDuplicate } from '../../../shared/pupils.contract.ts'
import { fold } from '../../../shared/text.ts'
import type { CoreContext } from '../context.ts'
import { schoolYearId } from '../settings/settings.service.ts'
import { pupilsLike } from './pupil-records.queries.ts'

const folded = (p: { firstName: string; lastNamePrefix: string; lastName: string }): string =>
  fold(displayName(p))
    .replace(/[\s\-']+/g, ' ')
    .trim()

export function findDuplicates(ctx: CoreContext, input: ApiParsed<'pupils.duplicates'>): PossibleDuplicate[] {
  const studentNumber = input.studentNumber.trim()
  const birthDate = input.birthDate || null
  if (!studentNumber && !birthDate) return []
  const rows = pupilsLike(ctx.db, schoolYearId(ctx), birthDate, studentNumber)
  const typed = folded(input)
  const found: PossibleDuplicate[] = []
  for (const r of rows) {
    const reason = studentNumber && r.studentNumber === studentNumber ? 'student_number' : birthDate && r.birthDate === birthDate && folded(r) === typed ? 'name_and_birth_date' : null
    if (reason) found.push({ id: r.id, name: displayName(r), groupName: r.groupName, birthDate: r.birthDate, studentNumber: r.studentNumber, leftOn: r.leftOn, reason })
  }
  return found
}

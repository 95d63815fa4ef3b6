// Finds pupils already in the register that a pupil typed by hand may be: the same folded name
// and birth date, or the same student number. Pupils who left count too (a child may return).
import type { ApiParsed } from '../../../shared/api.ts'
import { displayName } from '../../../shared/domain.ts'
import type { PossibleDuplicate } from '../../../shared/pupils.contract.ts'
import { fold } from '../../../shared/text.ts'
import type { CoreContext } from '../context.ts'
import { currentSchoolYearId } from '../settings/settings.service.ts'

const folded = (p: { firstName: string; lastNamePrefix: string; lastName: string }): string => fold(displayName(p)).replace(/[\s\-']+/g, ' ').trim()

export function findDuplicates(ctx: CoreContext, input: ApiParsed<'pupils.duplicates'>): PossibleDuplicate[] {
  const studentNumber = input.studentNumber.trim()
  const birthDate = input.birthDate || null
  if (!studentNumber && !birthDate) return []
  const rows = ctx.db
    .prepare(
      `SELECT p.id, p.first_name AS firstName, p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, p.birth_date AS birthDate,
              p.student_number AS studentNumber, p.left_on AS leftOn, g.name AS groupName
         FROM pupils p
         LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ?
         LEFT JOIN groups g ON g.id = m.group_id
        WHERE (? IS NOT NULL AND p.birth_date = ?) OR (? <> '' AND p.student_number = ?)
        ORDER BY p.id`,
    )
    .all(currentSchoolYearId(ctx), birthDate, birthDate, studentNumber, studentNumber) as (Omit<PossibleDuplicate, 'name' | 'reason'> & { firstName: string; lastNamePrefix: string; lastName: string })[]
  const typed = folded(input)
  const found: PossibleDuplicate[] = []
  for (const r of rows) {
    const reason = studentNumber && r.studentNumber === studentNumber ? 'student_number' : birthDate && r.birthDate === birthDate && folded(r) === typed ? 'name_and_birth_date' : null
    if (reason) found.push({ id: r.id, name: displayName(r), groupName: r.groupName, birthDate: r.birthDate, studentNumber: r.studentNumber, leftOn: r.leftOn, reason })
  }
  return found
}

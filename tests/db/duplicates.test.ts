// A pupil typed by hand next to one already in the register: same folded name and birth date,
// or same student number, is found; a different child with the same birth date is not.
import { describe, expect, it } from 'vitest'
import { ok, registerCore } from '../helpers/register.ts'

describe('possible duplicates when adding a pupil by hand', () => {
  it('finds the same name without accents or case and the same birth date, and the same student number', async () => {
    const { core, pupil } = await registerCore()
    const byName = await ok(core, 'pupils.duplicates', { firstName: 'zoe', lastNamePrefix: 'Van der', lastName: 'BERG', birthDate: '2017-04-07' })
    expect(byName).toEqual([expect.objectContaining({ id: pupil.id, name: 'Zoë van der Berg', groupName: '5', reason: 'name_and_birth_date' })])
    const byNumber = await ok(core, 'pupils.duplicates', { firstName: 'Anna', lastName: 'Smit', birthDate: '2019-01-01', studentNumber: '1001' })
    expect(byNumber).toEqual([expect.objectContaining({ id: pupil.id, reason: 'student_number' })])
    expect(await ok(core, 'pupils.duplicates', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-08' })).toEqual([])
    expect(await ok(core, 'pupils.duplicates', { firstName: 'Sanne', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07' })).toEqual([])
  })
})

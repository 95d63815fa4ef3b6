// A register to test against: the typed call that fails on an error (call-ok.ts), and a small school.
import type { Door } from '../../electron/core/call.ts'
import { ok } from './call-ok.ts'
import { testCore } from './db.ts'

export { ok }

/** Sets up an empty school, OBS De Linde, with Ans de Wit as the staff name: ready to record answers. */
export async function setUpEmptySchool(core: Door): Promise<void> {
  await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
  await ok(core, 'settings.update', { staffName: 'Ans de Wit' })
}

/** An empty school with a staff name, one group and one pupil with two guardians. */
export async function registerCore(now?: Date) {
  const core = testCore(now)
  await setUpEmptySchool(core)
  const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
  const pupil = await ok(core, 'pupils.save', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '1001', groupId: group.id })
  const mother = await ok(core, 'guardians.save', { pupilId: pupil.id, name: 'Marieke van der Berg', relation: 'moeder', email: 'marieke@voorbeeld.nl', phone: '06-12345678' })
  const father = await ok(core, 'guardians.save', { pupilId: pupil.id, name: 'Ömer Yılmaz', relation: 'vader', phone: '0687654321' })
  const purposes = await ok(core, 'purposes.list', {})
  const purpose = (code: string) => {
    const p = purposes.find((x) => x.code === code)
    if (!p) throw new Error(code)
    return p
  }
  return { core, group, pupil, mother, father, purposes, purpose }
}

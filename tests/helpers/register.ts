import type { ApiInput, ApiOutput, Method } from '../../shared/api.ts'
import { call, type Door } from '../../electron/core/call.ts'
import { testCore } from './db.ts'

/** Calls a method through the real dispatch (in this process, or the harness's worker) and fails the test on an error result. */
export async function ok<M extends Method>(core: Door, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await call(core, method, input)
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`)
  return r.value
}

/** An empty school with a staff name, one group and one pupil with two guardians. */
export async function registerCore(now?: Date) {
  const core = testCore(now)
  await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
  await ok(core, 'settings.update', { staffName: 'Ans de Wit' })
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

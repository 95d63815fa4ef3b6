// A pupil saved and a duplicate check within one call use the school year of that call, read
// once: a change of the setting behind their back (another process, a rollover elsewhere) does
// not move the pupil to a group of another year halfway through the save.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { handlers } from '../../electron/core/api.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { createDispatch } from '../../electron/core/dispatch.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { findDuplicates } from '../../electron/core/pupils/duplicates.ts'
import { savePupil } from '../../electron/core/pupils/pupils.service.ts'
import { schoolYearId } from '../../electron/core/settings/settings.service.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

async function school(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-call-pupils-'))
  dirs.push(dir)
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => new Date('2026-11-22T09:30:00Z') })
  await setUpEmptySchool(core)
  return core
}

/** Sets the school year in the settings table directly, as another process would. */
const yearBehindTheBack = (core: Core, name: string): void => {
  core.ctx.db.prepare(`INSERT INTO school_settings (key, value) VALUES ('schoolYear', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(name)
}

describe('the school year within a pupil call', () => {
  it('a save puts the pupil in the group of the year the call started with', async () => {
    const core = await school()
    const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
    const dispatch = createDispatch(core.ctx, {
      ...handlers,
      'pupils.save': (ctx, input) => {
        schoolYearId(ctx)
        yearBehindTheBack(core, '2030-2031')
        return savePupil(ctx, input)
      },
    })
    const r = await dispatch('pupils.save', { firstName: 'Sanne', lastName: 'Bakker', birthDate: '2017-03-04', groupId: group.id, yearLevel: 5 })
    expect(r.ok ? null : r.error.message).toBeNull()
    const yearOfMembership = core.ctx.db.prepare(`SELECT y.name FROM group_memberships m JOIN school_years y ON y.id = m.school_year_id JOIN pupils p ON p.id = m.pupil_id WHERE p.first_name = 'Sanne'`).pluck().get()
    expect(yearOfMembership).toBe('2026-2027')
    core.close()
  })

  it('a duplicate check shows the group of the year the call started with', async () => {
    const core = await school()
    const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
    await ok(core, 'pupils.save', { firstName: 'Sanne', lastName: 'Bakker', birthDate: '2017-03-04', groupId: group.id, yearLevel: 5 })
    const dispatch = createDispatch(core.ctx, {
      ...handlers,
      'pupils.duplicates': (ctx, input) => {
        schoolYearId(ctx)
        yearBehindTheBack(core, '2030-2031')
        return findDuplicates(ctx, input)
      },
    })
    const r = await dispatch('pupils.duplicates', { firstName: 'Sanne', lastNamePrefix: '', lastName: 'Bakker', birthDate: '2017-03-04', studentNumber: '' })
    expect(r.ok ? (r.value as { groupName: string | null }[]).map((d) => d.groupName) : r.error.message).toEqual(['5'])
    core.close()
  })
})

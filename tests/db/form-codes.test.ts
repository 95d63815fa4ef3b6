// Form codes at the desk: typed without 'TR-' they still find the pupil (the pupil's own code and
// the code of a consent round's form); while a round runs, that round's code is the one shown.
import { describe, expect, it } from 'vitest'
import { ok, registerCore } from '../helpers/register.ts'

describe('form codes', () => {
  it("typed without 'TR-' (any case) a pupil's code and a round's code find the pupil; a name still finds by name", async () => {
    const { core, pupil, group } = await registerCore()
    const bare = pupil.formCode.replace(/^TR-/, '')
    expect((await ok(core, 'pupils.search', { query: bare.toLowerCase() })).map((h) => h.id)).toEqual([pupil.id])
    expect((await ok(core, 'pupils.search', { query: pupil.formCode })).map((h) => h.id)).toEqual([pupil.id])

    const round = await ok(core, 'campaigns.start', { name: 'Toestemming 2026-2027', groupIds: [group.id] })
    const roundCode = round.outstanding[0]?.code ?? ''
    expect((await ok(core, 'pupils.search', { query: roundCode.replace(/^TR-/, '').toLowerCase() })).map((h) => h.id)).toEqual([pupil.id])
    expect((await ok(core, 'pupils.get', { id: pupil.id })).roundForm).toEqual({ code: roundCode, campaignName: 'Toestemming 2026-2027' })

    await ok(core, 'campaigns.close', { id: round.id })
    expect((await ok(core, 'pupils.get', { id: pupil.id })).roundForm).toBeNull()

    // A six-letter name that could be a code is still searched as a name.
    const other = await ok(core, 'pupils.save', { firstName: 'Jasper', lastName: 'Kramer', birthDate: '2018-03-03' })
    expect((await ok(core, 'pupils.search', { query: 'jasper' })).map((h) => h.id)).toEqual([other.id])
  })
})

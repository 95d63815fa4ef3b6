// A form's every mistake comes back at once, each at its field, and nothing is saved.
import { describe, expect, it } from 'vitest'
import { ok, registerCore } from '../helpers/register.ts'

describe('every error of a form at once', () => {
  it('a guardian with a bad e-mail and a bad phone number gets both messages, each at its field, and is not saved', async () => {
    const { core, pupil } = await registerCore()
    const r = await core.dispatch('guardians.save', { pupilId: pupil.id, name: 'Kees Berg', email: 'kees@', phone: 'bel me' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('validation')
    expect(r.error.issues?.map((i) => i.field)).toEqual(['email', 'phone'])
    expect(r.error.issues?.every((i) => i.message.length > 10 && !/[a-z]+Id\b/.test(i.message))).toBe(true)
    expect((await ok(core, 'pupils.get', { id: pupil.id })).guardians.map((g) => g.name)).not.toContain('Kees Berg')
  })

  it('a single mistake carries no list: the message and its field are enough', async () => {
    const { core } = await registerCore()
    const r = await core.dispatch('pupils.save', { firstName: '', lastName: 'Berg' })
    expect(r).toEqual({ ok: false, error: { code: 'validation', field: 'firstName', message: 'Vul de roepnaam in.' } })
  })
})

import { describe, expect, it } from 'vitest'
import { testCore } from '../helpers/db.ts'

describe('settings', () => {
  it('saves the school name and writes an audit entry', async () => {
    const core = testCore()
    const r = await core.dispatch('settings.update', { schoolName: '  OBS De Linde ', staffName: 'Ans' })
    expect(r).toMatchObject({ ok: true, value: { schoolName: 'OBS De Linde', staffName: 'Ans', schoolYear: '2026-2027' } })
    const audit = core.ctx.db.prepare(`SELECT actor, action, new_value FROM audit_log`).all()
    expect(audit).toEqual([{ actor: 'Ans', action: 'settings.update', new_value: JSON.stringify({ schoolName: 'OBS De Linde', staffName: 'Ans' }) }])
  })

  it('refuses a school year that is not two consecutive years, in Dutch, at the field', async () => {
    const core = testCore()
    const r = await core.dispatch('settings.update', { schoolYear: '2026-2028' })
    expect(r).toEqual({
      ok: false,
      error: { code: 'validation', field: 'schoolYear', message: 'Een schooljaar loopt over twee opeenvolgende jaren, bijvoorbeeld 2026-2027.' },
    })
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolYear: '2026-2027' } })
  })
})

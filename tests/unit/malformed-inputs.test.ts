import { describe, expect, it } from 'vitest'
import { inputSchemas, type Method } from '../../shared/schemas.ts'
import { testCore } from '../helpers/db.ts'
import { ok } from '../helpers/register.ts'

/** Every table's rows, as one string: the database before and after must be the same. */
function snapshot(core: ReturnType<typeof testCore>): string {
  const db = core.ctx.db
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]
  return tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())}`).join('\n')
}

const HUGE = 'x'.repeat(2_000_000)
const BAD_INPUTS: [string, unknown][] = [
  ['a string', 'settings'],
  ['a number', 42],
  ['an array', [1, 2, 3]],
  ['true', true],
  ['an unknown key', { surprise: 1 }],
  ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['a constructor key', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ['a huge string in an unknown key', { huge: HUGE }],
]

describe('every method refuses malformed input cleanly and changes nothing', () => {
  const methods = Object.keys(inputSchemas) as Method[]

  it.each(methods)('%s', async (method) => {
    const core = testCore()
    await ok(core, 'school.setup', { mode: 'demo' })
    const before = snapshot(core)
    for (const [what, input] of BAD_INPUTS) {
      const r = await core.dispatch(method, input)
      expect(r.ok, `${method} with ${what}`).toBe(false)
      if (r.ok) continue
      expect(r.error.code, `${method} with ${what}`).toBe('validation')
      expect(r.error.message.length).toBeGreaterThan(5)
      expect(r.error.message).not.toMatch(/undefined|\[object|TypeError|SQLITE/)
    }
    expect(snapshot(core)).toBe(before)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    core.close()
  })

  it('refuses unknown methods, including names that look like object internals', async () => {
    const core = testCore()
    for (const name of ['nope.nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { method: 'x' }]) {
      expect(await core.dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    }
    core.close()
  })

  it('refuses huge strings in real fields with a Dutch message, and saves nothing', async () => {
    const core = testCore()
    await ok(core, 'school.setup', { mode: 'demo' })
    const before = snapshot(core)
    const cases: [Method, Record<string, unknown>][] = [
      ['settings.update', { schoolName: HUGE }],
      ['pupils.save', { firstName: HUGE, lastName: 'Bos' }],
      ['pupils.search', { query: HUGE }],
      ['guardians.save', { pupilId: 1, name: 'X', email: `${HUGE}@x.nl` }],
      ['purposes.save', { label: HUGE }],
      ['dossier.save', { pupilId: 1, entryDate: '2026-11-22', kind: 'brief', title: 'T', body: HUGE.repeat(2) }],
    ]
    for (const [method, input] of cases) {
      const r = await core.dispatch(method, input)
      expect(r, method).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(snapshot(core)).toBe(before)
    core.close()
  })
})

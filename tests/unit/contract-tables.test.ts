// The contract's tables are combined from the feature files: every method has one schema and one
// handler, and a name that two features define is refused at start (and does not compile).
import { describe, expect, it } from 'vitest'
import { handlers } from '../../electron/core/api.ts'
import { call } from '../../electron/core/call.ts'
import { combineTables } from '../../shared/combine.ts'
import { inputSchemas } from '../../shared/schemas.ts'

describe('the combined contract', () => {
  it('has a handler for exactly the methods that have an input schema', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(inputSchemas).sort())
    expect(Object.keys(inputSchemas).length).toBeGreaterThan(60)
  })

  it('refuses a method name that two feature tables define, naming the method', () => {
    const pupils = { 'pupils.get': () => 'from pupils' }
    const other = { 'pupils.get': () => 'from another feature', 'other.list': () => [] }
    // @ts-expect-error a duplicate method name does not compile either
    expect(() => combineTables('handlers', [pupils, other])).toThrow(/'pupils\.get' is defined twice/)
  })

  it('keeps every part of tables that share no name', () => {
    const combined = combineTables('handlers', [{ 'a.one': 1 }, { 'b.two': 2, 'b.three': 3 }])
    expect(combined).toEqual({ 'a.one': 1, 'b.two': 2, 'b.three': 3 })
  })
})

describe('the typed call', () => {
  it("hands the method and input to the door's dispatch as they are, and a wrong name or field does not compile", async () => {
    const seen: unknown[] = []
    const door = { dispatch: async (method: unknown, input: unknown) => (seen.push([method, input]), { ok: true as const, value: [] }) }
    expect(await call(door, 'groups.list', {})).toEqual({ ok: true, value: [] })
    // @ts-expect-error no such method: dispatch answers unknown_method at run time, the types refuse it before
    await call(door, 'groups.remove', {})
    // @ts-expect-error pupils.get takes an id, not a name
    await call(door, 'pupils.get', { name: 'Zoë' })
    expect(seen).toEqual([
      ['groups.list', {}],
      ['groups.remove', {}],
      ['pupils.get', { name: 'Zoë' }],
    ])
  })
})

// Import sessions in the core (electron/core/imports/sessions.ts): one at a time, an hour idle at
// most, and each use gets fresh copies of the read files (preparing them must not change the session).
import { describe, expect, it } from 'vitest'
import { UNKNOWN_SESSION_MESSAGE } from '../../shared/imports.contract.ts'
import { dropImportSessions, openSession, openSessions, SESSION_IDLE_MS, sessionFiles } from '../../electron/core/imports/sessions.ts'
import type { PreparedFile } from '../../electron/core/imports/analyze.ts'
import { createTempFolder } from '../../electron/core/temp-folder.ts'

const file = (name: string): PreparedFile => ({ index: 0, name, size: 3, sha256: 'abc', read: { ok: false, error: 'x' }, sheets: [] })
const core = () => ({ temp: createTempFolder() })
const gone = { code: 'not_found', message: UNKNOWN_SESSION_MESSAGE }

describe('import sessions', () => {
  it('a session used within the hour stays; one idle for longer than an hour asks to choose the files again', () => {
    const ctx = core()
    const id = openSession(ctx, [file('a.csv')], 0)
    expect(sessionFiles(ctx, id, SESSION_IDLE_MS - 1).map((f) => f.name)).toEqual(['a.csv'])
    // Each use counts: an hour after the last use, not after the opening.
    expect(sessionFiles(ctx, id, 2 * SESSION_IDLE_MS - 2)).toHaveLength(1)
    expect(() => sessionFiles(ctx, id, 3 * SESSION_IDLE_MS)).toThrow(expect.objectContaining(gone))
    expect(openSessions(ctx)).toBe(0)
  })

  it('a new session ends the one before, a restore ends all, and another core knows none of them', () => {
    const ctx = core()
    const first = openSession(ctx, [file('a.csv')])
    const second = openSession(ctx, [file('b.csv')])
    expect(() => sessionFiles(ctx, first)).toThrow(expect.objectContaining(gone))
    expect(() => sessionFiles(core(), second)).toThrow(expect.objectContaining(gone))
    expect(sessionFiles(ctx, second)[0]?.name).toBe('b.csv')
    dropImportSessions(ctx)
    expect(() => sessionFiles(ctx, second)).toThrow(expect.objectContaining(gone))
  })

  it('what preparing fills in on the copies does not stay in the session', () => {
    const ctx = core()
    const id = openSession(ctx, [file('a.csv')])
    const copy = sessionFiles(ctx, id)[0] as PreparedFile
    copy.error = 'leeg bestand'
    copy.sheets.push({ sheetIndex: 0, name: 'Blad1' } as PreparedFile['sheets'][number])
    expect(sessionFiles(ctx, id)[0]).toEqual(file('a.csv'))
  })
})

// The no-consent list and the pupil list's consent column keep the decisions they worked out
// (electron/core/consent/no-consent-list.ts) only while nothing changes: an answer recorded at the
// desk, an answer by another connection, and a new day (an answer dated ahead comes into effect)
// each show in the very next list. 'The list must be current the moment a parent changes their mind.'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { ok, registerCore, setUpEmptySchool } from '../helpers/register.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the kept decisions of the no-consent list', () => {
  it('an answer at the desk shows in the next list and consent column, as does a granted one', async () => {
    const { core, pupil, purpose } = await registerCore()
    const website = purpose('website')
    const onList = async () => (await ok(core, 'consent.noConsentList', { purposeIds: [website.id] })).rows.map((r) => `${r.pupilId}:${r.decision}`)
    expect(await onList()).toEqual([`${pupil.id}:unknown`])
    expect((await ok(core, 'pupils.consentSummary', {}))[pupil.id]?.refused).toBe(0)
    await ok(core, 'consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website.id, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'phone' })
    expect(await onList()).toEqual([`${pupil.id}:refused`])
    expect((await ok(core, 'pupils.consentSummary', {}))[pupil.id]?.refused).toBe(1)
    expect((await ok(core, 'consent.noConsentList', { only: 'unknown', purposeIds: [website.id] })).rows).toEqual([])
    await ok(core, 'consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website.id, decision: 'granted' }], effectiveFrom: '2026-11-22', source: 'desk' })
    expect(await onList()).toEqual([])
  })

  it("another connection's answer, and an answer dated ahead once its day has come", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-kept-'))
    dirs.push(dir)
    let clock = new Date('2026-11-22T09:30:00Z')
    const dbPath = join(dir, 'school.sqlite')
    const core = openCore({ dbPath, appVersion: 'test', now: () => clock })
    await setUpEmptySchool(core)
    const pupil = await ok(core, 'pupils.save', { firstName: 'Zoë', lastName: 'Berg' })
    const website = (await ok(core, 'purposes.list', {})).find((p) => p.code === 'website')
    if (!website) throw new Error('no website purpose')
    const decision = async () => (await ok(core, 'consent.noConsentList', { purposeIds: [website.id] })).rows[0]?.decision ?? 'granted'
    expect(await decision()).toBe('unknown')

    const other = openCore({ dbPath, appVersion: 'test', now: () => clock })
    await ok(other, 'consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website.id, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'phone' })
    other.close()
    expect(await decision()).toBe('refused')

    await ok(core, 'consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website.id, decision: 'granted' }], effectiveFrom: '2026-11-25', source: 'paper_form' })
    expect(await decision()).toBe('refused') // not yet in effect
    clock = new Date('2026-11-25T08:00:00Z')
    expect(await decision()).toBe('granted')
    core.close()
  })
})

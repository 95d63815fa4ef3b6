// A computer clock that lies: history in the order things happened, lists that keep the answers in
// effect, and a clock that went back (or a date far ahead) refused with a message about the clock.
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import type { DossierData } from '../../electron/core/documents/dossier.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { make, pdfPages } from '../documents/helpers.ts'

silenceLog()

const REAL_NOW = new Date('2026-11-22T09:30:00Z')
const HOUR = 3_600_000

/** A school with one pupil and a clock the test can set, as a user sets the computer's clock. */
async function schoolWithClock() {
  const clock = { now: REAL_NOW }
  const core: Core = openCore({ dbPath: ':memory:', appVersion: '0.0.0-test', now: () => clock.now })
  await setUpEmptySchool(core)
  const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
  const pupil = await ok(core, 'pupils.save', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '1001', groupId: group.id })
  const purposes = await ok(core, 'purposes.list', {})
  const website = purposes.find((p) => p.code === 'website')?.id ?? 0
  const record = (decision: 'granted' | 'refused', effectiveFrom = '2026-11-22') => core.dispatch('consent.record', { pupilId: pupil.id, decisions: [{ purposeId: website, decision }], effectiveFrom, source: 'desk' })
  return { core, clock, pupil, website, record }
}

/** What the desk sees: the pupil page's cell, the no-consent list's row, and the history and dossier, newest first. */
async function whatTheDeskSees(s: Awaited<ReturnType<typeof schoolWithClock>>) {
  const { core, pupil, website } = s
  const detail = await ok(core, 'pupils.get', { id: pupil.id })
  const list = await ok(core, 'consent.noConsentList', { purposeIds: [website] })
  const history = await ok(core, 'consent.history', { pupilId: pupil.id })
  return {
    pupilPage: detail.consent.find((c) => c.purposeId === website)?.decision,
    noConsentList: list.rows.map((r) => r.decision),
    history: history.map((h) => h.decision),
  }
}

/** The dossier as exported (ZIP with JSON) and the audit log of the pupil, newest first. */
async function whatTheDossierSays(s: Awaited<ReturnType<typeof schoolWithClock>>) {
  const { core, pupil } = s
  const zip = unzipSync(new Uint8Array(await make(core, 'documents.dossier', { pupilId: pupil.id, format: 'zip' })))
  const json = Object.entries(zip).find(([name]) => name.endsWith('.json'))?.[1]
  const dossier = JSON.parse(strFromU8(json ?? new Uint8Array())) as DossierData
  const audit = await ok(core, 'audit.list', { pupilId: pupil.id, limit: 100 })
  return {
    dossierCurrent: dossier.currentConsent.find((c) => c.purposeCode === 'website')?.decision,
    dossierHistory: dossier.consentHistory.map((h) => h.decision),
    auditLog: audit.filter((a) => a.action === 'consent.record').map((a) => (a.newValue as { decision: string }).decision),
  }
}

describe('history in the order things happened', () => {
  it('a clock set back 20 hours: the refusal recorded after the grant is current and listed first everywhere', async () => {
    const s = await schoolWithClock()
    expect((await s.record('granted')).ok).toBe(true)
    s.clock.now = new Date(REAL_NOW.getTime() - 20 * HOUR) // 21-11-2026 14:30 local: within the tolerance of a day
    expect((await s.record('refused')).ok).toBe(true)
    const seen = await whatTheDeskSees(s)
    expect(seen).toEqual({ pupilPage: 'refused', noConsentList: ['refused'], history: ['refused', 'granted'] })
    expect(await whatTheDossierSays(s)).toEqual({ dossierCurrent: 'refused', dossierHistory: ['refused', 'granted'], auditLog: ['refused', 'granted'] })
    // The same once the clock is right again.
    s.clock.now = new Date(REAL_NOW.getTime() + HOUR)
    expect(await whatTheDeskSees(s)).toEqual(seen)
    expect(await whatTheDossierSays(s)).toEqual({ dossierCurrent: 'refused', dossierHistory: ['refused', 'granted'], auditLog: ['refused', 'granted'] })
    // The dossier PDF lists the refusal in the first row of the history.
    const pdf = (await pdfPages(await make(s.core, 'documents.dossier', { pupilId: s.pupil.id, format: 'pdf' }))).join('\n')
    const history = pdf.slice(pdf.indexOf('Wat er is vastgelegd'), pdf.indexOf('Stukken in het dossier')).replace(/\s+/g, ' ')
    expect([...history.matchAll(/Website van de school: van [a-z ]+? naar (geweigerd|toestemming)/g)].map((m) => m[1])).toEqual(['geweigerd', 'toestemming'])
  })

  it('a clock set back a year: answers already in effect stay in effect on every list', async () => {
    const s = await schoolWithClock()
    expect((await s.record('granted')).ok).toBe(true)
    s.clock.now = new Date('2025-11-22T09:30:00Z')
    expect(await whatTheDeskSees(s)).toEqual({ pupilPage: 'granted', noConsentList: [], history: ['granted'] })
    // A pupil who left in the summer does not come back onto the list.
    s.clock.now = REAL_NOW
    const lukas = await ok(s.core, 'pupils.save', { firstName: 'Lukas', lastName: 'Jansen', birthDate: '2014-02-01', studentNumber: '1002', enrolledOn: '2018-08-20', leftOn: '2026-07-17' })
    s.clock.now = new Date('2025-11-22T09:30:00Z')
    expect((await ok(s.core, 'consent.noConsentList', {})).rows.filter((r) => r.pupilId === lukas.id)).toEqual([])
    // Exporting the dossier is logged, so it waits for the clock (before any file is made).
    expect(await s.core.dispatch('documents.dossier', { pupilId: s.pupil.id, format: 'zip' })).toMatchObject({ ok: false, error: { code: 'clock' } })
  })
})

describe('a clock that went back', () => {
  it('set back a year: a refusal after a grant is refused with a message about the clock, and nothing is saved', async () => {
    const s = await schoolWithClock()
    expect((await s.record('granted')).ok).toBe(true)
    s.clock.now = new Date('2025-11-22T09:30:00Z')
    const r = await s.record('refused', '2025-11-22')
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'clock',
        message:
          'De klok van deze computer staat op 22-11-2025 10:30, maar het register heeft al wijzigingen van 22-11-2026 10:30. ' +
          'Zet de datum en tijd van de computer goed en probeer het opnieuw. Er is niets opgeslagen.',
      },
    })
    // Nothing was written: no record, no log line, and the grant still stands.
    expect(await ok(s.core, 'consent.history', { pupilId: s.pupil.id })).toHaveLength(1)
    expect(s.core.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'consent.record'`).pluck().get()).toBe(1)
    // Every other change is refused the same way (here: a pupil's data).
    const edit = await s.core.dispatch('pupils.save', {
      id: s.pupil.id,
      version: (await ok(s.core, 'pupils.get', { id: s.pupil.id })).version,
      firstName: 'Zoey',
      lastNamePrefix: 'van der',
      lastName: 'Berg',
      birthDate: '2017-04-07',
      studentNumber: '1001',
    })
    expect(edit).toMatchObject({ ok: false, error: { code: 'clock' } })
    // With the clock right again, the refusal can be recorded.
    s.clock.now = new Date(REAL_NOW.getTime() + HOUR)
    expect((await s.record('refused')).ok).toBe(true)
    expect((await whatTheDeskSees(s)).pupilPage).toBe('refused')
  })
})

describe('dates far ahead', () => {
  it('an answer taking effect more than a year from today is refused, with the date and the clock in the message', async () => {
    const s = await schoolWithClock()
    const r = await s.record('granted', '2027-11-23')
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'validation',
        field: 'effectiveFrom',
        message:
          'De datum waarop het antwoord ingaat (23-11-2027) ligt meer dan een jaar na vandaag (22-11-2026 volgens de klok van deze computer). ' +
          'Controleer de datum, en of de datum en tijd van de computer goed staan. Er is niets opgeslagen.',
      },
    })
    expect(await ok(s.core, 'consent.history', { pupilId: s.pupil.id })).toEqual([])
    // Exactly a year ahead is still a date someone may mean (a form for next school year).
    expect((await s.record('granted', '2027-11-22')).ok).toBe(true)
  })
})

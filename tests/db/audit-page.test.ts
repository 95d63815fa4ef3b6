// The Logboek's listing: plain Dutch sentences with the pupil's name, filters, search and paging,
// and never an internal code ('retention.remove', 'guardianId: 135', '[object Object]').
import { describe, expect, it } from 'vitest'
import { ok, registerCore } from '../helpers/register.ts'

const INTERNAL = /\b[a-z]+\.[a-z_]+\b|guardianId|pupilId|purposeId|\[object Object\]|\{|\}|"|\b\w+Id\b/

describe('the Logboek listing', () => {
  it('tells each change as a sentence with the pupil and guardian by name, and filters on pupil, kind, staff member, date and text', async () => {
    const { core, pupil, father, purpose } = await registerCore(new Date('2026-11-22T09:30:00Z'))
    const other = await ok(core, 'pupils.save', { firstName: 'Daan', lastNamePrefix: '', lastName: 'Jansen', birthDate: '2018-02-01' })
    await ok(core, 'consent.record', { pupilId: pupil.id, guardianId: father.id, effectiveFrom: '2026-11-22', source: 'phone', decisions: [{ purposeId: purpose('website').id, decision: 'refused' }] })
    await ok(core, 'pupils.save', { id: pupil.id, version: pupil.version, leavingReason: 'verhuisd', leftOn: '2026-11-22' })
    await ok(core, 'settings.update', { staffName: 'Piet Balie' })
    await ok(core, 'pupils.save', { id: other.id, version: other.version, studentNumber: '2002' })

    const all = await ok(core, 'audit.page', {})
    expect(all.total).toBe(all.lines.length)
    for (const line of all.lines) expect(line.sentence, line.sentence).not.toMatch(INTERNAL)

    const zoe = await ok(core, 'audit.page', { pupilId: pupil.id })
    const sentences = zoe.lines.map((l) => l.sentence)
    expect(sentences).toContain("Toestemming voor 'Website van de school' van Zoë van der Berg vastgelegd: geweigerd (was geen antwoord), antwoord van Ömer Yılmaz via telefoon, gaat in op 22-11-2026.")
    expect(sentences).toContain("Gegevens van Zoë van der Berg gewijzigd: vertrokken op van leeg in 22-11-2026, reden van vertrek van leeg in 'verhuisd'.")
    expect(sentences).toContain('Ouder/verzorger Ömer Yılmaz toegevoegd bij Zoë van der Berg (vader).')
    expect(sentences).toContain('Leerling Zoë van der Berg toegevoegd in groep 5.')
    expect(zoe.lines.every((l) => l.pupilName === 'Zoë van der Berg' || l.pupilId === null)).toBe(true)
    expect(zoe.lines.some((l) => l.sentence.includes('Daan'))).toBe(false)

    expect((await ok(core, 'audit.page', { kind: 'consent' })).lines.map((l) => l.kind)).toEqual(['consent'])
    const piet = await ok(core, 'audit.page', { actor: 'Piet Balie' })
    expect(piet.lines.map((l) => l.sentence)).toEqual(["Gegevens van Daan Jansen gewijzigd: leerlingnummer van leeg in '2002'.", "Instellingen gewijzigd: naam van de gebruiker van 'Ans de Wit' in 'Piet Balie'."])
    expect(all.actors).toEqual(expect.arrayContaining(['Ans de Wit', 'Piet Balie']))
    expect((await ok(core, 'audit.page', { query: 'zoe' })).lines.length).toBe(zoe.lines.filter((l) => l.pupilId === pupil.id).length)
    expect((await ok(core, 'audit.page', { query: 'verhuisd' })).total).toBe(1)
    expect((await ok(core, 'audit.page', { from: '2026-11-23' })).total).toBe(0)
    expect((await ok(core, 'audit.page', { from: '2026-11-22', to: '2026-11-22' })).total).toBe(all.total)
  })

  it('pages the log, newest first, with the total', async () => {
    const { core, pupil } = await registerCore()
    let version = pupil.version
    for (let i = 0; i < 12; i++) version = (await ok(core, 'pupils.save', { id: pupil.id, version, studentNumber: String(3000 + i) })).version
    const first = await ok(core, 'audit.page', { pageSize: 5 })
    const third = await ok(core, 'audit.page', { pageSize: 5, page: 3 })
    expect(first.total).toBeGreaterThan(12)
    expect(first.lines[0]?.sentence).toContain("in '3011'")
    expect(third.lines[0]?.id).toBeLessThan(first.lines.at(-1)?.id ?? 0)
    const pages = Math.ceil(first.total / 5)
    expect((await ok(core, 'audit.page', { pageSize: 5, page: pages })).lines.length).toBe(first.total - (pages - 1) * 5)
  })

  it('a removal after the retention period and an unknown action read as plain sentences too', async () => {
    const { auditSentence } = await import('../../electron/core/audit/audit-sentences.ts')
    const names = { pupil: null, guardian: () => null, group: () => null, purpose: () => null }
    expect(auditSentence({ action: 'retention.remove', entity: 'retention', entityId: null, oldValue: null, newValue: { pupils: 3 } }, names)).toBe('Gegevens van vertrokken leerlingen verwijderd na de bewaartermijn.')
    expect(auditSentence({ action: 'campaign.start', entity: 'campaign', entityId: 1, oldValue: null, newValue: { name: 'Ronde 2026', forms: 12, criteria: { groupIds: [1] } } }, names)).toBe(
      "Toestemmingsronde 'Ronde 2026' gestart met 12 formulieren.",
    )
    expect(auditSentence({ action: 'something.new', entity: 'x', entityId: 135, oldValue: null, newValue: { guardianId: 135 } }, names)).toBe('Wijziging in het register.')
  })
})

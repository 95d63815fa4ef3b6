import { describe, expect, it } from 'vitest'
import { bytesOf, pdfPages } from '../documents/helpers.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { testCore } from '../helpers/db.ts'
import { ok } from '../helpers/register.ts'

async function demo() {
  const core = testCore()
  await ok(core, 'school.setup', { mode: 'demo' })
  const groups = await ok(core, 'groups.list', {})
  const group5 = groups.find((g) => g.name === '5')
  if (!group5) throw new Error('no group 5')
  const purposes = await ok(core, 'purposes.list', {})
  return { core, group5, purposes }
}

describe('consent campaigns', () => {
  it('prints forms with their own codes, counts returned forms by code, per group, and lists what is outstanding', async () => {
    const { core, group5, purposes } = await demo()
    const campaign = await ok(core, 'campaigns.start', { name: 'Toestemming 2026-2027', groupIds: [group5.id] })
    expect(campaign).toMatchObject({ total: 20, returned: 0, groups: [{ name: '5', total: 20, returned: 0 }] })
    const codes = campaign.outstanding.map((o) => o.code)
    expect(new Set(codes).size).toBe(20)

    const pages = await pdfPages(bytesOf(await ok(core, 'campaigns.printForms', { id: campaign.id })))
    expect(pages).toHaveLength(20)
    for (const o of campaign.outstanding) expect(pages.some((p) => p.includes(o.code))).toBe(true)

    const answers = purposes.map((p) => ({ purposeId: p.id, decision: 'granted' as const }))
    for (const o of campaign.outstanding.slice(0, 3)) {
      const form = await ok(core, 'campaigns.findForm', { code: o.code.toLowerCase() })
      expect(form.pupil.id).toBe(o.pupilId)
      const returned = await ok(core, 'campaigns.recordReturn', { code: o.code, decisions: answers, effectiveFrom: '2026-11-22', consentStamp: form.pupil.consentStamp })
      expect(returned.returnedAt).not.toBeNull()
      expect(returned.pupil.consent.every((c) => c.decision === 'granted')).toBe(true)
    }
    const progress = await ok(core, 'campaigns.get', { id: campaign.id })
    expect(progress).toMatchObject({ total: 20, returned: 3, groups: [{ name: '5', total: 20, returned: 3 }] })
    expect(progress.outstanding).toHaveLength(17)
    const history = await ok(core, 'consent.history', { pupilId: campaign.outstanding[0]?.pupilId ?? 0 })
    expect(history[0]?.sourceDetail).toBe(`toestemmingsformulier Toestemming 2026-2027, code ${campaign.outstanding[0]?.code}`)

    const reminder = (await pdfPages(bytesOf(await ok(core, 'campaigns.reminderList', { id: campaign.id })))).join('\n')
    expect(reminder).toContain('3 van 20')
    for (const o of progress.outstanding) expect(reminder).toContain(o.code)
    for (const o of campaign.outstanding.slice(0, 3)) expect(reminder).not.toContain(o.code)

    // A returned form with its scan, chosen at the desk: kept by its token with the answers.
    const fourth = campaign.outstanding[3]
    const scan = Buffer.from('%PDF-1.4\n% teruggekomen formulier\n%%EOF\n')
    const withScan = await ok(core, 'campaigns.recordReturn', { code: fourth?.code ?? '', decisions: answers, effectiveFrom: '2026-11-22', attachment: chooseFile(core, `formulier-${fourth?.code}.pdf`, scan) })
    expect(withScan.returnedAt).not.toBeNull()
    const proved = await ok(core, 'consent.history', { pupilId: fourth?.pupilId ?? 0 })
    expect(proved.slice(0, answers.length).map((h) => h.attachment?.fileName)).toEqual(answers.map(() => `formulier-${fourth?.code}.pdf`))
    expect(proved[0]?.attachment?.size).toBe(scan.length)

    // The search box finds the pupil by the round's code too.
    const hits = await ok(core, 'pupils.search', { query: codes[5] ?? '' })
    expect(hits.map((h) => h.id)).toEqual([campaign.outstanding[5]?.pupilId])
  })

  it('chooses pupils without an answer, and refuses an unknown code or a closed round with a Dutch message', async () => {
    const { core } = await demo()
    const everyone = await ok(core, 'pupils.list', {})
    const c = await ok(core, 'campaigns.start', { name: 'Nog geen antwoord', withoutAnswer: true })
    expect(c.total).toBeGreaterThan(0)
    expect(c.total).toBeLessThan(everyone.length)
    for (const o of c.outstanding.slice(0, 5)) {
      const detail = await ok(core, 'pupils.get', { id: o.pupilId })
      expect(detail.consent.some((x) => x.decision === 'unknown')).toBe(true)
    }
    expect(await core.dispatch('campaigns.findForm', { code: 'TR-ZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('bestaat niet') } })
    const closed = await ok(core, 'campaigns.close', { id: c.id })
    expect(closed.closedAt).not.toBeNull()
    const late = await core.dispatch('campaigns.findForm', { code: c.outstanding[0]?.code ?? '' })
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('afgesloten') } })
    expect((await ok(core, 'campaigns.list', {}))[0]).toMatchObject({ id: c.id, total: c.total, returned: 0 })
  })
})

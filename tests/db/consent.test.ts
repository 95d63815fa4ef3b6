import { describe, expect, it } from 'vitest'
import { truncateSync } from 'node:fs'
import { chosenFile } from '../../electron/core/chosen-files.ts'
import { chooseFile, chooseSparseFile } from '../helpers/chosen-file.ts'
import type { ApiInput } from '../../shared/api.ts'
import type { Decision } from '../../shared/domain.ts'
import { ok, registerCore } from '../helpers/register.ts'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6e2d70000000049454e44ae426082', 'hex')

type RecordInput = ApiInput<'consent.record'>

/**
 * The register with one pupil (registerCore), and what the cases here do with it: an answer for
 * that pupil, given by purpose code, at the desk today unless `more` says otherwise; and how many
 * consent records and attachments the database holds.
 */
async function consentSchool() {
  const school = await registerCore()
  const { core, pupil, purpose } = school
  const input = (decisions: Record<string, Decision>, more: Partial<RecordInput> = {}): RecordInput => ({
    pupilId: pupil.id,
    effectiveFrom: '2026-11-22',
    source: 'desk',
    decisions: Object.entries(decisions).map(([code, decision]) => ({ purposeId: purpose(code).id, decision })),
    ...more,
  })
  const answer = (decisions: Record<string, Decision>, more?: Partial<RecordInput>) => ok(core, 'consent.record', input(decisions, more))
  const attempt = (decisions: Record<string, Decision>, more?: Partial<RecordInput>) => core.dispatch('consent.record', input(decisions, more))
  const stored = () => ({
    records: core.ctx.db.prepare(`SELECT count(*) FROM consent_records`).pluck().get(),
    attachments: core.ctx.db.prepare(`SELECT count(*) FROM attachments`).pluck().get(),
  })
  return { ...school, input, answer, attempt, stored }
}

describe('consent register', () => {
  it('unknown is not consent: a pupil without answers is on every purpose list as "no answer"', async () => {
    const { core, purposes } = await registerCore()
    const list = await ok(core, 'consent.noConsentList', {})
    expect(list.rows).toHaveLength(purposes.length)
    expect(new Set(list.rows.map((r) => r.decision))).toEqual(new Set(['unknown']))
    expect(list.generatedAt).toBe('2026-11-22T09:30:00.000Z')
  })

  it('records a refusal with a scan; the pupil is on that list as refused, and withdrawing/re-granting keeps all records', async () => {
    const { core, pupil, purpose, answer } = await consentSchool()
    const website = purpose('website')
    let detail = await answer({ website: 'granted' }, { effectiveFrom: '2026-09-01', source: 'paper_form', consentStamp: 0 })
    expect(detail.consent.find((c) => c.purposeId === website.id)?.decision).toBe('granted')
    detail = await answer(
      { website: 'refused' },
      { effectiveFrom: '2026-11-20', source: 'email', note: 'Moeder trekt toestemming in per mail', attachment: chooseFile(core, 'mail.png', PNG), consentStamp: detail.consentStamp },
    )
    const list = await ok(core, 'consent.noConsentList', { purposeIds: [website.id] })
    expect(list.rows).toEqual([expect.objectContaining({ pupilId: pupil.id, decision: 'refused', groupName: '5' })])
    await answer({ website: 'granted' }, { consentStamp: detail.consentStamp })
    expect((await ok(core, 'consent.noConsentList', { purposeIds: [website.id] })).rows).toEqual([])
    const history = await ok(core, 'consent.history', { pupilId: pupil.id })
    expect(history.map((h) => h.decision)).toEqual(['granted', 'refused', 'granted'])
    expect(history[1]).toMatchObject({ source: 'email', recordedBy: 'Ans de Wit', note: 'Moeder trekt toestemming in per mail', attachment: { fileName: 'mail.png', mimeType: 'image/png', size: PNG.length } })
    expect(history[1]?.attachment?.sha256).toMatch(/^[0-9a-f]{64}$/)
    const stored = await ok(core, 'attachments.get', { id: history[1]?.attachment?.id ?? 0 })
    expect(stored.delivered === 'data' && Buffer.from(stored.data, 'base64').equals(PNG)).toBe(true)
  })

  it('a stale grid cannot save over a newer answer', async () => {
    const { core, pupil, answer, attempt } = await consentSchool()
    await answer({ press: 'refused' }, { consentStamp: 0 })
    const r = await attempt({ press: 'granted' }, { consentStamp: 0 })
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await ok(core, 'consent.history', { pupilId: pupil.id })).length).toBe(1)
  })

  it('strictest of guardians: when two guardians answer differently, refused wins and the conflict shows', async () => {
    const { mother, father, purpose, answer } = await consentSchool()
    const social = purpose('social_media').id
    const onForm = { effectiveFrom: '2026-10-01', source: 'paper_form' } as const
    await answer({ social_media: 'granted' }, { ...onForm, guardianId: mother.id })
    const d = await answer({ social_media: 'refused' }, { ...onForm, guardianId: father.id })
    const cell = d.consent.find((c) => c.purposeId === social)
    expect(cell).toMatchObject({ decision: 'refused', conflict: true })
    expect(cell?.perGuardian).toEqual(
      expect.arrayContaining([
        { guardianId: mother.id, decision: 'granted' },
        { guardianId: father.id, decision: 'refused' },
      ]),
    )
    // A later answer for the pupil as a whole (both signed a new form) settles it.
    const settled = await answer({ social_media: 'granted' }, { ...onForm, effectiveFrom: '2026-11-01' })
    expect(settled.consent.find((c) => c.purposeId === social)).toMatchObject({ decision: 'granted', conflict: false })
  })

  it('a disagreement shows each answer that counts with its date and proof; a joint answer settles it', async () => {
    const { mother, father, purpose, answer } = await consentSchool()
    const press = purpose('press').id
    await answer({ press: 'granted' }, { guardianId: mother.id, effectiveFrom: '2026-09-01', source: 'paper_form', sourceDetail: 'inschrijfformulier moeder' })
    const d = await answer({ press: 'refused' }, { guardianId: father.id, effectiveFrom: '2026-11-02', source: 'phone', sourceDetail: 'belde de balie' })
    const cell = d.consent.find((c) => c.purposeId === press)
    expect(cell?.disagreement).toEqual([
      { guardianId: mother.id, decision: 'granted', effectiveFrom: '2026-09-01', source: 'paper_form', sourceDetail: 'inschrijfformulier moeder' },
      { guardianId: father.id, decision: 'refused', effectiveFrom: '2026-11-02', source: 'phone', sourceDetail: 'belde de balie' },
    ])
    const joint = await answer({ press: 'refused' }, { guardianId: null, effectiveFrom: '2026-11-20', source: 'paper_form' })
    expect(joint.consent.find((c) => c.purposeId === press)).toMatchObject({ decision: 'refused', conflict: false, disagreement: [] })
  })

  it('an answer that takes effect in the future does not count yet', async () => {
    const { purpose, answer } = await consentSchool()
    const d = await answer({ website: 'granted' }, { effectiveFrom: '2026-12-01' })
    expect(d.consent.find((c) => c.purposeId === purpose('website').id)?.decision).toBe('unknown')
  })

  it('changing a purpose wording makes a new version and marks answers as "opnieuw vragen", without losing them', async () => {
    const { core, pupil, purpose, answer } = await consentSchool()
    const np = purpose('newsletter')
    await answer({ newsletter: 'granted' }, { effectiveFrom: '2026-09-01', source: 'paper_form' })
    const saved = await ok(core, 'purposes.save', { id: np.id, rowVersion: np.rowVersion, label: np.label, description: 'Ook in de digitale nieuwsbrief op de website.', active: true })
    expect(saved.version).toBe(2)
    const d = await ok(core, 'pupils.get', { id: pupil.id })
    expect(d.consent.find((c) => c.purposeId === np.id)).toMatchObject({ decision: 'granted', askAgain: true })
    const history = await ok(core, 'consent.history', { pupilId: pupil.id })
    expect(history[0]).toMatchObject({ purposeVersion: 1, purposeLabel: 'Nieuwsbrief' })
    const words = core.ctx.db.prepare(`SELECT version, description FROM purpose_versions WHERE purpose_id = ? ORDER BY version`).all(np.id)
    expect(words).toHaveLength(2)
    // A stale purpose screen is refused.
    const stale = await core.dispatch('purposes.save', { id: np.id, rowVersion: np.rowVersion, label: 'Anders', active: true })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('records several purposes at once, each a record with an audit entry (who, old, new)', async () => {
    const { core, pupil, purposes, answer } = await consentSchool()
    await answer(Object.fromEntries(purposes.map((p) => [p.code, 'refused'])))
    const audit = await ok(core, 'audit.list', { pupilId: pupil.id })
    const consentEntries = audit.filter((a) => a.action === 'consent.record')
    expect(consentEntries).toHaveLength(purposes.length)
    expect(consentEntries[0]).toMatchObject({ actor: 'Ans de Wit', oldValue: { decision: 'unknown' }, newValue: { decision: 'refused' } })
    const list = await ok(core, 'consent.noConsentList', {})
    expect(list.rows.every((r) => r.decision === 'refused')).toBe(true)
  })

  it('refuses attachments that are not a PDF or image, or too large, and saves nothing', async () => {
    const { core, attempt, stored } = await consentSchool()
    const docx = await attempt({ website: 'granted' }, { source: 'paper_form', attachment: chooseFile(core, 'brief.pdf', 'PK\u0003\u0004 not a pdf') })
    expect(docx).toMatchObject({ ok: false, error: { code: 'validation', field: 'attachment' } })
    expect(docx.ok || docx.error.message).toContain('geen PDF, JPG of PNG')
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0)
    Buffer.from('%PDF-1.7').copy(big)
    const tooBig = await attempt({ website: 'granted' }, { source: 'paper_form', attachment: chooseFile(core, 'scan.pdf', big) })
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'validation', field: 'attachment', message: expect.stringContaining('scan.pdf is groter dan 20 MB. Er is niets opgeslagen.') } })
    expect(stored()).toEqual({ records: 0, attachments: 0 })
  })

  it('a scan of 6 GB is refused by its size at once, before a byte is read; one that grew after it was chosen too', async () => {
    const { core, attempt, stored } = await consentSchool()
    const started = performance.now()
    const huge = await attempt({ website: 'granted' }, { source: 'paper_form', attachment: chooseSparseFile(core, 'scan-hele-map.pdf', 6 * 1024 ** 3) })
    // Reading 6 GB (or making it base64) takes far longer than this and would not fit in memory.
    expect(performance.now() - started).toBeLessThan(2000)
    expect(huge).toMatchObject({ ok: false, error: { code: 'validation', field: 'attachment', message: expect.stringContaining('scan-hele-map.pdf is groter dan 20 MB') } })
    // Chosen small, then grown to 6 GB before the save: the size is measured again where it is read.
    const grown = chooseFile(core, 'scan.pdf', '%PDF-1.4\n%%EOF\n')
    truncateSync(chosenFile(core.ctx, grown.token).path, 6 * 1024 ** 3)
    const later = await attempt({ website: 'granted' }, { source: 'paper_form', attachment: grown })
    expect(later).toMatchObject({ ok: false, error: { code: 'validation', field: 'attachment', message: expect.stringContaining('groter dan 20 MB') } })
    expect(stored()).toEqual({ records: 0, attachments: 0 })
  })

  it('a scan sent along as base64 is refused: a scan travels only by its token', async () => {
    const { core, input, stored } = await consentSchool()
    const sent = await core.dispatch('consent.record', { ...input({ website: 'granted' }, { source: 'paper_form' }), attachment: { fileName: 'mail.png', mimeType: 'image/png', data: PNG.toString('base64') } })
    expect(sent).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(stored().records).toBe(0)
  })

  it('nothing is recorded without a staff name', async () => {
    const { core, attempt } = await consentSchool()
    await ok(core, 'settings.update', { staffName: '' })
    const r = await attempt({ website: 'granted' })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'staffName' } })
  })

  it('the group overview counts granted, refused and no answer per purpose', async () => {
    const { core, group, purpose, answer } = await consentSchool()
    await ok(core, 'pupils.save', { firstName: 'Daan', lastName: 'Jansen', groupId: group.id })
    await answer({ website: 'refused', press: 'granted' })
    const overview = await ok(core, 'groups.overview', {})
    const g = overview.groups.find((x) => x.id === group.id)
    expect(g?.pupilCount).toBe(2)
    expect(g?.coverage.find((c) => c.purposeId === purpose('website').id)).toEqual({ purposeId: purpose('website').id, granted: 0, refused: 1, unknown: 1 })
    expect(g?.coverage.find((c) => c.purposeId === purpose('press').id)).toEqual({ purposeId: purpose('press').id, granted: 1, refused: 0, unknown: 1 })
  })

  it('sums up per pupil how many purposes are refused or unanswered, for the pupil list', async () => {
    const { core, pupil, purposes, answer } = await consentSchool()
    await answer({ website: 'refused', press: 'granted' })
    expect(await ok(core, 'pupils.consentSummary', {})).toEqual({ [pupil.id]: { refused: 1, unknown: purposes.length - 2, askAgain: 0 } })
  })
})

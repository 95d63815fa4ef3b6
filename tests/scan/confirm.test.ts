// Confirming scanned forms on a real register file: exactly the answers the user left, the page
// as proof, the round's returned count; nothing before confirming; a form is never recorded twice.
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiInput } from '../../shared/api.ts'
import { ok } from '../helpers/register.ts'
import { SCALE, pixelsOf, readerOf, scan, scanSchool, type PageSpec } from './confirm-school.ts'

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

async function school() {
  const s = await scanSchool()
  cleanup = s.done
  const pupil = (id: number) => ok(s.core, 'pupils.get', { id })
  const [website, social, guide] = s.purposes
  if (!website || !social || !guide) throw new Error('purposes')
  /** The round's i-th form. */
  const form = (i: number) => {
    const f = s.forms[i]
    if (!f) throw new Error('no form')
    return f
  }
  return { ...s, pupil, website, social, guide, form }
}

type Confirm = ApiInput<'scan.confirm'>
/** What the review sends to confirm one form: these answers in this order, by both guardians together unless one is named. */
const confirmation = (sessionId: string, formKey: string, answers: [number, Confirm['answers'][number]['answer']][], by: Pick<Confirm, 'guardianId' | 'consentStamp'> = { guardianId: null }): Confirm => ({
  sessionId,
  formKey,
  ...by,
  answers: answers.map(([purposeId, answer]) => ({ purposeId, answer })),
})

describe('confirming a scanned form', () => {
  it('records nothing when scanned, then exactly the confirmed answers with the signer, the page as proof and the round count', async () => {
    const s = await school()
    const form = s.form(0)
    const zoe = await s.pupil(form.pupilId)
    const signer = zoe.guardians[0]
    if (!signer) throw new Error('no guardian')
    const before = { records: s.count('consent_records'), attachments: s.count('attachments'), audit: s.count('audit_log') }
    const spec: PageSpec = {
      code: form.code,
      pupilId: form.pupilId,
      readings: new Map([
        [s.website.id, { reading: 'ja' }],
        [s.social.id, { reading: 'nee' }],
        [s.guide.id, { reading: 'onduidelijk', confidence: 0.3 }],
      ]),
      guardianIds: zoe.guardians.map((g) => g.id),
      signedBy: [signer.id],
    }
    const view = await scan(s.ctx, readerOf([spec]))
    expect({ records: s.count('consent_records'), attachments: s.count('attachments'), audit: s.count('audit_log') }).toEqual(before)
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(0)

    const [shown] = view.forms
    expect(shown).toMatchObject({ code: form.code, state: 'open', proposedGuardianId: signer.id, unsigned: false, needsAttention: true })
    // The unclear row comes first and proposes nothing.
    expect(shown?.rows.map((r) => [r.purposeId, r.proposal, r.unclear])).toEqual([
      [s.guide.id, 'none', true],
      [s.website.id, 'granted', false],
      [s.social.id, 'refused', false],
    ])

    // The user corrects the unclear row to 'nee' and confirms.
    const result = await ok(
      s.core,
      'scan.confirm',
      confirmation(
        view.sessionId,
        form.code,
        [
          [s.guide.id, 'refused'],
          [s.website.id, 'granted'],
          [s.social.id, 'refused'],
        ],
        { guardianId: signer.id, consentStamp: zoe.consentStamp },
      ),
    )
    expect(result).toMatchObject({ recorded: 3, campaign: { returned: 1, total: 20 }, form: { state: 'confirmed' } })
    expect(result.message).toContain("ronde 'Toestemming 2026-2027': 1 van 20 terug")
    expect(s.count('consent_records')).toBe(before.records + 3)
    expect(s.count('attachments')).toBe(before.attachments + 1)

    const after = await s.pupil(form.pupilId)
    const decision = (id: number) => after.consent.find((c) => c.purposeId === id)?.decision
    expect([decision(s.website.id), decision(s.social.id), decision(s.guide.id)]).toEqual(['granted', 'refused', 'refused'])
    const history = (await ok(s.core, 'consent.history', { pupilId: form.pupilId })).slice(0, 3)
    const pagePath = readerPagePath(s.ctx.db, history[0]?.attachment?.id)
    for (const h of history) {
      expect(h).toMatchObject({ source: 'paper_form', sourceDetail: `teruggekomen formulier ${form.code}, gescand 01-12-2026`, guardianId: signer.id, effectiveFrom: '2026-12-01' })
      expect(h.note).toBe(`Gescand: scan-0912.pdf, pagina 1. Ondertekend door ${signer.name}.`)
      expect(h.attachment).toMatchObject({ mimeType: 'image/png', fileName: `formulier-${form.code}-gescand-2026-12-01.png` })
    }
    expect(new Set(history.map((h) => h.attachment?.id)).size).toBe(1)
    expect(await pixelsOf(pagePath)).toMatchObject({ width: 595 * SCALE, height: 842 * SCALE })
    expect(history[0]?.attachment?.sha256).toBe(createHash('sha256').update(pagePath).digest('hex'))

    const round = await ok(s.core, 'campaigns.get', { id: s.round.id })
    expect(round.returned).toBe(1)
    expect(round.outstanding.map((o) => o.code)).not.toContain(form.code)
    const log = await ok(s.core, 'audit.page', { pupilId: form.pupilId, kind: 'consent' })
    expect(log.lines.map((l) => l.sentence)).toContain(
      `Gescand formulier ${form.code} van ${after.firstName} ${after.lastNamePrefix ? `${after.lastNamePrefix} ` : ''}${after.lastName} bevestigd: 3 antwoorden vastgelegd als antwoord van ${signer.name}, met de scan als bewijs; telt als terug in de ronde 'Toestemming 2026-2027'.`,
    )
  })

  it("records only the rows with an answer; 'leeg' everywhere is refused and writes nothing", async () => {
    const s = await school()
    const form = s.form(1)
    const view = await scan(
      s.ctx,
      readerOf([
        {
          code: form.code,
          readings: new Map([
            [s.website.id, { reading: 'geen' }],
            [s.social.id, { reading: 'ja' }],
          ]),
        },
      ]),
    )
    const records = s.count('consent_records')
    const empty = await s.core.dispatch(
      'scan.confirm',
      confirmation(view.sessionId, form.code, [
        [s.website.id, 'none'],
        [s.social.id, 'none'],
      ]),
    )
    expect(empty).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Er is niets vastgelegd') } })
    expect(s.count('consent_records')).toBe(records)
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(0)
    const done = await ok(
      s.core,
      'scan.confirm',
      confirmation(view.sessionId, form.code, [
        [s.website.id, 'none'],
        [s.social.id, 'granted'],
      ]),
    )
    expect(done.recorded).toBe(1)
    expect(s.count('consent_records')).toBe(records + 1)
    const [last] = await ok(s.core, 'consent.history', { pupilId: form.pupilId })
    // Nobody's signature found: said so in the note, recorded without a guardian as the desk does.
    expect(last).toMatchObject({ purposeId: s.social.id, guardianId: null, note: 'Gescand: scan-0912.pdf, pagina 1. Geen handtekening gevonden; bij het bevestigen vastgelegd zonder ouder/verzorger.' })
  })
})

describe('what the review proposes', () => {
  it('marks ticked-both and unsure rows, proposes nothing for them, and puts forms needing a look first', async () => {
    const s = await school()
    const [a, b] = s.forms
    if (!a || !b) throw new Error('no forms')
    const pupilA = await s.pupil(a.pupilId)
    const clean = { code: a.code, readings: new Map([[s.website.id, { reading: 'ja' as const }]]), guardianIds: pupilA.guardians.map((g) => g.id), signedBy: pupilA.guardians.map((g) => g.id) }
    const messy = {
      code: b.code,
      readings: new Map([
        [s.website.id, { reading: 'ja' as const, confidence: 0.6 }],
        [s.social.id, { reading: 'beide' as const, confidence: 0.9 }],
      ]),
    }
    const view = await scan(s.ctx, readerOf([clean, messy]))
    expect(view.forms.map((f) => [f.code, f.needsAttention])).toEqual([
      [b.code, true],
      [a.code, false],
    ])
    expect(view.forms[0]?.rows.map((r) => ({ id: r.purposeId, proposal: r.proposal, unclear: r.unclear, low: r.lowConfidence }))).toEqual([
      { id: s.social.id, proposal: 'none', unclear: true, low: false },
      { id: s.website.id, proposal: 'granted', unclear: false, low: true },
    ])
    // Both guardians signed: the answer is theirs together (no single guardian proposed).
    expect(view.forms[1]).toMatchObject({ unsigned: false, proposedGuardianId: null })
    expect(view.forms[1]?.guardians.every((g) => g.signed === true)).toBe(true)
  })

  it('a form of two sheets is one form; each answer is proved by the sheet it is on', async () => {
    const s = await school()
    const form = s.form(3)
    const view = await scan(
      s.ctx,
      readerOf([
        { code: form.code, sheet: 2, sheets: 2, readings: new Map([[s.guide.id, { reading: 'nee' as const }]]) },
        { code: form.code, sheet: 1, sheets: 2, readings: new Map([[s.website.id, { reading: 'ja' as const }]]) },
      ]),
    )
    expect(view.forms).toHaveLength(1)
    expect(view.forms[0]?.sources).toEqual(['scan-0912.pdf, pagina 2', 'scan-0912.pdf, pagina 1'])
    await ok(
      s.core,
      'scan.confirm',
      confirmation(view.sessionId, form.code, [
        [s.website.id, 'granted'],
        [s.guide.id, 'refused'],
      ]),
    )
    const history = (await ok(s.core, 'consent.history', { pupilId: form.pupilId })).slice(0, 2)
    const file = (purposeId: number) => history.find((h) => h.purposeId === purposeId)?.attachment?.fileName
    expect([file(s.website.id), file(s.guide.id)]).toEqual([`formulier-${form.code}-gescand-2026-12-01-blad-1.png`, `formulier-${form.code}-gescand-2026-12-01-blad-2.png`])
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(1)
  })

  it("a form printed outside a round (the pupil's own code) is recorded for that pupil, with no round to count it in", async () => {
    const s = await school()
    const pupil = await s.pupil(s.form(5).pupilId)
    const view = await scan(s.ctx, readerOf([{ code: pupil.formCode, readings: new Map([[s.website.id, { reading: 'nee' as const }]]) }]))
    expect(view.forms[0]).toMatchObject({ code: pupil.formCode, campaign: null, state: 'open', pupil: { id: pupil.id } })
    const result = await ok(s.core, 'scan.confirm', confirmation(view.sessionId, pupil.formCode, [[s.website.id, 'refused']], { guardianId: pupil.guardians[0]?.id ?? null }))
    expect(result).toMatchObject({
      recorded: 1,
      campaign: null,
      message: `Formulier van ${pupil.firstName} ${[pupil.lastNamePrefix, pupil.lastName].filter(Boolean).join(' ')} vastgelegd: 1 antwoord, met de scan als bewijs.`,
    })
    const [last] = await ok(s.core, 'consent.history', { pupilId: pupil.id })
    expect(last).toMatchObject({ decision: 'refused', source: 'paper_form', sourceDetail: `teruggekomen formulier ${pupil.formCode}, gescand 01-12-2026` })
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(0)
  })

  it('a restore of a backup drops the open scan: nothing of it is recorded into the restored register', async () => {
    const s = await school()
    const backups = await ok(s.core, 'backups.create', {})
    const view = await scan(s.ctx, readerOf([{ code: s.form(0).code, readings: new Map([[s.website.id, { reading: 'ja' as const }]]) }]))
    const name = backups.backups[0]?.name ?? ''
    await ok(s.core, 'backups.restore', { name })
    const records = s.count('consent_records')
    const after = await s.core.dispatch('scan.confirm', confirmation(view.sessionId, s.form(0).code, [[s.website.id, 'granted']]))
    expect(after).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('teruggezet') } })
    expect(s.count('consent_records')).toBe(records)
  })
})

/** The bytes of a stored attachment (what the pupil's page shows as the scan). */
function readerPagePath(db: { prepare(sql: string): { pluck(): { get(id: unknown): unknown } } }, id: number | undefined): Buffer {
  return db.prepare('SELECT data FROM attachments WHERE id = ?').pluck().get(id) as Buffer
}

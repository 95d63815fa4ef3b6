// Forms printed before the form carried its layout come back too: a QR code with the bare form code
// and no corner marks (as the consent form printed it until the reader came), or a full code whose
// layout this register never printed. Read by the real reader from a copier PDF, such a page goes to
// the pages to give by hand, says in Dutch that its boxes cannot be read and that the answers are
// typed in, offers the pupil its code names, and once given and confirmed counts in its round.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { call } from '../../electron/core/call.ts'
import { registerChosenFile } from '../../electron/core/chosen-files.ts'
import { ok } from '../helpers/register.ts'
import { copierPdf, demoRound, layoutOf, rasterise, readPgm } from './corpus.ts'
import { oldFormJpeg } from './old-form.ts'

const dir = mkdtempSync(join(tmpdir(), 'tr-scan-old-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const DPI = 150

describe('forms printed before the reader', () => {
  it('an old QR code (bare form code, no corner marks) and an unknown layout go to the pages to give by hand, with their pupil offered and a Dutch note', async () => {
    const round = await demoRound()
    const [oldPage, otherPage] = rasterise(round.pdf, join(dir, 'raster'), DPI, 1, 2)
    if (!oldPage || !otherPage) throw new Error('two pages')
    const layout = layoutOf(round.core, oldPage.qr)
    const oldCode = oldPage.qr.split(' ')[0] as string
    const otherCode = otherPage.qr.split(' ')[0] as string
    expect(oldPage.qr).toMatch(/^TR-\w{6} 1\/1 \d\w{5}$/)

    // The old form: no corner marks, and where the code is, the QR code of the form code alone.
    const old = await oldFormJpeg(oldPage.png, layout, oldCode, DPI)
    const other = readPgm(otherPage.png)
    const unknown = await sharp(other.data, { raw: { width: other.width, height: other.height, channels: 1 } })
      .jpeg({ quality: 85 })
      .toBuffer()
    // The second form's layout was printed on another computer: this register never stored it.
    round.core.ctx.db.prepare(`DELETE FROM form_layouts`).run()

    const file = join(dir, 'oude-formulieren.pdf')
    writeFileSync(file, await copierPdf([old, unknown]))
    const before = round.core.ctx.db.prepare(`SELECT (SELECT count(*) FROM consent_records) + (SELECT count(*) FROM campaign_forms WHERE returned_at IS NOT NULL)`).pluck().get()
    const view = await ok(round.core, 'scan.start', { files: [{ token: registerChosenFile(round.core.ctx, file).token }] })

    expect(view.forms).toEqual([])
    // Not 'no form recognised': both pages carry a code, and say what to do with them.
    expect(view.notice).toBeNull()
    const oldPupil = await ok(round.core, 'pupils.get', { id: round.pupilByCode.get(oldCode) ?? 0 })
    const otherPupil = await ok(round.core, 'pupils.get', { id: round.pupilByCode.get(otherCode) ?? 0 })
    expect(view.pages.map((p) => [p.pageIndex, p.status, p.pupil?.id])).toEqual([
      [0, 'old_form', oldPupil.id],
      [1, 'old_form', otherPupil.id],
    ])
    const [first, second] = view.pages
    expect(first?.message).toContain(`Formulier ${oldCode} is een ouder formulier`)
    expect(second?.message).toContain(`Formulier ${otherCode} is herkend, maar gedrukt met een opmaak die dit register niet kent`)
    for (const p of view.pages) {
      expect(p.message).toContain('de vakjes Ja en Nee kan het programma daarop niet lezen. Er is niets vastgelegd.')
      expect(p.message).toContain('vul de antwoorden in met het toetsenbord')
      // Not the advice for a page whose corners were cut off: scanning an old form again does not help.
      expect(p.message).not.toMatch(/opnieuw/)
    }
    expect(first?.pupil?.name).toContain(oldPupil.firstName)
    const scanned = round.core.ctx.db.prepare(`SELECT (SELECT count(*) FROM consent_records) + (SELECT count(*) FROM campaign_forms WHERE returned_at IS NOT NULL)`).pluck().get()
    expect(scanned).toBe(before)

    // The office gives the old form to the pupil offered, sees the page, types the answers, confirms.
    const given = await ok(round.core, 'scan.assign', { sessionId: view.sessionId, pageIndex: 0, pupilId: oldPupil.id })
    const form = given.forms.find((f) => f.key === 'pagina-1')
    expect(form).toMatchObject({ code: oldCode, campaign: { id: round.campaignId }, state: 'open' })
    expect(form?.notes.join(' ')).toContain('ouder formulier')
    expect(form?.rows.every((r) => r.reading === null && r.proposal === 'none' && r.unclear)).toBe(true)
    const picture = await ok(round.core, 'scan.page', { sessionId: view.sessionId, pageIndex: 0 })
    expect((await sharp(Buffer.from(picture.image.replace(/^data:image\/png;base64,/, ''), 'base64')).metadata()).height).toBeGreaterThan(1000)
    const [website, social] = form?.rows ?? []
    if (!website || !social || !form) throw new Error('rows')
    const result = await ok(round.core, 'scan.confirm', {
      sessionId: view.sessionId,
      formKey: form.key,
      guardianId: oldPupil.guardians[0]?.id ?? null,
      consentStamp: form.consentStamp,
      answers: [
        { purposeId: website.purposeId, answer: 'granted' },
        { purposeId: social.purposeId, answer: 'refused' },
      ],
    })
    expect(result).toMatchObject({ recorded: 2, campaign: { id: round.campaignId, returned: 1 } })
    const after = await ok(round.core, 'pupils.get', { id: oldPupil.id })
    expect(after.consent.find((c) => c.purposeId === website.purposeId)?.decision).toBe('granted')
    expect(after.consent.find((c) => c.purposeId === social.purposeId)?.decision).toBe('refused')
    round.core.close()
  }, 120_000)

  it('two copies of the same old form in one scan are flagged as a duplicate, as two copies of a current form are; one is given and confirmed once', async () => {
    const round = await demoRound()
    const [oldPage, currentPage] = rasterise(round.pdf, join(dir, 'raster-dup'), DPI, 1, 2)
    if (!oldPage || !currentPage) throw new Error('two pages')
    const oldCode = oldPage.qr.split(' ')[0] as string
    const currentCode = currentPage.qr.split(' ')[0] as string
    const old = await oldFormJpeg(oldPage.png, layoutOf(round.core, oldPage.qr), oldCode, DPI)
    const current = readPgm(currentPage.png)
    const currentJpeg = await sharp(current.data, { raw: { width: current.width, height: current.height, channels: 1 } })
      .jpeg({ quality: 85 })
      .toBuffer()
    const file = join(dir, 'twee-keer.pdf')
    writeFileSync(file, await copierPdf([old, currentJpeg, old, currentJpeg]))
    const view = await ok(round.core, 'scan.start', { files: [{ token: registerChosenFile(round.core.ctx, file).token }] })

    // The current form: once to confirm, once shown as in the scan twice.
    const pupilId = round.pupilByCode.get(oldCode) ?? 0
    const byState = view.forms.map((f) => [f.code, f.state, f.sources])
    expect(byState).toEqual(
      expect.arrayContaining([
        [currentCode, 'open', ['twee-keer.pdf, pagina 2']],
        [currentCode, 'duplicate', ['twee-keer.pdf, pagina 4']],
        // The old form's second copy, the same way.
        [oldCode, 'duplicate', ['twee-keer.pdf, pagina 3']],
      ]),
    )
    expect(view.forms).toHaveLength(3)
    const copy = view.forms.find((f) => f.code === oldCode)
    expect(copy?.message).toBe('Dit formulier zit twee keer in de scan (twee-keer.pdf, pagina 1 en twee-keer.pdf, pagina 3). Het wordt één keer vastgelegd: geef het andere exemplaar aan de leerling en bevestig dat.')
    expect(copy?.pupil.id).toBe(pupilId)
    // The first copy is the one page to give by hand; the second cannot be given as well.
    expect(view.pages.map((p) => [p.pageIndex, p.status, p.pupil?.id])).toEqual([[0, 'old_form', pupilId]])
    expect(await call(round.core, 'scan.assign', { sessionId: view.sessionId, pageIndex: 2, pupilId })).toMatchObject({ ok: false, error: { code: 'conflict' } })

    // Given and confirmed once; the copy stays a duplicate, and the round counts the form once.
    const given = await ok(round.core, 'scan.assign', { sessionId: view.sessionId, pageIndex: 0, pupilId })
    expect(given.forms.filter((f) => f.code === oldCode).map((f) => [f.key, f.state])).toEqual(
      expect.arrayContaining([
        ['pagina-1', 'open'],
        [copy?.key, 'duplicate'],
      ]),
    )
    const form = given.forms.find((f) => f.key === 'pagina-1')
    const [website] = form?.rows ?? []
    if (!form || !website) throw new Error('the given form')
    const result = await ok(round.core, 'scan.confirm', {
      sessionId: view.sessionId,
      formKey: form.key,
      guardianId: null,
      consentStamp: form.consentStamp,
      answers: [{ purposeId: website.purposeId, answer: 'granted' }],
    })
    expect(result).toMatchObject({ recorded: 1, campaign: { id: round.campaignId, returned: 1 } })
    const after = await ok(round.core, 'scan.session', { sessionId: view.sessionId })
    expect(after.forms.find((f) => f.key === copy?.key)?.state).toBe('duplicate')
    expect(after.pages).toEqual([])
    round.core.close()
  }, 120_000)
})

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
})

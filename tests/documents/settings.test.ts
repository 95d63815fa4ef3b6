import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, make, makePng, pdfPages } from './helpers.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A real JPEG, made by poppler from a page of a PDF. */
function makeJpeg(pdf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tr-jpg-'))
  dirs.push(dir)
  const file = join(dir, 'p.pdf')
  writeFileSync(file, pdf)
  execFileSync('pdftoppm', ['-jpeg', '-r', '12', '-singlefile', file, join(dir, 'logo')])
  return readFileSync(join(dir, 'logo.jpg'))
}

const upload = (fileName: string, bytes: Buffer) => ({ logo: { fileName, data: bytes.toString('base64') } })

describe('settings for documents: intro text and logo', () => {
  it('keeps the intro text and a PNG or JPG logo, shows them back, and logs the change', async () => {
    const s = await documentSchool()
    expect(await ok(s.core, 'documents.settings', {})).toMatchObject({ formIntro: '', logo: null, defaultFormIntro: expect.stringContaining('Beste ouder/verzorger') })
    const png = makePng(60, 30)
    const saved = await ok(s.core, 'documents.saveSettings', { formIntro: '  Beste ouders,\nGraag terug vóór 1 oktober.  ', ...upload('logo.png', png) })
    expect(saved).toMatchObject({ formIntro: 'Beste ouders,\nGraag terug vóór 1 oktober.', logo: { mimeType: 'image/png', size: png.length, data: png.toString('base64') } })
    const jpg = makeJpeg(await make(s.core, 'documents.classList', { groupId: s.group.id }))
    expect(await ok(s.core, 'documents.saveSettings', upload('logo.jpeg', jpg))).toMatchObject({ formIntro: 'Beste ouders,\nGraag terug vóór 1 oktober.', logo: { mimeType: 'image/jpeg' } })
    // The JPG is on every list now.
    expect((await pdfPages(await make(s.core, 'documents.noConsentList', { groupIds: [s.group.id] }))).length).toBeGreaterThan(0)
    expect(await ok(s.core, 'documents.saveSettings', { logo: null })).toMatchObject({ logo: null })
    const log = s.core.ctx.db.prepare(`SELECT old_value, new_value FROM audit_log WHERE action = 'settings.update' AND new_value LIKE '%logo%' ORDER BY id`).all() as { old_value: string; new_value: string }[]
    expect(log).toHaveLength(3)
    expect(JSON.parse(log[0]!.new_value)).toMatchObject({ formIntro: 'Beste ouders,\nGraag terug vóór 1 oktober.', logo: expect.stringMatching(/^logo \(\d+ bytes, sha256 [0-9a-f]{16}\)$/) })
    expect(JSON.parse(log[2]!.new_value)).toEqual({ logo: null })
  })

  it('refuses a logo that is not a PNG or JPG, whatever its name says, and keeps the old one', async () => {
    const s = await documentSchool()
    await ok(s.core, 'documents.saveSettings', upload('logo.png', makePng(10, 10)))
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1')
    expect(await s.core.dispatch('documents.saveSettings', upload('logo.png', gif))).toEqual({
      ok: false,
      error: { code: 'validation', field: 'logo', message: 'logo.png is geen PNG- of JPG-afbeelding. Sla het logo op als PNG of JPG en kies het opnieuw.' },
    })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')
    expect(await s.core.dispatch('documents.saveSettings', upload('logo.svg', svg))).toMatchObject({ ok: false, error: { field: 'logo' } })
    // PNG signature, broken inside: pdfkit could not draw it.
    const broken = Buffer.concat([makePng(10, 10).subarray(0, 40), Buffer.alloc(20)])
    expect(await s.core.dispatch('documents.saveSettings', upload('kapot.png', broken))).toMatchObject({ ok: false, error: { field: 'logo', message: expect.stringContaining('kapot.png is beschadigd') } })
    expect(await s.core.dispatch('documents.saveSettings', upload('leeg.png', Buffer.alloc(0)))).toMatchObject({ ok: false, error: { field: 'logo', message: expect.stringContaining('is leeg') } })
    const big = Buffer.concat([makePng(10, 10), Buffer.alloc(2 * 1024 * 1024)])
    expect(await s.core.dispatch('documents.saveSettings', upload('groot.png', big))).toMatchObject({ ok: false, error: { field: 'logo.data', message: 'Het logo is groter dan 2 MB. Kies een kleiner bestand.' } })
    expect((await ok(s.core, 'documents.settings', {})).logo).toMatchObject({ mimeType: 'image/png', size: makePng(10, 10).length })
  })

  it("keeps the school's contact for parents, its privacy officer and where the privacy statement is; an empty field clears it", async () => {
    const s = await documentSchool()
    expect(await ok(s.core, 'documents.settings', {})).toMatchObject({ schoolAddress: '', schoolEmail: '', schoolPhone: '', privacyOfficer: '', privacyStatement: '' })
    const contact = { schoolAddress: 'Lindelaan 4\n1234 AB Dorp', schoolEmail: 'info@delinde.nl', schoolPhone: '0123-456789', privacyOfficer: 'Mw. J. de Boer, fg@stichting.nl', privacyStatement: 'www.delinde.nl/privacy' }
    expect(await ok(s.core, 'documents.saveSettings', contact)).toMatchObject(contact)
    expect(await ok(s.core, 'documents.saveSettings', { schoolPhone: '' })).toMatchObject({ ...contact, schoolPhone: '' })
    const log = s.core.ctx.db.prepare(`SELECT old_value, new_value FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC LIMIT 1`).get() as { old_value: string; new_value: string }
    expect(JSON.parse(log.new_value)).toEqual({ schoolPhone: '' })
    expect(await s.core.dispatch('documents.saveSettings', { privacyOfficer: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { field: 'privacyOfficer' } })
  })

  it('refuses an intro text too long for the form', async () => {
    const s = await documentSchool()
    expect(await s.core.dispatch('documents.saveSettings', { formIntro: 'x'.repeat(1201) })).toMatchObject({ ok: false, error: { field: 'formIntro', message: expect.stringContaining('hoogstens 1200 tekens') } })
  })
})

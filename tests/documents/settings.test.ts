import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LOGO_TOO_LARGE_MESSAGE } from '../../shared/documents.contract.ts'
import { chooseFile, chooseSparseFile } from '../helpers/chosen-file.ts'
import { hugePng, jpegHeader, lyingPng } from '../helpers/images.ts'
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

/** The logo as the desk chose it, for this test's core. */
const upload = (s: { core: Parameters<typeof chooseFile>[0] }, fileName: string, bytes: Buffer) => ({ logo: chooseFile(s.core, fileName, bytes) })

describe('settings for documents: intro text and logo', () => {
  it('keeps the intro text and a PNG or JPG logo, shows them back, and logs the change', async () => {
    const s = await documentSchool()
    expect(await ok(s.core, 'documents.settings', {})).toMatchObject({ formIntro: '', logo: null, defaultFormIntro: expect.stringContaining('Beste ouder/verzorger') })
    const png = makePng(60, 30)
    const saved = await ok(s.core, 'documents.saveSettings', { formIntro: '  Beste ouders,\nGraag terug vóór 1 oktober.  ', ...upload(s, 'logo.png', png) })
    expect(saved).toMatchObject({ formIntro: 'Beste ouders,\nGraag terug vóór 1 oktober.', logo: { mimeType: 'image/png', size: png.length, data: png.toString('base64') } })
    const jpg = makeJpeg(await make(s.core, 'documents.classList', { groupId: s.group.id }))
    expect(await ok(s.core, 'documents.saveSettings', upload(s, 'logo.jpeg', jpg))).toMatchObject({ formIntro: 'Beste ouders,\nGraag terug vóór 1 oktober.', logo: { mimeType: 'image/jpeg' } })
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
    await ok(s.core, 'documents.saveSettings', upload(s, 'logo.png', makePng(10, 10)))
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1')
    expect(await s.core.dispatch('documents.saveSettings', upload(s, 'logo.png', gif))).toEqual({
      ok: false,
      error: { code: 'validation', field: 'logo', message: 'logo.png is geen PNG- of JPG-afbeelding. Sla het logo op als PNG of JPG en kies het opnieuw.' },
    })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')
    expect(await s.core.dispatch('documents.saveSettings', upload(s, 'logo.svg', svg))).toMatchObject({ ok: false, error: { field: 'logo' } })
    // PNG signature, broken inside: pdfkit could not draw it.
    const broken = Buffer.concat([makePng(10, 10).subarray(0, 40), Buffer.alloc(20)])
    expect(await s.core.dispatch('documents.saveSettings', upload(s, 'kapot.png', broken))).toMatchObject({ ok: false, error: { field: 'logo', message: expect.stringContaining('kapot.png is beschadigd') } })
    expect(await s.core.dispatch('documents.saveSettings', upload(s, 'leeg.png', Buffer.alloc(0)))).toMatchObject({ ok: false, error: { field: 'logo', message: expect.stringContaining('is leeg') } })
    const big = Buffer.concat([makePng(10, 10), Buffer.alloc(2 * 1024 * 1024)])
    expect(await s.core.dispatch('documents.saveSettings', upload(s, 'groot.png', big))).toMatchObject({ ok: false, error: { field: 'logo', message: LOGO_TOO_LARGE_MESSAGE } })
    // Refused by its size before a byte is read: 6 GB would not even fit in one buffer.
    const t = performance.now()
    expect(await s.core.dispatch('documents.saveSettings', { logo: chooseSparseFile(s.core, 'poster.png', 6 * 1024 ** 3) })).toMatchObject({ ok: false, error: { field: 'logo', message: LOGO_TOO_LARGE_MESSAGE } })
    expect(performance.now() - t).toBeLessThan(2_000)
    expect((await ok(s.core, 'documents.settings', {})).logo).toMatchObject({ mimeType: 'image/png', size: makePng(10, 10).length })
  })

  it("keeps the school's contact for parents, its privacy officer and where the privacy statement is; an empty field clears it", async () => {
    const s = await documentSchool()
    expect(await ok(s.core, 'documents.settings', {})).toMatchObject({ schoolAddress: '', schoolEmail: '', schoolPhone: '', privacyOfficer: '', privacyStatement: '' })
    const contact = {
      schoolAddress: 'Lindelaan 4\n1234 AB Dorp',
      schoolEmail: 'info@delinde.nl',
      schoolPhone: '0123-456789',
      privacyOfficer: 'Mw. J. de Boer, fg@stichting.nl',
      privacyStatement: 'www.delinde.nl/privacy',
    }
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

  it('refuses a logo of 20,000 x 20,000 pixels (a 1.2 MB file) before anything decodes it, says how to make it smaller, and keeps the old logo', async () => {
    const s = await documentSchool()
    await ok(s.core, 'documents.saveSettings', upload(s, 'logo.png', makePng(10, 10)))
    const giant = hugePng(20_000, 20_000)
    expect(giant.length).toBeLessThan(2 * 1024 * 1024)
    const t = performance.now()
    const r = await s.core.dispatch('documents.saveSettings', upload(s, 'reuzenlogo.png', giant))
    expect(performance.now() - t).toBeLessThan(3_000)
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'logo' } })
    const message = r.ok ? '' : r.error.message
    expect(message).toContain('Het logo reuzenlogo.png is 20.000 x 20.000 pixels')
    expect(message).toContain('Het is niet opgeslagen; het logo dat er stond blijft.')
    expect(message).toContain('Maak het kleiner')
    const jpeg = await s.core.dispatch('documents.saveSettings', upload(s, 'foto.jpg', jpegHeader(12_000, 9_000)))
    expect(jpeg.ok || jpeg.error.message).toContain('foto.jpg is 12.000 x 9.000 pixels')
    expect((await ok(s.core, 'documents.settings', {})).logo).toMatchObject({ size: makePng(10, 10).length })
    // Just under the caps is still a logo.
    expect(await ok(s.core, 'documents.saveSettings', upload(s, 'groot-maar-goed.png', hugePng(5_000, 2_000)))).toMatchObject({ logo: { mimeType: 'image/png' } })
  })

  it('refuses a PNG whose pixel data unpacks to far more than its header says, and one cut off', async () => {
    const s = await documentSchool()
    const lying = await s.core.dispatch('documents.saveSettings', upload(s, 'klein.png', lyingPng(100, 100, 200 * 1024 * 1024)))
    expect(lying).toMatchObject({ ok: false, error: { field: 'logo', message: expect.stringContaining('klein.png is beschadigd of onvolledig') } })
    const png = makePng(60, 30)
    const cut = await s.core.dispatch('documents.saveSettings', upload(s, 'half.png', png.subarray(0, png.length - 12)))
    expect(cut).toMatchObject({ ok: false, error: { field: 'logo', message: expect.stringContaining('half.png is beschadigd of onvolledig') } })
    expect((await ok(s.core, 'documents.settings', {})).logo).toBeNull()
  })

  it('a giant logo already in an older database is left off every document, and the documents are made', async () => {
    const s = await documentSchool()
    await ok(s.core, 'documents.saveSettings', upload(s, 'logo.png', makePng(60, 30)))
    const withLogo = await make(s.core, 'documents.classList', { groupId: s.group.id })
    expect(withLogo.includes('/Subtype /Image')).toBe(true)
    // As a version without the pixel check stored it: RGB (pdfkit would embed its 1.2 MB of data)
    // and RGBA (pdfkit would decode 1.6 GB of pixels to split off the alpha channel).
    for (const colorType of [2, 6] as const) {
      s.core.ctx.db.prepare(`UPDATE school_settings SET value = ? WHERE key = 'documents.logo'`).run(hugePng(20_000, 20_000, colorType).toString('base64'))
      for (const method of ['documents.classList', 'documents.noConsentList'] as const) {
        const pdf = await make(s.core, method, method === 'documents.classList' ? { groupId: s.group.id } : { groupIds: [s.group.id] })
        expect(pdf.includes('/Subtype /Image'), `${method}, colour type ${colorType}`).toBe(false)
        expect((await pdfPages(pdf)).length).toBeGreaterThan(0)
      }
    }
  })
})

// Reading a parent's e-mail: the committed .eml fixtures (see tests/fixtures/mail/README.md) and
// hostile mails built here: too big, a zip bomb as attachment, HTML with script and remote images,
// an .exe that calls itself a PDF, bytes that are no mail at all.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { MAX_MAIL_BYTES, readMail } from '../../electron/core/mail/mail-reader.ts'
import { htmlToText, normaliseText } from '../../electron/core/mail/mail-text.ts'
import { chooseFile, chooseSparseFile } from '../helpers/chosen-file.ts'
import { ok, registerCore } from '../helpers/register.ts'

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../fixtures/mail', name))

function mailWithAttachment(name: string, type: string, bytes: Buffer): Buffer {
  const b64 = bytes.toString('base64').replace(/.{76}/g, '$&\r\n')
  return Buffer.from(
    [
      'From: Marieke van der Berg <marieke@voorbeeld.nl>',
      'Subject: Formulier',
      'Date: Tue, 01 Dec 2026 08:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="x"',
      '',
      '--x',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Zie bijlage.',
      '--x',
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--x--',
      '',
    ].join('\r\n'),
  )
}

describe('reading an .eml', () => {
  it('gives sender, date sent, subject and body with Dutch diacritics, and the attached form as a PDF', async () => {
    const mail = await readMail('mail.eml', fixture('toestemming-website-nee.eml'))
    expect(mail).toMatchObject({ format: 'eml', fromAddress: 'marieke@voorbeeld.nl', fromName: 'Marieke van der Berg', sentAt: '2026-11-30T20:47:12.000Z' })
    expect(mail.subject).toBe("Toestemming foto's Zoë – website nee")
    expect(mail.text).toContain("Wij willen niet langer dat foto's van Zoë op de website van de school komen.")
    expect(mail.text).toContain('Het getekende formulier zit als bijlage')
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['toestemmingsformulier-zoe.pdf'])
    expect(mail.attachments[0]?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it('turns hostile HTML into text only: no script, no style, no image address; an .exe named .pdf is not a PDF', async () => {
    const { core, pupil } = await registerCore()
    const r = { value: await ok(core, 'mail.read', { pupilId: pupil.id, mail: chooseFile(core, 'vreemd.eml', fixture('html-script-exe-als-pdf.eml')) }) }
    expect(r.value.subject).toBe('Formulier én foto')
    expect(r.value.text).toBe("Zie het formulier.\nGroet & dank, Zoë's ouder")
    expect(r.value.text).not.toMatch(/tracker|evil|fetch|color|alert|</)
    expect(r.value.attachments).toEqual([expect.objectContaining({ fileName: 'formulier.pdf', type: null, problem: expect.stringContaining('geen PDF, JPG of PNG') })])
    // Not one of the pupil's guardians, and no pupil has this address.
    expect(r.value.guardianMatches).toEqual([])
    expect(r.value.suggestedPupils).toEqual([])
  })

  it('hostile markup costs time in proportion to its length: 20 MB of unclosed tags is read in well under a second', () => {
    const started = performance.now()
    expect(htmlToText('<p>Hallo</p>' + '<script'.repeat(1_250_000) + '<'.repeat(10_000_000))).toBe('Hallo')
    expect(htmlToText('Ja<br>nee<!-- ' + '<'.repeat(1_000_000))).toBe('Ja\nnee')
    expect(normaliseText('Ja' + ' '.repeat(10_000_000) + 'nee  \r\n')).toBe('Ja' + ' '.repeat(10_000_000) + 'nee')
    expect(performance.now() - started).toBeLessThan(1500)
  })

  it('a sender name, subject or attachment name with bidi or control characters becomes one clean line, and still goes into the file', async () => {
    const raw = mailWithAttachment('scan\u202Efdp.exe', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))
      .toString('latin1')
      .replace('From: Marieke van der Berg', 'From: =?UTF-8?B?' + Buffer.from('Marieke\u202E greB\u0007').toString('base64') + '?=')
      .replace('Subject: Formulier', 'Subject: =?UTF-8?B?' + Buffer.from('Formulier\u2066 nee\u0000').toString('base64') + '?=')
    const mail = await readMail('x.eml', Buffer.from(raw, 'latin1'))
    expect(mail.fromName).toBe('Marieke greB')
    expect(mail.subject).toBe('Formulier nee')
    expect(mail.attachments[0]?.fileName).toBe('scanfdp.exe')
    const { core, pupil } = await registerCore()
    const entry = await ok(core, 'mail.addToDossier', { pupilId: pupil.id, mail: chooseFile(core, 'x.eml', Buffer.from(raw, 'latin1')) })
    expect(entry.title).toBe('E-mail van Marieke greB: Formulier nee')
  })

  it('a zip bomb attached is never unpacked: it is listed as not a PDF, JPG or PNG', async () => {
    const bomb = Buffer.from(zipSync({ 'formulier.pdf': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }))
    expect(bomb.length).toBeLessThan(200_000)
    const { core } = await registerCore()
    const r = { value: await ok(core, 'mail.read', { mail: chooseFile(core, 'bom.eml', mailWithAttachment('formulier.zip', 'application/zip', bomb)) }) }
    expect(r.value.attachments).toEqual([expect.objectContaining({ fileName: 'formulier.zip', size: bomb.length, type: null })])
  })

  it('refuses a mail over 25 MB, and bytes that are no mail, in Dutch, storing nothing', async () => {
    const { core, pupil } = await registerCore()
    const huge = mailWithAttachment('scan.pdf', 'application/pdf', Buffer.alloc(MAX_MAIL_BYTES, 0x25))
    const big = await core.dispatch('mail.read', { pupilId: pupil.id, mail: chooseFile(core, 'groot.eml', huge) })
    expect(big).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('groter dan 25 MB') } })
    // Refused by its size before a byte is read: 6 GB would not even fit in one buffer.
    const t = performance.now()
    const enormous = await core.dispatch('mail.read', { pupilId: pupil.id, mail: chooseSparseFile(core, 'archief.eml', 6 * 1024 ** 3) })
    expect(enormous).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('groter dan 25 MB') } })
    expect(performance.now() - t).toBeLessThan(2_000)
    const junk = await core.dispatch('mail.read', { mail: chooseFile(core, 'foto.eml', Buffer.from('89504e470d0a1a0a00000000', 'hex')) })
    expect(junk).toMatchObject({ ok: false, error: { message: expect.stringMatching(/kan niet als e-mail worden gelezen: het is geen \.eml- of \.msg-bestand\. Er is niets opgeslagen/) } })
    const noSender = await core.dispatch('mail.read', { mail: chooseFile(core, 'x.eml', Buffer.from('Subject: hoi\r\nDate: Tue, 01 Dec 2026 08:00:00 +0100\r\n\r\nhoi\r\n')) })
    expect(noSender).toMatchObject({ ok: false, error: { message: expect.stringContaining('geen afzender') } })
    expect(core.ctx.db.prepare('SELECT count(*) FROM mails').pluck().get()).toBe(0)
  })
})

// A proof's scan and a parent's e-mail kept in a pupil's file reach the office as a made document
// does (deliver.ts): opened from a copy in this run's temp folder, saved where chosen, or handed back
// without a desktop; a cancelled save, a viewer that will not open and damaged bytes each say what
// happened in Dutch; every copy that left the register is in the pupil's log.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keptFileName } from '../../electron/core/attachments/kept-files.ts'
import { createTempFolder } from '../../electron/core/temp-folder.ts'
import { createDesktop } from '../../electron/main/desktop.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { createFakeElectron, type FakeElectron } from '../helpers/fake-electron.ts'
import { ok } from '../helpers/register.ts'
import { documentSchool } from './helpers.ts'

const NOW = new Date('2026-12-01T09:00:00Z')
const eml = readFileSync(join(import.meta.dirname, '../fixtures/mail/toestemming-website-nee.eml'))

let dir: string
let fake: FakeElectron
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-kept-'))
  fake = createFakeElectron()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Zoë's 'website: nee' recorded from her mother's e-mail: the mail and its PDF kept as proof; the app on a fake desktop. */
async function schoolWithProof() {
  const s = await documentSchool(NOW)
  await ok(s.core, 'mail.record', { pupilId: s.zoe.id, mail: chooseFile(s.core, 'Toestemming Zoë.eml', eml), decisions: [{ purposeId: s.purpose('website').id, decision: 'refused' }] })
  const [last] = await ok(s.core, 'consent.history', { pupilId: s.zoe.id })
  const attachment = last?.attachment
  const mail = last?.mail
  if (!attachment || !mail) throw new Error('the mail and its scan were not kept')
  s.core.ctx.desktop = createDesktop(
    { dialog: fake.dialog, shell: fake.shell },
    () => undefined as BrowserWindow | undefined,
    () => '/home/ans/Documenten',
  )
  s.core.ctx.temp = createTempFolder(join(dir, 'tmp'))
  const pdf = s.core.ctx.db.prepare('SELECT data FROM attachments WHERE id = ?').pluck().get(attachment.id) as Buffer
  const log = async () => (await ok(s.core, 'audit.page', { pupilId: s.zoe.id })).lines.map((l) => l.sentence).filter((t) => /geopend|opgeslagen|gedownload/.test(t))
  return { s, attachment, mail, pdf, log }
}

describe('a kept file, opened or saved from the pupil’s history', () => {
  it("'open' writes a copy in this run's temp folder, opens it, logs it for the pupil; the copy goes when the app closes", async () => {
    const { s, attachment, mail, pdf, log } = await schoolWithProof()
    const opened = await ok(s.core, 'attachments.get', { id: attachment.id, delivery: 'open' })
    expect(opened).toMatchObject({ delivered: 'opened', fileName: 'toestemmingsformulier-zoe.pdf', mimeType: 'application/pdf' })
    const path = opened.delivered === 'opened' ? opened.path : ''
    expect(path.startsWith(join(dir, 'tmp'))).toBe(true)
    expect(fake.shell.opened).toEqual([path])
    expect(readFileSync(path).equals(pdf)).toBe(true)
    expect('data' in opened).toBe(false) // the bytes did not come back to the page

    // The mail opens in the mail program: an .eml named as it came in, of type message/rfc822.
    const mailOpened = await ok(s.core, 'mail.get', { id: mail.id, delivery: 'open' })
    expect(mailOpened).toMatchObject({ delivered: 'opened', fileName: 'Toestemming Zoë.eml', mimeType: 'message/rfc822' })
    const mailPath = mailOpened.delivered === 'opened' ? mailOpened.path : ''
    expect(readFileSync(mailPath).equals(eml)).toBe(true)
    expect(await log()).toEqual(['E-mail Toestemming Zoë.eml uit het dossier van Zoë van der Berg geopend.', 'Bijlage toestemmingsformulier-zoe.pdf uit het dossier van Zoë van der Berg geopend.'])

    s.core.ctx.temp.removeAll() // what the app does when it closes (boot.ts)
    expect(existsSync(path) || existsSync(mailPath) || existsSync(dirname(path))).toBe(false)
  })

  it("'save' writes the file where the user chose, with its type in the dialog; a cancel writes and logs nothing and is no error", async () => {
    const { s, mail, log } = await schoolWithProof()
    const target = join(dir, 'mail-van-moeder.eml')
    fake.dialog.saveAnswer = { canceled: false, filePath: target }
    expect(await ok(s.core, 'mail.get', { id: mail.id, delivery: 'save' })).toEqual({ delivered: 'saved', path: target, fileName: 'Toestemming Zoë.eml', mimeType: 'message/rfc822', count: 1, countLabel: 'bestand' })
    expect(fake.dialog.saveDialogs[0]?.options).toMatchObject({ defaultPath: '/home/ans/Documenten/Toestemming Zoë.eml', filters: [{ name: 'E-mail', extensions: ['eml'] }] })
    expect(createHash('sha256').update(readFileSync(target)).digest('hex')).toBe(mail.sha256)
    expect(await log()).toEqual(['E-mail Toestemming Zoë.eml uit het dossier van Zoë van der Berg opgeslagen.'])
    const logged = s.core.ctx.db.prepare(`SELECT actor, new_value FROM audit_log WHERE action = 'dossier.export' AND pupil_id = ?`).all(s.zoe.id) as { actor: string; new_value: string }[]
    expect(logged.map((r) => ({ actor: r.actor, ...JSON.parse(r.new_value) }))).toEqual([{ actor: 'Ans de Wit', format: 'e-mail', mailId: mail.id, fileName: 'Toestemming Zoë.eml', delivered: 'saved' }])

    fake.dialog.saveAnswer = { canceled: true, filePath: '' }
    const r = await s.core.dispatch('attachments.get', { id: mail.id, delivery: 'save' })
    expect(r).toEqual({ ok: true, value: { delivered: 'cancelled' } })
    expect(readdirSync(dir).sort()).toEqual(['mail-van-moeder.eml'])
    expect(await log()).toHaveLength(1)
  })

  it('a viewer that cannot open it: a Dutch message that nothing was lost and what to do; no copy left, nothing logged', async () => {
    const { s, attachment, mail, log } = await schoolWithProof()
    fake.shell.failWith = 'No application is associated with the specified file'
    const r = await s.core.dispatch('mail.get', { id: mail.id, delivery: 'open' })
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'io',
        message:
          "Toestemming Zoë.eml kon niet worden geopend: er is geen e-mailprogramma dat EML-bestanden opent (zoals Outlook of Thunderbird), of het gaf een fout. Er is niets verloren of veranderd; het bestand blijft bewaard in het register. Kies 'Opslaan als…' en open het daarna zelf, of vraag wie de computer beheert zo'n programma in te stellen.",
      },
    })
    const a = await s.core.dispatch('attachments.get', { id: attachment.id, delivery: 'open' })
    expect(a).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('er is geen programma voor PDF-bestanden') } })
    expect(fake.shell.opened).toHaveLength(2)
    expect(fake.shell.opened.some((p) => existsSync(p))).toBe(false)
    expect(await log()).toEqual([])
  })

  it('bytes gone or damaged (the row is there): a Dutch message, nothing written, opened or logged; a removed file says so', async () => {
    const { s, attachment, mail, log } = await schoolWithProof()
    s.core.ctx.db.prepare(`UPDATE attachments SET data = zeroblob(10) WHERE id = ?`).run(attachment.id)
    const r = await s.core.dispatch('attachments.get', { id: attachment.id, delivery: 'open' })
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'io',
        message: expect.stringMatching(/^De bijlage toestemmingsformulier-zoe\.pdf is in het register beschadigd of leeg en kan niet worden geopend of opgeslagen\. Er is niets veranderd: .* Zet een reservekopie terug/),
      },
    })

    // A mail is kept as it came in (a trigger refuses any change): a disk fault is what changes it.
    s.core.ctx.db.exec('DROP TRIGGER mails_no_update')
    s.core.ctx.db.prepare(`UPDATE mails SET data = substr(data, 1, 100) WHERE id = ?`).run(mail.id)
    fake.dialog.saveAnswer = { canceled: false, filePath: join(dir, 'x.eml') }
    const m = await s.core.dispatch('mail.get', { id: mail.id, delivery: 'save' })
    expect(m).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('De e-mail Toestemming Zoë.eml is in het register beschadigd of leeg') } })
    expect(fake.shell.opened).toEqual([])
    expect(fake.dialog.saveDialogs).toEqual([])
    expect(readdirSync(dir)).toEqual(['tmp'].filter((d) => existsSync(join(dir, d))))
    expect(await log()).toEqual([])

    expect(await s.core.dispatch('attachments.get', { id: 999_999, delivery: 'open' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('Deze bijlage staat niet (meer) in het register') },
    })
  })

  it("a register from a crafted backup holding a program as a 'PDF' named factuur.exe (its own SHA-256): refused, nothing opened or written; a real PDF named .exe opens as a PDF", async () => {
    const { s, attachment, pdf, log } = await schoolWithProof()
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    s.core.ctx.db.prepare(`UPDATE attachments SET file_name = 'factuur.exe', data = ?, size = ?, sha256 = ? WHERE id = ?`).run(program, program.length, sha(program), attachment.id)
    for (const delivery of ['open', 'save'] as const) {
      fake.dialog.saveAnswer = { canceled: false, filePath: join(dir, 'factuur.exe') }
      const r = await s.core.dispatch('attachments.get', { id: attachment.id, delivery })
      expect(r).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('De bijlage factuur.exe is in het register beschadigd of leeg') } })
    }
    expect(fake.shell.opened).toEqual([])
    expect(existsSync(join(dir, 'factuur.exe'))).toBe(false)
    expect(await log()).toEqual([])

    // The PDF's own bytes under a program's name and type: opened as what the bytes are.
    s.core.ctx.db.prepare(`UPDATE attachments SET data = ?, size = ?, sha256 = ? WHERE id = ?`).run(pdf, pdf.length, sha(pdf), attachment.id)
    const opened = await ok(s.core, 'attachments.get', { id: attachment.id, delivery: 'open' })
    expect(opened).toMatchObject({ delivered: 'opened', fileName: 'factuur.exe.pdf', mimeType: 'application/pdf' })
    expect(fake.shell.opened).toEqual([opened.delivered === 'opened' ? opened.path : ''])
  })

  it('a mail kept only as correspondence is listed with its dossier entry and opens in the mail program', async () => {
    const { s, log } = await schoolWithProof()
    const entry = await ok(s.core, 'mail.addToDossier', { pupilId: s.zoe.id, mail: chooseFile(s.core, 'Brief van moeder.eml', eml) })
    const listed = (await ok(s.core, 'dossier.list', { pupilId: s.zoe.id })).find((e) => e.id === entry.id)
    expect(listed?.mail).toMatchObject({ fileName: 'Brief van moeder.eml', format: 'eml', sha256: createHash('sha256').update(eml).digest('hex') })
    expect(entry.mail).toEqual(listed?.mail)
    const opened = await ok(s.core, 'mail.get', { id: listed?.mail?.id ?? 0, delivery: 'open' })
    expect(opened).toMatchObject({ delivered: 'opened', fileName: 'Brief van moeder.eml', mimeType: 'message/rfc822' })
    expect(await log()).toEqual(['E-mail Brief van moeder.eml uit het dossier van Zoë van der Berg geopend.'])
  })

  it('without a desktop (the web harness, the CLI) the bytes come back, and the download is logged', async () => {
    const { s, attachment, pdf, log } = await schoolWithProof()
    s.core.ctx.desktop = undefined
    const r = await ok(s.core, 'attachments.get', { id: attachment.id, delivery: 'open' })
    expect(r.delivered === 'data' && Buffer.from(r.data, 'base64').equals(pdf)).toBe(true)
    expect(await log()).toEqual(['Bijlage toestemmingsformulier-zoe.pdf uit het dossier van Zoë van der Berg gedownload.'])
  })
})

describe('the name a kept file gets', () => {
  it('keeps the name, drops what a path or Windows refuses, and ends in its real type', () => {
    expect(keptFileName('Toestemming Zoë.eml', 'message/rfc822')).toBe('Toestemming Zoë.eml')
    expect(keptFileName('formulier', 'application/pdf')).toBe('formulier.pdf')
    expect(keptFileName('scan.PDF', 'application/pdf')).toBe('scan.PDF')
    expect(keptFileName('foto.pdf', 'image/jpeg')).toBe('foto.pdf.jpg')
    expect(keptFileName('..', 'application/pdf')).toBe('bestand.pdf')
    expect(keptFileName('a:b/c\u0001?.pdf', 'application/pdf')).toBe('a_b_c__.pdf')
    expect(keptFileName('CON.pdf', 'application/pdf')).toBe('_CON.pdf')
    expect(keptFileName(`${'x'.repeat(300)}.png`, 'image/png')).toBe(`${'x'.repeat(196)}.png`)
  })
})

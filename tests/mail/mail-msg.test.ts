// Reading an Outlook item (.msg). No tool on this machine writes real Outlook files (no Outlook, no
// msg writer on the npm registry was found), so the .msg is built here by its documented structure
// ([MS-OXMSG]: a compound file with one __substg1.0_<tag> stream per string property, a property
// stream holding the sent time as a FILETIME, and one __attach_version1.0_#<n> storage per
// attachment), written with msgreader's own compound-file writer (Burner), then read back.
import { burn, type Entry } from '@kenjiuno/msgreader/lib/Burner'
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader'
import { describe, expect, it } from 'vitest'
import { readMail } from '../../electron/core/mail/mail-reader.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { ok, registerCore } from '../helpers/register.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le')

function filetime(iso: string): Buffer {
  const ticks = (BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(ticks)
  return b
}

/** A property stream entry: tag, flags (readable, writable), 8 bytes of value. */
function fixedProperty(tag: number, value: Buffer): Buffer {
  const b = Buffer.alloc(16)
  b.writeUInt32LE(tag, 0)
  b.writeUInt32LE(6, 4)
  value.copy(b, 8)
  return b
}

function outlookItem(p: { subject: string; body: string; senderName: string; senderEmail: string; sentAt: string; attachment?: { name: string; bytes: Buffer } }): Buffer {
  // Each stream in its own ArrayBuffer: the writer reads `.buffer`, and a small Node Buffer shares a pool.
  const doc = (name: string, bytes: Buffer): Entry => {
    const own = new Uint8Array(bytes)
    return { name, type: TypeEnum.DOCUMENT, binaryProvider: () => own, length: own.length }
  }
  const entries: Entry[] = [{ name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [] }]
  const add = (parent: number, e: Entry): number => {
    entries.push(e)
    entries[parent]?.children?.push(entries.length - 1)
    return entries.length - 1
  }
  add(0, doc('__substg1.0_0037001F', utf16(p.subject)))
  add(0, doc('__substg1.0_1000001F', utf16(p.body)))
  add(0, doc('__substg1.0_0C1A001F', utf16(p.senderName)))
  add(0, doc('__substg1.0_0C1F001F', utf16(p.senderEmail)))
  add(0, doc('__substg1.0_5D01001F', utf16(p.senderEmail)))
  // Top-level property stream: 32 bytes of header, then PidTagClientSubmitTime (0x0039, PT_SYSTIME).
  add(0, doc('__properties_version1.0', Buffer.concat([Buffer.alloc(32), fixedProperty(0x00390040, filetime(p.sentAt))])))
  if (p.attachment) {
    const dir = add(0, { name: '__attach_version1.0_#00000000', type: TypeEnum.DIRECTORY, length: 0, children: [] })
    add(dir, doc('__substg1.0_3707001F', utf16(p.attachment.name)))
    add(dir, doc('__substg1.0_37010102', p.attachment.bytes))
    add(dir, doc('__properties_version1.0', Buffer.concat([Buffer.alloc(8), fixedProperty(0x37050003, Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]))])))
  }
  return Buffer.from(burn(entries))
}

const item = () =>
  outlookItem({
    subject: 'Toestemming foto’s Zoë: website nee',
    body: 'Beste school,\r\n\r\nGeen foto’s van Zoë meer op de website.\r\n\r\nGroet, Marieke',
    senderName: 'Marieke van der Berg',
    senderEmail: 'MARIEKE@voorbeeld.nl',
    sentAt: '2026-11-30T20:47:12.000Z',
    attachment: { name: 'formulier-zoë.pdf', bytes: PDF },
  })

describe('reading an Outlook .msg', () => {
  it('gives sender, date sent, subject with diacritics, text and the attached form', async () => {
    const mail = await readMail('mail.msg', item())
    expect(mail).toMatchObject({ format: 'msg', fromAddress: 'marieke@voorbeeld.nl', fromName: 'Marieke van der Berg', sentAt: '2026-11-30T20:47:12.000Z', subject: 'Toestemming foto’s Zoë: website nee' })
    expect(mail.text).toBe('Beste school,\n\nGeen foto’s van Zoë meer op de website.\n\nGroet, Marieke')
    expect(mail.attachments).toEqual([{ fileName: 'formulier-zoë.pdf', bytes: PDF }])
  })

  it('matches the sender to the guardian and records the answer with the .msg kept', async () => {
    const { core, pupil, mother, purpose } = await registerCore(new Date('2026-12-01T09:00:00Z'))
    const msg = item()
    const mailFile = chooseFile(core, 'Toestemming.msg', msg)
    expect((await ok(core, 'mail.read', { pupilId: pupil.id, mail: mailFile })).guardianMatches).toEqual([{ guardianId: mother.id, name: 'Marieke van der Berg' }])
    await ok(core, 'mail.record', { pupilId: pupil.id, mail: mailFile, decisions: [{ purposeId: purpose('website').id, decision: 'refused' }] })
    const [last] = await ok(core, 'consent.history', { pupilId: pupil.id })
    expect(last).toMatchObject({ source: 'email', guardianId: mother.id, sourceDetail: 'Toestemming foto’s Zoë: website nee, 30-11-2026', mail: { format: 'msg', size: msg.length } })
  })

  it('a damaged .msg gets a Dutch message and nothing is stored', async () => {
    const { core } = await registerCore()
    const broken = item().subarray(0, 1000)
    const r = await core.dispatch('mail.read', { mail: chooseFile(core, 'kapot.msg', broken) })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('kapot.msg kan niet als e-mail worden gelezen') } })
    expect(core.ctx.db.prepare('SELECT count(*) FROM mails').pluck().get()).toBe(0)
  })
})

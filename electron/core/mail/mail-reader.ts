// Reads a parent's e-mail as saved from a mail program: .eml (MIME, via postal-mime) or an Outlook
// item (.msg, via @kenjiuno/msgreader). Pure: bytes in, sender, date, subject, text and
// attachments out, with caps on size, count and text length. HTML is only ever turned into text.
import type MsgReader from '@kenjiuno/msgreader'
import type PostalMime from 'postal-mime'
import { AppError } from '../../../shared/errors.ts'
import { emlReader, msgFileReader } from '../libraries.ts'
import { htmlToText, normaliseText } from './mail-text.ts'

export const MAX_MAIL_BYTES = 25 * 1024 * 1024
export const MAX_MAIL_ATTACHMENTS = 10
export const MAX_MAIL_TEXT = 50_000

export type MailFormat = 'eml' | 'msg'

export interface ReadMail {
  format: MailFormat
  fromAddress: string
  fromName: string
  /** ISO moment the mail was sent. */
  sentAt: string
  subject: string
  text: string
  textCut: boolean
  attachments: { fileName: string; bytes: Buffer }[]
  /** Attachments beyond the cap, left out. */
  attachmentsLeftOut: number
}

/** A header value as one line: no control or bidi characters, no line breaks. */
const oneLine = (s: string | undefined, max: number): string =>
  normaliseText(s ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .slice(0, max)

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

export const unreadable = (fileName: string, why: string): AppError =>
  new AppError(
    'validation',
    `${fileName} kan niet als e-mail worden gelezen: ${why}. Er is niets opgeslagen. Sla de e-mail opnieuw op (in Outlook: slepen of 'Opslaan als' .msg; in webmail: 'Downloaden' of 'Origineel weergeven' als .eml) en kies dat bestand.`,
    'mail',
  )

/** .msg by its compound-file signature, .eml when the start looks like mail headers. */
export function mailFormat(bytes: Uint8Array): MailFormat | undefined {
  if (Buffer.from(bytes.subarray(0, 8)).equals(CFB_MAGIC)) return 'msg'
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  if (head.includes('\u0000')) return undefined
  return /^[\x21-\x39\x3b-\x7e]+:/m.test(head) && /^(from|date|subject|received|return-path|mime-version|message-id):/im.test(head) ? 'eml' : undefined
}

function finish(
  fileName: string,
  format: MailFormat,
  raw: { fromAddress?: string; fromName?: string; date?: string; subject?: string; text?: string; html?: string },
  attachments: { fileName: string; bytes: Buffer }[],
): ReadMail {
  const fromAddress = (raw.fromAddress ?? '').trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+$/.test(fromAddress)) throw unreadable(fileName, 'er staat geen afzender (e-mailadres) in')
  const sent = raw.date ? new Date(raw.date) : undefined
  if (!sent || Number.isNaN(sent.getTime())) throw unreadable(fileName, 'er staat geen leesbare verzenddatum in')
  const full = raw.text?.trim() ? normaliseText(raw.text) : raw.html ? htmlToText(raw.html) : ''
  return {
    format,
    fromAddress,
    fromName: oneLine(raw.fromName, 200),
    sentAt: sent.toISOString(),
    subject: oneLine(raw.subject, 250),
    text: full.slice(0, MAX_MAIL_TEXT),
    textCut: full.length > MAX_MAIL_TEXT,
    attachments: attachments.slice(0, MAX_MAIL_ATTACHMENTS).map((a, i) => ({ fileName: oneLine(a.fileName, 200) || `bijlage-${i + 1}`, bytes: a.bytes })),
    attachmentsLeftOut: Math.max(0, attachments.length - MAX_MAIL_ATTACHMENTS),
  }
}

async function readEml(fileName: string, bytes: Buffer): Promise<ReadMail> {
  let mail: Awaited<ReturnType<typeof PostalMime.parse>>
  try {
    mail = await emlReader().parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 20, maxHeadersSize: 256 * 1024, maxRfc822NestingDepth: 0 })
  } catch {
    throw unreadable(fileName, 'de opbouw van het bestand klopt niet')
  }
  const attachments = mail.attachments
    .filter((a) => a.disposition !== 'inline' || a.filename)
    .map((a, i) => ({ fileName: a.filename?.trim() || `bijlage-${i + 1}`, bytes: Buffer.from(typeof a.content === 'string' ? Buffer.from(a.content, 'base64') : new Uint8Array(a.content)) }))
  return finish(fileName, 'eml', { fromAddress: mail.from?.address, fromName: mail.from?.name, date: mail.date, subject: mail.subject, text: mail.text, html: mail.html }, attachments)
}

function readMsg(fileName: string, bytes: Buffer): ReadMail {
  let reader: MsgReader
  let data: ReturnType<MsgReader['getFileData']>
  try {
    reader = new (msgFileReader())(new Uint8Array(bytes).buffer)
    data = reader.getFileData()
  } catch {
    throw unreadable(fileName, 'het Outlook-bestand is beschadigd')
  }
  if (data.error) throw unreadable(fileName, 'het Outlook-bestand is beschadigd')
  const attachments: { fileName: string; bytes: Buffer }[] = []
  for (const [i, a] of (data.attachments ?? []).entries()) {
    if (a.innerMsgContent) continue
    try {
      const got = reader.getAttachment(a)
      attachments.push({ fileName: got.fileName?.trim() || `bijlage-${i + 1}`, bytes: Buffer.from(got.content) })
    } catch {
      throw unreadable(fileName, 'een bijlage in het Outlook-bestand is beschadigd')
    }
  }
  const date = data.clientSubmitTime ?? data.messageDeliveryTime ?? data.creationTime
  return finish(fileName, 'msg', { fromAddress: data.senderSmtpAddress || data.senderEmail, fromName: data.senderName, date, subject: data.subject, text: data.body, html: data.bodyHtml }, attachments)
}

/** Reads the mail, or throws a Dutch AppError saying why it cannot be used (nothing is stored). */
export async function readMail(fileName: string, bytes: Buffer): Promise<ReadMail> {
  if (bytes.length === 0) throw unreadable(fileName, 'het bestand is leeg')
  if (bytes.length > MAX_MAIL_BYTES) throw new AppError('validation', `De e-mail ${fileName} is groter dan 25 MB. Er is niets opgeslagen. Bewaar de bijlagen apart als scan (PDF, JPG of PNG) en voeg die toe.`, 'mail')
  const format = mailFormat(bytes)
  if (format === undefined) throw unreadable(fileName, 'het is geen .eml- of .msg-bestand')
  return format === 'msg' ? readMsg(fileName, bytes) : readEml(fileName, bytes)
}

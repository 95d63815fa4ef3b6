// A parent's e-mail as proof. Reading stores nothing; recording adds the answers (source e-mail,
// detail '<onderwerp>, <datum verzonden>') and keeps the original file with its SHA-256, linked to
// every record it proves; a kept mail can also go into the pupil's file as correspondence.
import { createHash } from 'node:crypto'
import type { ApiParsed } from '../../../shared/api.ts'
import { displayName, formatDate, localIsoDate, type DossierEntry, type PupilDetail } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { MAIL_TOO_LARGE_MESSAGE, MAX_MAIL_BYTES, type MailAttachmentView, type MailPreview } from '../../../shared/mail.contract.ts'
import { chosenFile, readChosenFile } from '../chosen-files.ts'
import { inputSchemas } from '../../../shared/schemas.ts'
import { checkAttachmentBytes } from '../attachments/attachments.service.ts'
import { recordConsent } from '../consent/consent.service.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { saveDossierEntry } from '../dossier/dossier.service.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { readMail, type ReadMail } from './mail-reader.ts'
import { insertMail, lastConsentRecordId, linkMailToDossierEntry, linkMailToRecordsAfter, mailOfDossierEntry, pupilsOfAddress } from './mail.queries.ts'

type MailFile = ApiParsed<'mail.read'>['mail']

interface Checked {
  fileName: string
  bytes: Buffer
  mail: ReadMail
  sha256: string
  sentDate: string
  attachments: (MailAttachmentView & { bytes: Buffer })[]
}

/** The mail's name and bytes, read by token where the file lies; its size is checked before a byte is read. */
function mailBytes(ctx: CoreContext, file: MailFile): { fileName: string; bytes: Buffer } {
  const chosen = chosenFile(ctx, file.token)
  const read = readChosenFile(chosen, MAX_MAIL_BYTES)
  if (!('bytes' in read)) throw new AppError('validation', MAIL_TOO_LARGE_MESSAGE)
  return { fileName: chosen.name.replace(/^.*[\\/]/, '').slice(0, 255), bytes: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) }
}

async function checkMail(ctx: CoreContext, file: MailFile): Promise<Checked> {
  const { fileName, bytes } = mailBytes(ctx, file)
  const mail = await readMail(fileName, bytes)
  const attachments = mail.attachments.map((a, i) => {
    try {
      return { fileName: a.fileName, size: a.bytes.length, type: checkAttachmentBytes(a.bytes, a.fileName, `attachments.${i}`), problem: null, bytes: a.bytes }
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      return { fileName: a.fileName, size: a.bytes.length, type: null, problem: e.message, bytes: a.bytes }
    }
  })
  return { fileName, bytes, mail, sha256: createHash('sha256').update(bytes).digest('hex'), sentDate: localIsoDate(new Date(mail.sentAt)), attachments }
}

function guardianMatches(pupil: PupilDetail, address: string): MailPreview['guardianMatches'] {
  return pupil.guardians.filter((g) => g.email.trim().toLowerCase() === address).map((g) => ({ guardianId: g.id, name: g.name }))
}

/** Pupils still at school whose guardian has this address (case aside): for a mail dropped on the list. */
function pupilsOfSender(db: Db, address: string, today: string): MailPreview['suggestedPupils'] {
  const rows = pupilsOfAddress(db, address, today)
  return rows.map((r) => ({ pupilId: r.id, name: displayName(r), groupName: r.groupName }))
}

export async function previewMail(ctx: CoreContext, input: ApiParsed<'mail.read'>): Promise<MailPreview> {
  const c = await checkMail(ctx, input.mail)
  return {
    format: c.mail.format,
    fileName: c.fileName,
    size: c.bytes.length,
    sha256: c.sha256,
    fromAddress: c.mail.fromAddress,
    fromName: c.mail.fromName,
    sentAt: c.mail.sentAt,
    sentDate: c.sentDate,
    subject: c.mail.subject,
    text: c.mail.text,
    textCut: c.mail.textCut,
    attachments: c.attachments.map(({ bytes: _bytes, ...a }) => a),
    attachmentsLeftOut: c.mail.attachmentsLeftOut,
    guardianMatches: input.pupilId === undefined ? [] : guardianMatches(getPupil(ctx, input.pupilId), c.mail.fromAddress),
    suggestedPupils: pupilsOfSender(ctx.db, c.mail.fromAddress, localIsoDate(ctx.now())),
  }
}

function storeMail(db: Db, fileName: string, c: Checked, actor: string, now: Date): number {
  return insertMail(db, {
    fileName,
    format: c.mail.format,
    size: c.bytes.length,
    sha256: c.sha256,
    data: c.bytes,
    fromAddress: c.mail.fromAddress,
    subject: c.mail.subject,
    sentAt: c.mail.sentAt,
    createdBy: actor,
    createdAt: now.toISOString(),
  })
}

const upload = (a: Checked['attachments'][number]) => ({ fileName: a.fileName.slice(0, 255), bytes: a.bytes })

/** Records the answers from the mail, with the mail (and the first scan in it) as proof; all or nothing. */
export async function recordFromMail(ctx: CoreContext, input: ApiParsed<'mail.record'>): Promise<PupilDetail> {
  const actor = requireStaffName(ctx)
  const c = await checkMail(ctx, input.mail)
  const effectiveFrom = input.effectiveFrom ?? c.sentDate
  if (effectiveFrom < c.sentDate) {
    throw new AppError('validation', `De e-mail is verzonden op ${formatDate(c.sentDate)}; het antwoord kan niet eerder ingaan. Er is niets opgeslagen. Kies ${formatDate(c.sentDate)} of later.`, 'effectiveFrom')
  }
  const pupil = getPupil(ctx, input.pupilId)
  const matches = guardianMatches(pupil, c.mail.fromAddress)
  const guardianId = input.guardianId ?? (matches.length === 1 ? (matches[0]?.guardianId ?? null) : null)
  const scan = c.attachments.find((a) => a.type !== null)
  const sourceDetail = `${c.mail.subject || '(geen onderwerp)'}, ${formatDate(c.sentDate)}`.slice(0, 300)
  const { db } = ctx
  const now = ctx.now()
  return db.transaction(() => {
    const lastBefore = lastConsentRecordId(db)
    recordConsent(ctx, {
      pupilId: input.pupilId,
      decisions: input.decisions,
      guardianId,
      effectiveFrom,
      source: 'email',
      sourceDetail,
      note: input.note,
      attachment: scan ? upload(scan) : undefined,
      consentStamp: input.consentStamp,
    })
    const mailId = storeMail(db, c.fileName, c, actor, now)
    linkMailToRecordsAfter(db, mailId, input.pupilId, lastBefore)
    return getPupil(ctx, input.pupilId)
  })()
}

/** Keeps the mail in the pupil's file as correspondence ('e-mail'), its scans as the entry's attachments. */
export async function addMailToDossier(ctx: CoreContext, input: ApiParsed<'mail.addToDossier'>): Promise<DossierEntry> {
  const actor = requireStaffName(ctx)
  const c = await checkMail(ctx, input.mail)
  const entry = inputSchemas['dossier.save'].parse({
    pupilId: input.pupilId,
    entryDate: c.sentDate,
    kind: 'e-mail',
    title: `E-mail van ${c.mail.fromName || c.mail.fromAddress}: ${c.mail.subject || '(geen onderwerp)'}`.slice(0, 200),
    body: c.mail.text,
  })
  const attachments = c.attachments.filter((a) => a.type !== null).map(upload)
  const { db } = ctx
  const now = ctx.now()
  return db.transaction(() => {
    const saved = saveDossierEntry(ctx, { ...entry, attachments })
    const mailId = storeMail(db, c.fileName, c, actor, now)
    linkMailToDossierEntry(db, saved.id, mailId)
    return { ...saved, mail: mailOfDossierEntry(db, saved.id) }
  })()
}

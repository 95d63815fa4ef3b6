// Everything the register holds about one pupil, for the dossier PDF, JSON and ZIP.
import { formatDate, type ConsentRecordView } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { retentionPeriods } from '../retention/retention.service.ts'
import { schoolContact } from './document-settings.ts'
import { retentionLines } from './dossier-rights.ts'
import { listAudit } from '../audit/audit.queries.ts'
import { consentCells } from '../consent/consent.current.ts'
import { consentHistory } from '../consent/consent.service.ts'
import type { CoreContext } from '../context.ts'
import { listDossier } from '../dossier/dossier.service.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { getSettings } from '../settings/settings.service.ts'
import { mailsOfPupil } from '../mail/mail.queries.ts'
import { allGroupNames, attachmentForDossier, entriesOfMails, pupilStamps, purposeWordings } from './documents.queries.ts'
import { attachmentPath, mailPath } from './dossier-export.ts'
import type { DossierAttachment, DossierData, DossierMail } from './dossier.ts'

/** The exact wording of each purpose version, to show what a parent answered to. */
function purposeTexts(ctx: CoreContext): Map<string, { label: string; description: string }> {
  const rows = purposeWordings(ctx.db)
  return new Map(rows.map((r) => [`${r.purposeId}:${r.version}`, { label: r.label, description: r.description }]))
}

export function dossierData(ctx: CoreContext, pupilId: number, requesterGuardianId?: number): { data: DossierData; attachmentBytes: Map<number, Buffer>; mailBytes: Map<number, Buffer> } {
  const { db } = ctx
  const pupil = getPupil(ctx, pupilId)
  const allGuardians = guardiansOf(db, pupilId)
  const requester = requesterGuardianId === undefined ? undefined : allGuardians.find((g) => g.id === requesterGuardianId)
  if (requesterGuardianId !== undefined && !requester) {
    throw new AppError('not_found', 'Deze ouder/verzorger hoort niet (meer) bij deze leerling. Vernieuw het scherm en kies opnieuw wie het dossier vroeg.', 'requesterGuardianId')
  }
  // A copy for one guardian leaves out the other guardians' own data (AVG art. 15 lid 4).
  const others = new Set(requester ? allGuardians.filter((g) => g.id !== requester.id).map((g) => g.id) : [])
  const stamps = pupilStamps(db, pupilId)
  const purposes = new Map(listPurposes(db, true).map((p) => [p.id, p]))
  const history = consentHistory(ctx, pupilId)
  const entries = listDossier(ctx, pupilId)
  const settings = getSettings(ctx)

  const belongs = new Map<number, string[]>()
  const note = (id: number, text: string): void => void belongs.set(id, [...(belongs.get(id) ?? []), text])
  const byAttachment = new Map<number, ConsentRecordView[]>()
  for (const r of history) if (r.attachment) byAttachment.set(r.attachment.id, [...(byAttachment.get(r.attachment.id) ?? []), r])
  for (const [id, records] of byAttachment) note(id, `Toestemming ${formatDate(records[0]?.effectiveFrom)} (${records.map((r) => r.purposeLabel).join(', ')})`)
  for (const e of entries) for (const a of e.attachments) note(a.id, `Dossierstuk ${formatDate(e.entryDate)}: ${e.title}`)

  const attachmentBytes = new Map<number, Buffer>()
  const attachments: DossierAttachment[] = []
  for (const id of [...belongs.keys()].sort((a, b) => a - b)) {
    const a = attachmentForDossier(db, id)
    if (!a) continue
    const { data, ...meta } = a
    attachmentBytes.set(id, data)
    attachments.push({ ...meta, belongsTo: (belongs.get(id) ?? []).join('; '), path: attachmentPath(id, meta.fileName, data) })
  }

  const mailBytes = new Map<number, Buffer>()
  const mails: DossierMail[] = []
  const entryOfMail = new Map(entriesOfMails(db, pupilId).map((r) => [r.mailId, r]))
  for (const { data: bytes, ...m } of mailsOfPupil(db, pupilId)) {
    const records = history.filter((r) => r.mail?.id === m.id)
    const entry = entryOfMail.get(m.id)
    const belongsTo = [
      ...(records.length > 0 ? [`Toestemming ${formatDate(records[0]?.effectiveFrom)} (${records.map((r) => r.purposeLabel).join(', ')})`] : []),
      ...(entry ? [`Dossierstuk ${formatDate(entry.entryDate)}: ${entry.title}`] : []),
    ].join('; ')
    mailBytes.set(m.id, bytes)
    mails.push({ ...m, belongsTo, path: mailPath(m.id, m.fileName, m.format) })
  }

  const texts = purposeTexts(ctx)
  const latest = new Map<number, ConsentRecordView>()
  for (const r of history) if (!latest.has(r.purposeId)) latest.set(r.purposeId, r)
  const leftOut =
    requester && others.size > 0
      ? [
          `De telefoonnummers en e-mailadressen van ${allGuardians
            .filter((g) => others.has(g.id))
            .map((g) => g.name)
            .join(' en ')}, en de wijzigingen in hun gegevens, staan niet in deze kopie voor ${requester.name}: dat zijn persoonsgegevens van een ander (AVG artikel 15 lid 4).`,
        ]
      : []

  const data: DossierData = {
    format: 'toestemmingsregister-dossier',
    formatVersion: 2,
    exportedAt: ctx.now().toISOString(),
    madeBy: settings.staffName,
    school: { name: settings.schoolName, schoolYear: settings.schoolYear, ...schoolContact(ctx) },
    requester: requester ? { guardianId: requester.id, name: requester.name, relation: requester.relation } : null,
    leftOut,
    purposes: [...purposes.values()]
      .filter((p) => p.active || latest.has(p.id))
      .map((p) => {
        const answered = latest.get(p.id)
        const text = texts.get(`${p.id}:${answered?.purposeVersion ?? p.version}`) ?? { label: p.label, description: p.description }
        return { purposeId: p.id, purposeCode: p.code, label: text.label, description: text.description, answeredVersion: answered?.purposeVersion ?? null, currentVersion: p.version, active: p.active }
      }),
    retention: retentionLines(retentionPeriods(db), pupil.leftOn),
    groupId: pupil.groupId ?? null,
    groupNames: Object.fromEntries(allGroupNames(db).map((g) => [g.id, g.name])),
    pupil: {
      id: pupil.id,
      studentNumber: pupil.studentNumber,
      firstName: pupil.firstName,
      lastNamePrefix: pupil.lastNamePrefix,
      lastName: pupil.lastName,
      birthDate: pupil.birthDate,
      groupName: pupil.groupName,
      enrolledOn: pupil.enrolledOn,
      leftOn: pupil.leftOn,
      leavingReason: pupil.leavingReason,
      formCode: pupil.formCode,
      createdAt: stamps.createdAt,
      updatedAt: stamps.updatedAt,
    },
    // Not the guardians' other children: they are not this pupil's data.
    guardians: allGuardians.map((g) => ({
      id: g.id,
      name: g.name,
      relation: g.relation,
      email: others.has(g.id) ? '' : g.email,
      phone: others.has(g.id) ? '' : g.phone,
      phoneNormalized: others.has(g.id) ? '' : g.phoneNormalized,
      contactLeftOut: others.has(g.id),
      inGroupApp: g.inGroupApp,
      preferredChannel: g.preferredChannel,
    })),
    currentConsent: consentCells(ctx, pupilId).map((c) => {
      const purpose = purposes.get(c.purposeId)
      return {
        purposeId: c.purposeId,
        purposeCode: purpose?.code ?? '',
        purposeLabel: purpose?.label ?? '',
        decision: c.decision,
        effectiveFrom: c.effectiveFrom,
        conflict: c.conflict,
        askAgain: c.askAgain,
      }
    }),
    consentHistory: history,
    dossierEntries: entries,
    auditTrail: listAudit(db, { pupilId, limit: 1_000_000 }).filter((a) => !(a.entity === 'guardian' && a.entityId !== null && others.has(a.entityId))),
    attachments,
    mails,
  }
  return { data, attachmentBytes, mailBytes }
}

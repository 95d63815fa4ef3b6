// Everything the register holds about one pupil, for the dossier PDF, JSON and ZIP.
import { formatDate, type ConsentRecordView } from '../../../shared/domain.ts'
import { listAudit } from '../audit/audit.queries.ts'
import { consentCells } from '../consent/consent.current.ts'
import { consentHistory } from '../consent/consent.service.ts'
import type { CoreContext } from '../context.ts'
import { listDossier } from '../dossier/dossier.service.ts'
import { guardiansOf } from '../guardians/guardians.queries.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { getSettings } from '../settings/settings.service.ts'
import { attachmentPath } from './dossier-export.ts'
import type { DossierAttachment, DossierData } from './dossier.ts'

export function dossierData(ctx: CoreContext, pupilId: number): { data: DossierData; attachmentBytes: Map<number, Buffer> } {
  const { db } = ctx
  const pupil = getPupil(ctx, pupilId)
  const stamps = db.prepare(`SELECT created_at AS createdAt, updated_at AS updatedAt FROM pupils WHERE id = ?`).get(pupilId) as { createdAt: string; updatedAt: string }
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
  const row = db.prepare(`SELECT id, file_name AS fileName, mime_type AS mimeType, size, sha256, created_by AS createdBy, created_at AS createdAt, data FROM attachments WHERE id = ?`)
  for (const id of [...belongs.keys()].sort((a, b) => a - b)) {
    const a = row.get(id) as (Omit<DossierAttachment, 'belongsTo' | 'path'> & { data: Buffer }) | undefined
    if (!a) continue
    const { data, ...meta } = a
    attachmentBytes.set(id, data)
    attachments.push({ ...meta, belongsTo: (belongs.get(id) ?? []).join('; '), path: attachmentPath(id, meta.fileName, data) })
  }

  const data: DossierData = {
    format: 'toestemmingsregister-dossier',
    formatVersion: 1,
    exportedAt: ctx.now().toISOString(),
    school: { name: settings.schoolName, schoolYear: settings.schoolYear },
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
    guardians: guardiansOf(db, pupilId).map((g) => ({
      id: g.id,
      name: g.name,
      relation: g.relation,
      email: g.email,
      phone: g.phone,
      phoneNormalized: g.phoneNormalized,
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
    auditTrail: listAudit(db, { pupilId, limit: 1_000_000 }),
    attachments,
  }
  return { data, attachmentBytes }
}

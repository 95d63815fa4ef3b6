// Answers at the desk: one new record per purpose (never an overwrite), a pupil's history with its
// proof, and the geen-toestemmingslijst and per-pupil counts made from the records in effect.
import type { ApiParsed } from '../../../shared/api.ts'
import { DESK_SOURCES, type ConsentRecordView, type PupilDetail } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { attachmentMeta } from '../attachments/attachments.queries.ts'
import { checkChosenSizes, storeAttachment, type WithAttachment } from '../attachments/attachments.service.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { assertNotFarAhead } from '../db/register-clock.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { mailOfRecord } from '../mail/mail.queries.ts'
import { consentHistoryRows, insertConsentRecord } from './consent.queries.ts'

/**
 * Records answers for one pupil: one new record per purpose, never an overwrite. With a
 * guardianId the answer is that guardian's; the pupil's decision is then the strictest of the
 * guardians' answers. The grid the user saw must still be current (consentStamp). The scan, if
 * any, is kept as their proof: a chosen one over 20 MB is refused by its size before it is read.
 */
export function recordConsent(ctx: CoreContext, input: WithAttachment<ApiParsed<'consent.record'>>): PupilDetail {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const now = ctx.now()
  if (!(DESK_SOURCES as readonly string[]).includes(input.source)) throw new AppError('validation', 'Kies hoe het antwoord binnenkwam.', 'source')
  assertNotFarAhead(input.effectiveFrom, now, 'De datum waarop het antwoord ingaat', 'effectiveFrom')
  if (input.attachment) checkChosenSizes(ctx, [input.attachment], () => 'attachment')
  return db.transaction(() => {
    const before = getPupil(ctx, input.pupilId)
    if (input.consentStamp !== undefined && input.consentStamp !== before.consentStamp) {
      throw new AppError('conflict', 'Voor deze leerling is intussen een ander antwoord vastgelegd. Uw invoer is niet opgeslagen. Bekijk de actuele stand en voer het opnieuw in.')
    }
    if (input.guardianId !== null && !before.guardians.some((g) => g.id === input.guardianId)) {
      throw new AppError('validation', 'Deze ouder/verzorger hoort niet bij deze leerling.', 'guardianId')
    }
    const purposes = new Map(listPurposes(db, true).map((p) => [p.id, p]))
    const seen = new Set<number>()
    for (const d of input.decisions) {
      const purpose = purposes.get(d.purposeId)
      if (!purpose) throw new AppError('validation', 'Een van de gekozen doelen bestaat niet (meer). Vernieuw het scherm.', 'decisions')
      if (!purpose.active) throw new AppError('validation', `Het doel '${purpose.label}' wordt niet meer gebruikt.`, 'decisions')
      if (seen.has(d.purposeId)) throw new AppError('validation', `Het doel '${purpose.label}' staat twee keer in de invoer.`, 'decisions')
      seen.add(d.purposeId)
    }
    const attachmentId = input.attachment ? storeAttachment(ctx, input.attachment, actor, now) : null
    const oldDecision = new Map(before.consent.map((c) => [c.purposeId, c.decision]))
    for (const d of input.decisions) {
      const purpose = purposes.get(d.purposeId)
      if (!purpose) continue
      const id = insertConsentRecord(db, {
        pupilId: input.pupilId,
        purposeId: purpose.id,
        purposeVersion: purpose.version,
        decision: d.decision,
        guardianId: input.guardianId,
        effectiveFrom: input.effectiveFrom,
        source: input.source,
        sourceDetail: input.sourceDetail,
        attachmentId,
        note: input.note,
        recordedBy: actor,
        recordedAt: now.toISOString(),
      })
      writeAudit(db, now, {
        actor,
        action: 'consent.record',
        entity: 'consent_record',
        entityId: id,
        pupilId: input.pupilId,
        oldValue: { purpose: purpose.code, decision: oldDecision.get(purpose.id) ?? 'unknown' },
        newValue: { purpose: purpose.code, decision: d.decision, guardianId: input.guardianId, effectiveFrom: input.effectiveFrom, source: input.source },
      })
    }
    return getPupil(ctx, input.pupilId)
  })()
}

/**
 * Every record for a pupil, the last recorded first (by rowid: the order of recording, whatever the
 * computer's clock said), with the wording the answer was given to.
 */
export function consentHistory(ctx: CoreContext, pupilId: number): ConsentRecordView[] {
  const rows = consentHistoryRows(ctx.db, pupilId)
  return rows.map(({ attachmentId, ...r }) => ({
    ...r,
    attachment: attachmentId === null ? null : (attachmentMeta(ctx.db, attachmentId) ?? null),
    mail: r.source === 'email' ? mailOfRecord(ctx.db, r.id) : null,
  }))
}

// The geen-toestemmingslijst and the pupil list's consent column, for a school of 10,000: no-consent-list.ts.
export { consentSummary, noConsentList, noConsentPage } from './no-consent-list.ts'

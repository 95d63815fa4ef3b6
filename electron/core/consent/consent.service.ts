import type { ApiParsed } from '../../../shared/api.ts'
import { DESK_SOURCES, type ConsentRecordView, type PupilDetail } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { ATTACHMENT_META_COLUMNS, storeAttachment } from '../attachments/attachments.service.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { assertNotFarAhead } from '../db/register-clock.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { mailOfRecord } from '../mail/mail.queries.ts'

/**
 * Records answers for one pupil: one new record per purpose, never an overwrite. With a
 * guardianId the answer is that guardian's; the pupil's decision is then the strictest of the
 * guardians' answers. The grid the user saw must still be current (consentStamp).
 */
export function recordConsent(ctx: CoreContext, input: ApiParsed<'consent.record'>): PupilDetail {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const now = ctx.now()
  if (!(DESK_SOURCES as readonly string[]).includes(input.source)) throw new AppError('validation', 'Kies hoe het antwoord binnenkwam.', 'source')
  assertNotFarAhead(input.effectiveFrom, now, 'De datum waarop het antwoord ingaat', 'effectiveFrom')
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
    const attachmentId = input.attachment ? storeAttachment(db, input.attachment, actor, now) : null
    const insert = db.prepare(
      `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, attachment_id, note, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const oldDecision = new Map(before.consent.map((c) => [c.purposeId, c.decision]))
    for (const d of input.decisions) {
      const purpose = purposes.get(d.purposeId)
      if (!purpose) continue
      const id = Number(
        insert.run(input.pupilId, purpose.id, purpose.version, d.decision, input.guardianId, input.effectiveFrom, input.source, input.sourceDetail, attachmentId, input.note, actor, now.toISOString())
          .lastInsertRowid,
      )
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
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.purpose_id AS purposeId, v.label AS purposeLabel, c.purpose_version AS purposeVersion, c.decision,
              c.guardian_id AS guardianId, g.name AS guardianName, c.effective_from AS effectiveFrom, c.source,
              c.source_detail AS sourceDetail, c.note, c.recorded_by AS recordedBy, c.recorded_at AS recordedAt,
              c.attachment_id AS attachmentId
         FROM consent_records c
         JOIN purpose_versions v ON v.purpose_id = c.purpose_id AND v.version = c.purpose_version
         LEFT JOIN guardians g ON g.id = c.guardian_id
        WHERE c.pupil_id = ?
        ORDER BY c.id DESC`,
    )
    .all(pupilId) as (Omit<ConsentRecordView, 'attachment'> & { attachmentId: number | null })[]
  const meta = ctx.db.prepare(`SELECT ${ATTACHMENT_META_COLUMNS} FROM attachments a WHERE a.id = ?`)
  return rows.map(({ attachmentId, ...r }) => ({
    ...r,
    attachment: attachmentId === null ? null : (meta.get(attachmentId) as ConsentRecordView['attachment']),
    mail: r.source === 'email' ? mailOfRecord(ctx.db, r.id) : null,
  }))
}

// The geen-toestemmingslijst and the pupil list's consent column, for a school of 10,000: no-consent-list.ts.
export { consentSummary, noConsentList } from './no-consent-list.ts'

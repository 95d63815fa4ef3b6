import { displayName, localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { sentFields } from '../../../shared/save-schema.ts'
import {
  RETENTION_INFO,
  RETENTION_KINDS,
  addMonths,
  type RetentionDue,
  type RetentionKind,
  type RetentionOverview,
  type RetentionPeriods,
  type RetentionResult,
} from '../../../shared/retention.ts'
import { writeAudit } from '../audit/audit.ts'
import { backupNow } from '../backup/backup.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { createLogger } from '../log.ts'
import { requireStaffName } from '../settings/settings.service.ts'

const log = createLogger('retention')
const key = (kind: RetentionKind): string => `retention.${kind}`

export function retentionPeriods(db: Db): RetentionPeriods {
  const read = db.prepare(`SELECT value FROM school_settings WHERE key = ?`).pluck()
  return Object.fromEntries(
    RETENTION_KINDS.map((kind) => [kind, Number((read.get(key(kind)) as string | undefined) ?? RETENTION_INFO[kind].defaultMonths)]),
  ) as RetentionPeriods
}

/** Saves the periods sent; one left out keeps its stored value. */
export function setRetentionPeriods(ctx: CoreContext, sent: Partial<RetentionPeriods>): RetentionOverview {
  const actor = requireStaffName(ctx)
  ctx.db.transaction(() => {
    const before = retentionPeriods(ctx.db)
    const periods: RetentionPeriods = { ...before, ...sentFields(sent) }
    const longestOther = Math.max(periods.contact, periods.dossier, periods.consent)
    if (periods.pupil < longestOther) {
      throw new AppError('validation', `De termijn voor 'Leerling en logboek' kan niet korter zijn dan de andere termijnen (${longestOther} maanden).`, 'pupil')
    }
    const put = ctx.db.prepare(`INSERT INTO school_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
    for (const kind of RETENTION_KINDS) put.run(key(kind), String(periods[kind]))
    writeAudit(ctx.db, ctx.now(), { actor, action: 'retention.periods', entity: 'settings', oldValue: before, newValue: periods })
  })()
  return retentionOverview(ctx)
}

interface LeftPupil {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  leftOn: string
}

/** How much of each kind is still held for a pupil (contact: guardians with no child at school any more). */
function itemsHeld(db: Db, pupilId: number, today: string): Record<RetentionKind, number> {
  const count = (sql: string, ...args: unknown[]): number => db.prepare(sql).pluck().get(...args) as number
  return {
    contact: count(
      `SELECT count(*) FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id
        WHERE pg.pupil_id = ? AND (g.email <> '' OR g.phone <> '')
          AND NOT EXISTS (SELECT 1 FROM pupil_guardians o JOIN pupils p ON p.id = o.pupil_id
                           WHERE o.guardian_id = g.id AND (p.left_on IS NULL OR p.left_on > ?))`,
      pupilId,
      today,
    ),
    dossier: count(`SELECT count(*) FROM dossier_entries WHERE pupil_id = ?`, pupilId),
    consent: count(`SELECT count(*) FROM consent_records WHERE pupil_id = ?`, pupilId),
    pupil: 1,
  }
}

/** Which pupils who left have data past its retention period: what, and since when. */
export function retentionOverview(ctx: CoreContext): RetentionOverview {
  const periods = retentionPeriods(ctx.db)
  const today = localIsoDate(ctx.now())
  const left = ctx.db
    .prepare(
      `SELECT id, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName, left_on AS leftOn
         FROM pupils WHERE left_on IS NOT NULL AND left_on <= ? ORDER BY left_on, last_name, id`,
    )
    .all(today) as LeftPupil[]
  const due: RetentionDue[] = []
  for (const p of left) {
    const held = itemsHeld(ctx.db, p.id, today)
    const kinds = RETENTION_KINDS.map((kind) => ({ kind, dueSince: addMonths(p.leftOn, periods[kind]), items: held[kind] })).filter(
      (k) => k.dueSince <= today && k.items > 0,
    )
    if (kinds.length > 0) due.push({ pupilId: p.id, name: displayName(p), leftOn: p.leftOn, kinds })
  }
  return { generatedAt: ctx.now().toISOString(), periods, due }
}

function removeAttachmentsNoLongerUsed(db: Db): void {
  db.exec(`DELETE FROM attachments WHERE id NOT IN (SELECT attachment_id FROM consent_records WHERE attachment_id IS NOT NULL)
             AND id NOT IN (SELECT attachment_id FROM dossier_entry_attachments)`)
}

function removeKind(db: Db, pupilId: number, kind: RetentionKind, today: string): void {
  if (kind === 'dossier') {
    db.prepare(`DELETE FROM dossier_entries WHERE pupil_id = ?`).run(pupilId)
  } else if (kind === 'consent') {
    db.prepare(`DELETE FROM consent_records WHERE pupil_id = ?`).run(pupilId)
  } else if (kind === 'contact') {
    db.prepare(
      `UPDATE guardians SET email = '', phone = '', phone_normalized = '', version = version + 1
        WHERE id IN (SELECT guardian_id FROM pupil_guardians WHERE pupil_id = ?)
          AND NOT EXISTS (SELECT 1 FROM pupil_guardians o JOIN pupils p ON p.id = o.pupil_id
                           WHERE o.guardian_id = guardians.id AND (p.left_on IS NULL OR p.left_on > ?))`,
    ).run(pupilId, today)
  } else {
    const guardians = db.prepare(`SELECT guardian_id FROM pupil_guardians WHERE pupil_id = ?`).pluck().all(pupilId) as number[]
    db.prepare(`DELETE FROM consent_records WHERE pupil_id = ?`).run(pupilId)
    db.prepare(`DELETE FROM audit_log WHERE pupil_id = ? OR (entity = 'pupil' AND entity_id = ?)`).run(pupilId, pupilId)
    db.prepare(`DELETE FROM import_changes WHERE entity = 'pupil' AND entity_id = ?`).run(pupilId)
    db.prepare(`DELETE FROM pupils WHERE id = ?`).run(pupilId)
    // Guardians with no other child in the register go too, with their own audit entries.
    for (const g of guardians) {
      if (db.prepare(`SELECT 1 FROM pupil_guardians WHERE guardian_id = ?`).get(g)) continue
      if (db.prepare(`SELECT 1 FROM consent_records WHERE guardian_id = ?`).get(g)) continue
      db.prepare(`INSERT OR IGNORE INTO guardian_purge_queue (guardian_id) VALUES (?)`).run(g)
      db.prepare(`DELETE FROM audit_log WHERE entity = 'guardian' AND entity_id = ?`).run(g)
      db.prepare(`DELETE FROM import_changes WHERE entity = 'guardian' AND entity_id = ?`).run(g)
      db.prepare(`DELETE FROM guardians WHERE id = ?`).run(g)
    }
  }
}

/**
 * Removes what the user confirmed, if it is (still) due: a backup first, then one transaction,
 * then VACUUM so that nothing of it is left in the database file. The log keeps counts, not names.
 */
export async function removeDue(ctx: CoreContext, confirmed: { pupilId: number; kinds: RetentionKind[] }[]): Promise<RetentionResult> {
  const actor = requireStaffName(ctx)
  const due = new Map(retentionOverview(ctx).due.map((d) => [d.pupilId, new Set(d.kinds.map((k) => k.kind))]))
  for (const c of confirmed) {
    const kinds = due.get(c.pupilId)
    if (!kinds || c.kinds.some((k) => !kinds.has(k))) {
      throw new AppError('conflict', 'De lijst is intussen veranderd. Er is niets verwijderd. Bekijk de lijst opnieuw en bevestig nog eens.')
    }
  }
  const backup = await backupNow(ctx, 'retention')
  const today = localIsoDate(ctx.now())
  const counts: Record<RetentionKind, number> = { contact: 0, dossier: 0, consent: 0, pupil: 0 }
  const { db } = ctx
  db.transaction(() => {
    const queue = db.prepare(`INSERT INTO purge_queue (pupil_id) VALUES (?)`)
    for (const c of confirmed) {
      queue.run(c.pupilId)
      // The pupil itself last: its removal takes the rest with it.
      for (const kind of RETENTION_KINDS.filter((k) => c.kinds.includes(k))) {
        removeKind(db, c.pupilId, kind, today)
        counts[kind]++
      }
    }
    removeAttachmentsNoLongerUsed(db)
    db.exec(`DELETE FROM purge_queue; DELETE FROM guardian_purge_queue;`)
    writeAudit(db, ctx.now(), { actor, action: 'retention.remove', entity: 'retention', newValue: counts })
  })()
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
  log.info('retention removal done', counts)
  return { backup: backup?.name ?? null, pupilsRemoved: counts.pupil, counts }
}

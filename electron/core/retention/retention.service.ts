// Retention after a pupil leaves: the periods, what is due, and the removal after confirmation.
import { dropImportSessions } from '../imports/sessions.ts'
import { displayName, formatDate, localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { sentFields } from '../../../shared/save-schema.ts'
import { RETENTION_INFO, RETENTION_KINDS, addMonths, type RetentionDue, type RetentionKind, type RetentionOverview, type RetentionPeriods, type RetentionResult } from '../../../shared/retention.ts'
import { writeAudit } from '../audit/audit.ts'
import { backupNow } from '../backup/backup.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { createLogger } from '../log.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { expireSafetyBackups, removeFromBackups, safetyBackups, safetyUntil, type BackupsAfterRemoval } from './backups.ts'
import { applyRemoval, planRemoval } from './removal.ts'
import { putSetting, settingValue } from '../settings/settings.queries.ts'
import { consentRecordCount, dossierEntryCount, guardiansWithContactLeft, pupilsLeftBy, vacuum } from './retention.queries.ts'

const log = createLogger('retention')
const key = (kind: RetentionKind): string => `retention.${kind}`

export function retentionPeriods(db: Db): RetentionPeriods {
  return Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, Number(settingValue(db, key(kind)) ?? RETENTION_INFO[kind].defaultMonths)])) as RetentionPeriods
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
    for (const kind of RETENTION_KINDS) putSetting(ctx.db, key(kind), String(periods[kind]))
    writeAudit(ctx.db, ctx.now(), { actor, action: 'retention.periods', entity: 'settings', oldValue: before, newValue: periods })
  })()
  return retentionOverview(ctx)
}

/** How much of each kind is still held for a pupil (contact: guardians with no child at school any more). */
function itemsHeld(db: Db, pupilId: number, today: string): Record<RetentionKind, number> {
  return {
    contact: guardiansWithContactLeft(db, pupilId, today),
    dossier: dossierEntryCount(db, pupilId),
    consent: consentRecordCount(db, pupilId),
    pupil: 1,
  }
}

/** Which pupils who left have data past its retention period: what, and since when. */
export function retentionOverview(ctx: CoreContext): RetentionOverview {
  const periods = retentionPeriods(ctx.db)
  const today = localIsoDate(ctx.now())
  const left = pupilsLeftBy(ctx.db, today)
  const due: RetentionDue[] = []
  for (const p of left) {
    const held = itemsHeld(ctx.db, p.id, today)
    const kinds = RETENTION_KINDS.map((kind) => ({ kind, dueSince: addMonths(p.leftOn, periods[kind]), items: held[kind] })).filter((k) => k.dueSince <= today && k.items > 0)
    if (kinds.length > 0) due.push({ pupilId: p.id, name: displayName(p), leftOn: p.leftOn, kinds })
  }
  // Only where this app may write: a register another app holds (or a read-only one) keeps its files.
  if (!ctx.readOnly) expireSafetyBackups(ctx)
  return { generatedAt: ctx.now().toISOString(), periods, due, safetyBackups: safetyBackups(ctx.dbPath) }
}

const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`

/** The result of a removal in words: what went, which backups were rewritten or deleted, and the way back. */
function describeRemoval(pupils: number, backups: BackupsAfterRemoval, safety: { name: string; until: string } | null, documents: number): string {
  const parts = [`Verwijderd: gegevens van ${n(pupils, 'leerling', 'leerlingen')}, ook uit het logboek en de importgeschiedenis.`]
  if (backups.rewritten.length > 0) parts.push(`${n(backups.rewritten.length, 'oudere reservekopie is', 'oudere reservekopieën zijn')} herschreven zonder deze gegevens: ${backups.rewritten.join(', ')}.`)
  if (backups.deleted.length > 0)
    parts.push(`${n(backups.deleted.length, 'kopie kon', 'kopieën konden')} niet worden herschreven en ${backups.deleted.length === 1 ? 'is' : 'zijn'} gewist: ${backups.deleted.join(', ')}.`)
  if (backups.failed.length > 0) {
    parts.push(
      `Let op: ${n(backups.failed.length, 'reservekopie kon', 'reservekopieën konden')} niet worden herschreven of gewist (${backups.failed.join(', ')}). Verwijder ${backups.failed.length === 1 ? 'dat bestand' : 'die bestanden'} zelf uit de map met reservekopieën.`,
    )
  }
  if (documents > 0) parts.push(`${n(documents, 'geopend document is', 'geopende documenten zijn')} uit de tijdelijke map gewist; maak ${documents === 1 ? 'het' : 'ze'} zo nodig opnieuw.`)
  if (safety) parts.push(`De reservekopie van vlak vóór het verwijderen (${safety.name}) bevat de gegevens nog en wordt op ${formatDate(safety.until)} gewist; tot dan kunt u met die kopie een vergissing herstellen.`)
  return parts.join(' ')
}

/**
 * Removes what the user confirmed, if it is (still) due: a backup first, then one transaction that
 * deletes it and scrubs the log, the import history and the file names, then VACUUM and a
 * checkpoint so nothing of it is left in the database file or its WAL; then the same removal in
 * every older backup. The log keeps counts, not names.
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
  for (const c of confirmed) for (const k of c.kinds) counts[k]++
  const { db } = ctx
  const plan = planRemoval(db, confirmed, today)
  const words = db.transaction(() => {
    const scrubbed = applyRemoval(db, plan, ctx.now())
    writeAudit(db, ctx.now(), { actor, action: 'retention.remove', entity: 'retention', newValue: counts })
    return scrubbed
  })()
  try {
    vacuum(db)
  } catch (e) {
    // Committed already, and secure_delete overwrote the freed pages; VACUUM only compacts (it needs free disk space).
    log.error('VACUUM after a retention removal failed', e)
  }
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
  if (checkpoint?.busy) log.warn('the WAL could not be emptied: another connection reads the database')
  let backups: BackupsAfterRemoval
  try {
    backups = removeFromBackups(ctx, plan, words, backup?.name ?? null)
  } catch (e) {
    log.error('the backups folder could not be read after a retention removal', e)
    backups = { rewritten: [], deleted: [], failed: ['de map met reservekopieën'] }
  }
  expireSafetyBackups(ctx)
  const documents = ctx.temp.removeEverything()
  dropImportSessions(ctx) // an open import's files may hold the removed pupils
  log.info('retention removal done', { ...counts, backupsRewritten: backups.rewritten.length, backupsDeleted: backups.deleted.length, backupsFailed: backups.failed.length })
  const safety = backup ? { name: backup.name, until: safetyUntil(backup) } : null
  return {
    backup: backup?.name ?? null,
    safetyBackupUntil: safety?.until ?? null,
    pupilsRemoved: counts.pupil,
    counts,
    backupsRewritten: backups.rewritten,
    backupsDeleted: backups.deleted,
    backupsFailed: backups.failed,
    message: describeRemoval(confirmed.length, backups, safety, documents),
  }
}

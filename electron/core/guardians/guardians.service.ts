import type { ApiParsed } from '../../../shared/api.ts'
import type { Guardian, PupilDetail } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { normalizePhone } from '../../../shared/phone.ts'
import { sentFields } from '../../../shared/save-schema.ts'
import { fold } from '../../../shared/text.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { refreshSearchText } from '../pupils/search-text.ts'
import { COLUMNS, guardianRow, linkedPupils, toGuardian, type GuardianRow } from './guardians.queries.ts'
import { requireStaffName } from '../settings/settings.service.ts'

function assertPupil(db: Db, pupilId: number): void {
  if (!db.prepare(`SELECT 1 FROM pupils WHERE id = ?`).get(pupilId)) throw new AppError('not_found', 'Deze leerling bestaat niet (meer). Zoek de leerling opnieuw.')
}

function link(db: Db, pupilId: number, guardianId: number, relation: string): void {
  const next = (db.prepare(`SELECT coalesce(max(sort_order), -1) + 1 FROM pupil_guardians WHERE pupil_id = ?`).pluck().get(pupilId) as number) ?? 0
  db.prepare(`INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET relation = excluded.relation`).run(
    pupilId,
    guardianId,
    relation,
    next,
  )
}

type GuardianInput = ApiParsed<'guardians.save'>
const EDITABLE = ['name', 'email', 'phone', 'inGroupApp', 'preferredChannel'] as const

const STALE_GUARDIAN =
  'Deze ouder/verzorger is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

function createGuardian(ctx: CoreContext, input: GuardianInput & { id?: undefined }, actor: string): Guardian {
  const { db } = ctx
  const now = ctx.now()
  const stamp = now.toISOString()
  if (input.pupilId === undefined) throw new AppError('validation', 'Kies eerst de leerling bij wie deze ouder/verzorger hoort.', 'pupilId')
  assertPupil(db, input.pupilId)
  const values = { name: input.name, email: input.email, phone: input.phone, inGroupApp: input.inGroupApp, preferredChannel: input.preferredChannel }
  const id = Number(
    db
      .prepare(`INSERT INTO guardians (name, email, phone, phone_normalized, in_group_app, preferred_channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(values.name, values.email, values.phone, normalizePhone(values.phone), values.inGroupApp ? 1 : 0, values.preferredChannel, stamp, stamp).lastInsertRowid,
  )
  link(db, input.pupilId, id, input.relation)
  refreshSearchText(db, [input.pupilId])
  writeAudit(db, now, { actor, action: 'guardian.create', entity: 'guardian', entityId: id, pupilId: input.pupilId, newValue: { ...values, relation: input.relation } })
  return toGuardian(db, guardianRow(db, id), input.relation, input.pupilId)
}

/**
 * Adds a guardian (linked to the pupil in view) or saves the fields sent of an existing one: an
 * omitted field keeps its value, a stale screen is refused. A guardian is one person for all
 * their children: a new phone number shows at every sibling at once. The relation belongs to the
 * link with the pupil sent; changing it raises the guardian's version too, so the card a second
 * screen shows is stale as well.
 */
export function saveGuardian(ctx: CoreContext, input: GuardianInput): Guardian {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const now = ctx.now()
  return db.transaction(() => {
    if (input.id === undefined) return createGuardian(ctx, input, actor)
    const before = toGuardian(db, guardianRow(db, input.id), '', null)
    if (input.version !== before.version) throw new AppError('conflict', STALE_GUARDIAN)
    const current =
      input.pupilId === undefined ? undefined : (db.prepare(`SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).pluck().get(input.pupilId, before.id) as string | undefined)
    if (input.pupilId !== undefined && current === undefined) throw new AppError('validation', 'Deze ouder/verzorger hoort niet bij deze leerling.', 'pupilId')
    const values = { name: before.name, email: before.email, phone: before.phone, inGroupApp: before.inGroupApp, preferredChannel: before.preferredChannel, ...sentFields(pick(input, EDITABLE)) }
    const old: Record<string, unknown> = {}
    const changed: Record<string, unknown> = {}
    for (const key of EDITABLE) {
      if (values[key] !== before[key]) {
        old[key] = before[key]
        changed[key] = values[key]
      }
    }
    const relation = input.relation ?? current ?? ''
    const relationChanged = input.pupilId !== undefined && relation !== current
    if (Object.keys(changed).length > 0 || relationChanged) {
      db.prepare(
        `UPDATE guardians SET name = ?, email = ?, phone = ?, phone_normalized = ?, in_group_app = ?, preferred_channel = ?, version = version + 1, updated_at = ? WHERE id = ?`,
      ).run(values.name, values.email, values.phone, normalizePhone(values.phone), values.inGroupApp ? 1 : 0, values.preferredChannel, now.toISOString(), before.id)
    }
    if (Object.keys(changed).length > 0) {
      writeAudit(db, now, { actor, action: 'guardian.update', entity: 'guardian', entityId: before.id, pupilId: input.pupilId ?? null, oldValue: old, newValue: changed })
    }
    if (input.pupilId !== undefined && relationChanged) {
      link(db, input.pupilId, before.id, relation)
      writeAudit(db, now, { actor, action: 'guardian.relation', entity: 'guardian', entityId: before.id, pupilId: input.pupilId, oldValue: current, newValue: relation })
    }
    if (changed.name !== undefined) refreshSearchText(db, linkedPupils(db, before.id).map((p) => p.id))
    return toGuardian(db, guardianRow(db, before.id), relation, input.pupilId ?? null)
  })()
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]])) as Pick<T, K>
}

/** Finds guardians by name, e-mail or phone, to link a sibling to a known parent. */
export function searchGuardians(ctx: CoreContext, query: string): (Guardian & { pupils: string })[] {
  const q = fold(query.trim())
  if (q.length < 2) return []
  const phone = normalizePhone(query)
  const rows = ctx.db.prepare(`SELECT ${COLUMNS} FROM guardians g ORDER BY g.name`).all() as GuardianRow[]
  return rows
    .filter((g) => fold(g.name).includes(q) || g.email.toLowerCase().includes(q) || (phone !== '' && g.phoneNormalized === phone))
    .slice(0, 20)
    .map((g) => {
      const guardian = toGuardian(ctx.db, g, '', null)
      return { ...guardian, pupils: guardian.otherPupils.map((p) => p.name).join(', ') }
    })
}

export function linkGuardian(ctx: CoreContext, input: ApiParsed<'guardians.link'>): PupilDetail {
  const actor = requireStaffName(ctx)
  return ctx.db.transaction(() => {
    assertPupil(ctx.db, input.pupilId)
    guardianRow(ctx.db, input.guardianId)
    // An existing link keeps its relation: that is changed with guardians.save, which checks the version.
    if (ctx.db.prepare(`SELECT 1 FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).get(input.pupilId, input.guardianId)) {
      throw new AppError('validation', 'Deze ouder/verzorger hoort al bij deze leerling. Er is niets veranderd. Wijzig de relatie bij de ouder/verzorger zelf.', 'guardianId')
    }
    link(ctx.db, input.pupilId, input.guardianId, input.relation)
    refreshSearchText(ctx.db, [input.pupilId])
    writeAudit(ctx.db, ctx.now(), { actor, action: 'guardian.link', entity: 'guardian', entityId: input.guardianId, pupilId: input.pupilId, newValue: { relation: input.relation } })
    return getPupil(ctx, input.pupilId)
  })()
}

export function unlinkGuardian(ctx: CoreContext, input: ApiParsed<'guardians.unlink'>): PupilDetail {
  const actor = requireStaffName(ctx)
  return ctx.db.transaction(() => {
    const relation = ctx.db.prepare(`SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).pluck().get(input.pupilId, input.guardianId)
    if (relation === undefined) throw new AppError('not_found', 'Deze ouder/verzorger hoort niet (meer) bij deze leerling. Vernieuw het scherm.')
    ctx.db.prepare(`DELETE FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).run(input.pupilId, input.guardianId)
    refreshSearchText(ctx.db, [input.pupilId])
    writeAudit(ctx.db, ctx.now(), { actor, action: 'guardian.unlink', entity: 'guardian', entityId: input.guardianId, pupilId: input.pupilId, oldValue: { relation } })
    return getPupil(ctx, input.pupilId)
  })()
}

// Guardians: made and changed with a version check, linked to and unlinked from pupils, found by
// name, e-mail address or phone number; every change in the audit log.
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
import { allGuardians, guardianRow, type GuardianValues, insertGuardian, addGuardianLink, linkedPupils, pupilExists, relationOf, toGuardian, removeGuardianLink, updateGuardian } from './guardians.queries.ts'
import { requireStaffName } from '../settings/settings.service.ts'

function assertPupil(db: Db, pupilId: number): void {
  if (!pupilExists(db, pupilId)) throw new AppError('not_found', 'Deze leerling bestaat niet (meer). Zoek de leerling opnieuw.')
}

type GuardianInput = ApiParsed<'guardians.save'>

/** The details as the guardians table stores them: the phone also normalised, the group app as 0 or 1. */
function stored(v: { name: string; email: string; phone: string; inGroupApp: boolean; preferredChannel: 'app' | 'email' }): GuardianValues {
  return { name: v.name, email: v.email, phone: v.phone, phoneNormalized: normalizePhone(v.phone), inGroupApp: v.inGroupApp ? 1 : 0, preferredChannel: v.preferredChannel }
}
const EDITABLE = ['name', 'email', 'phone', 'inGroupApp', 'preferredChannel'] as const

const STALE_GUARDIAN = 'Deze ouder/verzorger is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

function createGuardian(ctx: CoreContext, input: GuardianInput & { id?: undefined }, actor: string): Guardian {
  const { db } = ctx
  const now = ctx.now()
  const stamp = now.toISOString()
  if (input.pupilId === undefined) throw new AppError('validation', 'Kies eerst de leerling bij wie deze ouder/verzorger hoort.', 'pupilId')
  assertPupil(db, input.pupilId)
  const values = { name: input.name, email: input.email, phone: input.phone, inGroupApp: input.inGroupApp, preferredChannel: input.preferredChannel }
  const id = insertGuardian(db, stored(values), stamp)
  addGuardianLink(db, input.pupilId, id, input.relation)
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
    const current = input.pupilId === undefined ? undefined : relationOf(db, input.pupilId, before.id)
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
      updateGuardian(db, before.id, stored(values), now.toISOString())
    }
    if (Object.keys(changed).length > 0) {
      writeAudit(db, now, { actor, action: 'guardian.update', entity: 'guardian', entityId: before.id, pupilId: input.pupilId ?? null, oldValue: old, newValue: changed })
    }
    if (input.pupilId !== undefined && relationChanged) {
      addGuardianLink(db, input.pupilId, before.id, relation)
      writeAudit(db, now, { actor, action: 'guardian.relation', entity: 'guardian', entityId: before.id, pupilId: input.pupilId, oldValue: current, newValue: relation })
    }
    if (changed.name !== undefined)
      refreshSearchText(
        db,
        linkedPupils(db, before.id).map((p) => p.id),
      )
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
  const rows = allGuardians(ctx.db)
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
    if (relationOf(ctx.db, input.pupilId, input.guardianId) !== undefined) {
      throw new AppError('validation', 'Deze ouder/verzorger hoort al bij deze leerling. Er is niets veranderd. Wijzig de relatie bij de ouder/verzorger zelf.', 'guardianId')
    }
    addGuardianLink(ctx.db, input.pupilId, input.guardianId, input.relation)
    refreshSearchText(ctx.db, [input.pupilId])
    writeAudit(ctx.db, ctx.now(), { actor, action: 'guardian.link', entity: 'guardian', entityId: input.guardianId, pupilId: input.pupilId, newValue: { relation: input.relation } })
    return getPupil(ctx, input.pupilId)
  })()
}

export function unlinkGuardian(ctx: CoreContext, input: ApiParsed<'guardians.unlink'>): PupilDetail {
  const actor = requireStaffName(ctx)
  return ctx.db.transaction(() => {
    const relation = relationOf(ctx.db, input.pupilId, input.guardianId)
    if (relation === undefined) throw new AppError('not_found', 'Deze ouder/verzorger hoort niet (meer) bij deze leerling. Vernieuw het scherm.')
    removeGuardianLink(ctx.db, input.pupilId, input.guardianId)
    refreshSearchText(ctx.db, [input.pupilId])
    writeAudit(ctx.db, ctx.now(), { actor, action: 'guardian.unlink', entity: 'guardian', entityId: input.guardianId, pupilId: input.pupilId, oldValue: { relation } })
    return getPupil(ctx, input.pupilId)
  })()
}

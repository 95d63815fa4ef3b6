// The purposes consent is asked for: listed in their order, added and changed; a new wording is a
// new version, kept, so earlier answers show what they answered.
import type { ApiParsed } from '../../../shared/api.ts'
import type { Purpose } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { sentFields } from '../../../shared/save-schema.ts'
import { fold } from '../../../shared/text.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import type { Db } from '../db/open.ts'
import { requireStaffName } from '../settings/settings.service.ts'
import { insertPurpose, insertPurposeVersion, nextSortOrder, purposeCodeTaken, purposeRow, purposeRows, type PurposeRow, updatePurpose } from './purposes.queries.ts'

const toPurpose = (r: PurposeRow): Purpose => ({ ...r, active: r.active === 1 })

export function listPurposes(db: Db, includeInactive = false): Purpose[] {
  const rows = purposeRows(db, includeInactive)
  return rows.map(toPurpose)
}

export function getPurpose(db: Db, id: number): Purpose {
  const row = purposeRow(db, id)
  if (!row) throw new AppError('not_found', 'Dit doel bestaat niet (meer). Vernieuw het scherm.')
  return toPurpose(row)
}

/** A code for a new purpose from its label: 'Schoolreis & kamp' -> 'schoolreis_kamp'. */
function codeFromLabel(db: Db, label: string): string {
  const base =
    fold(label)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'doel_$1')
      .slice(0, 36) || 'doel'
  let code = base
  for (let i = 2; purposeCodeTaken(db, code); i++) code = `${base}_${i}`
  return code
}

const STALE_PURPOSE = 'Dit doel is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; de wijziging van de ander blijft staan. Vernieuw het scherm en probeer het opnieuw.'

/**
 * Adds a purpose, or changes the fields sent (a stale screen is refused, an omitted field keeps
 * its value). A changed label or description is a new wording: the version goes up and answers given to the old wording are shown as 'opnieuw vragen' (they stay valid
 * records, nothing is lost).
 */
export function savePurpose(ctx: CoreContext, input: ApiParsed<'purposes.save'>): Purpose {
  const actor = requireStaffName(ctx)
  const { db } = ctx
  const now = ctx.now().toISOString()
  return db.transaction(() => {
    if (input.id === undefined) {
      const code = input.code ?? codeFromLabel(db, input.label)
      if (purposeCodeTaken(db, code)) throw new AppError('validation', `Er is al een doel met de code ${code}. Kies een andere code.`, 'code')
      const sortOrder = input.sortOrder ?? nextSortOrder(db)
      const id = insertPurpose(db, code, { label: input.label, description: input.description, sortOrder, active: input.active }, now)
      insertPurposeVersion(db, id, 1, input.label, input.description, now)
      const created = getPurpose(db, id)
      writeAudit(db, ctx.now(), { actor, action: 'purpose.create', entity: 'purpose', entityId: id, newValue: created })
      return created
    }
    const before = getPurpose(db, input.id)
    if (input.rowVersion !== before.rowVersion) throw new AppError('conflict', STALE_PURPOSE)
    const next = { ...before, ...sentFields(input) }
    const reworded = next.label !== before.label || next.description !== before.description
    const version = reworded ? before.version + 1 : before.version
    updatePurpose(db, before.id, next, version, now)
    if (reworded) {
      insertPurposeVersion(db, before.id, version, next.label, next.description, now)
    }
    const after = getPurpose(db, before.id)
    writeAudit(db, ctx.now(), { actor, action: 'purpose.update', entity: 'purpose', entityId: before.id, oldValue: before, newValue: after })
    return after
  })()
}

// One removal after the retention period, written so it can run on the register and then, by
// the same ids, on every older backup: what goes is fixed in a plan (pupils by id and form code,
// guardians by id and creation time, so a backup of another register loses nothing), and
// applyRemoval deletes it and scrubs every place that describes it.
import { displayName } from '../../../shared/domain.ts'
import { normalizePhone } from '../../../shared/phone.ts'
import { RETENTION_KINDS, type RetentionKind } from '../../../shared/retention.ts'
import { removeAttachmentsNoLongerUsed } from '../attachments/attachments.service.ts'
import type { Db } from '../db/open.ts'
import {
  batchesOfPupil,
  blankGuardianContact,
  childrenOfGuardian,
  clearGuardianContact,
  deleteConsentOf,
  deleteDossierOf,
  deleteGuardian,
  deletePupil,
  emptyPurgeQueues,
  guardianContact,
  guardianGaveAnswers,
  guardianHistory,
  guardianKey,
  guardiansOfPupil,
  noChildAtSchool,
  pupilFormCode,
  pupilsAnsweredFor,
  pupilsOfBatch,
  queuePupilPurge,
  samePupil,
  sameGuardianName,
  type PupilNames,
  unlinkGuardian,
} from './retention.queries.ts'
import { scrubAudit, scrubFileNames, scrubImportChanges } from './scrub.ts'

export interface GuardianKey {
  id: number
  createdAt: string
}

export interface RemovalPlan {
  pupils: { id: number; formCode: string; kinds: RetentionKind[] }[]
  /** Guardians whose e-mail address and phone number go (kind 'contact'). */
  contactGuardians: GuardianKey[]
  /** Guardians who go entirely with a removed pupil: no other child in the register. */
  purgedGuardians: GuardianKey[]
}

const guardianKeys = (db: Db, ids: Iterable<number>): GuardianKey[] => {
  return [...new Set(ids)].map((id) => guardianKey(db, id)).filter((g): g is GuardianKey => g !== undefined)
}

/** What a confirmed removal takes, on the register as it is now. */
export function planRemoval(db: Db, confirmed: { pupilId: number; kinds: RetentionKind[] }[], today: string): RemovalPlan {
  const leaving = new Set(confirmed.filter((c) => c.kinds.includes('pupil')).map((c) => c.pupilId))
  const contact: number[] = []
  const purged: number[] = []
  for (const c of confirmed) {
    const guardians = guardiansOfPupil(db, c.pupilId)
    if (c.kinds.includes('contact')) contact.push(...guardians.filter((g) => noChildAtSchool(db, g, today)))
    if (c.kinds.includes('pupil')) {
      const alone = (g: number): boolean => [...childrenOfGuardian(db, g), ...pupilsAnsweredFor(db, g)].every((p) => leaving.has(p))
      purged.push(...guardians.filter(alone))
    }
  }
  return {
    pupils: confirmed.map((c) => ({ id: c.pupilId, formCode: String(pupilFormCode(db, c.pupilId) ?? ''), kinds: RETENTION_KINDS.filter((k) => c.kinds.includes(k)) })),
    contactGuardians: guardianKeys(db, contact),
    purgedGuardians: guardianKeys(db, purged),
  }
}

/** The contact details a guardian has now and had before, as typed and normalised. */
function contactWords(db: Db, guardianId: number): string[] {
  const words: string[] = []
  const row = guardianContact(db, guardianId)
  if (row) words.push(row.email ?? '', row.phone ?? '', row.phoneNormalized ?? '')
  const history = guardianHistory(db, guardianId)
  for (const json of history.flat()) {
    const v = json === null ? null : (JSON.parse(json) as unknown)
    if (v === null || typeof v !== 'object') continue
    for (const key of ['email', 'phone', 'phoneNormalized']) {
      const value = (v as Record<string, unknown>)[key]
      if (typeof value === 'string') words.push(value)
    }
  }
  for (const w of [...words]) if (w !== '' && !w.includes('@')) words.push(normalizePhone(w))
  return words.filter((w) => w !== '')
}

function removeGuardian(db: Db, guardianId: number): void {
  unlinkGuardian(db, guardianId)
  if (guardianGaveAnswers(db, guardianId)) {
    // Only in an older backup: an answer this guardian gave for a child still there. The contact goes.
    blankGuardianContact(db, guardianId)
    return
  }
  deleteGuardian(db, guardianId)
}

/**
 * Applies the plan to this database; call inside a transaction. Only pupils and guardians that are
 * the same ones (id and form code, id and creation time) are touched. `known`: texts the removal
 * on the register found (older backups may lack the entries they came from). Returns the texts
 * that were scrubbed, to pass on to the backups.
 */
export function applyRemoval(db: Db, plan: RemovalPlan, now: Date, known: readonly string[] = []): string[] {
  const pupils = plan.pupils.map((p) => ({ ...p, names: samePupil(db, p.id, p.formCode) })).filter((p) => p.names !== undefined)
  const contact = plan.contactGuardians.filter((g) => sameGuardianName(db, g.id, g.createdAt) !== undefined)
  const purged = plan.purgedGuardians.filter((g) => sameGuardianName(db, g.id, g.createdAt) !== undefined)
  const words = new Set(known)
  const nameParts = new Map<number, string[]>()
  const removedPupils = new Set(pupils.filter((p) => p.kinds.includes('pupil')).map((p) => p.id))
  for (const p of pupils.filter((x) => removedPupils.has(x.id))) {
    const n = p.names as PupilNames
    words.add(displayName(n))
    words.add(`${n.firstName} ${n.lastName}`)
    for (const b of batchesOfPupil(db, p.id)) nameParts.set(b, [...(nameParts.get(b) ?? []), n.firstName, n.lastName, `${n.lastNamePrefix}${n.lastName}`])
  }
  for (const g of purged) words.add(String(sameGuardianName(db, g.id, g.createdAt)))
  for (const g of [...contact, ...purged]) for (const w of contactWords(db, g.id)) words.add(w)
  const wholeBatches = new Set([...nameParts.keys()].filter((b) => pupilsOfBatch(db, b).every((p) => removedPupils.has(p))))

  for (const p of pupils) {
    queuePupilPurge(db, p.id)
    if (p.kinds.includes('dossier')) deleteDossierOf(db, p.id)
    if (p.kinds.includes('consent')) deleteConsentOf(db, p.id)
  }
  for (const g of contact) clearGuardianContact(db, g.id)
  // The pupil itself last: its removal takes the rest with it.
  for (const id of removedPupils) deletePupil(db, id)
  for (const g of purged) removeGuardian(db, g.id)

  const target = {
    words: [...words],
    contactGuardianIds: [...contact, ...purged].map((g) => g.id),
    dossierPupilIds: pupils.filter((p) => p.kinds.includes('dossier')).map((p) => p.id),
    filePupilIds: pupils.filter((p) => p.kinds.some((k) => k === 'dossier' || k === 'consent' || k === 'pupil')).map((p) => p.id),
  }
  scrubAudit(db, target, now)
  scrubImportChanges(db, target)
  scrubFileNames(db, { words: [...words], nameParts, wholeBatches })
  removeAttachmentsNoLongerUsed(db)
  emptyPurgeQueues(db)
  return [...words]
}

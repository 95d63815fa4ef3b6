// One removal after the retention period, written so it can run on the register and then, by
// the same ids, on every older backup: what goes is fixed in a plan (pupils by id and form code,
// guardians by id and creation time, so a backup of another register loses nothing), and
// applyRemoval deletes it and scrubs every place that describes it.
import { displayName } from '../../../shared/domain.ts'
import { normalizePhone } from '../../../shared/phone.ts'
import { RETENTION_KINDS, type RetentionKind } from '../../../shared/retention.ts'
import { removeAttachmentsNoLongerUsed } from '../attachments/attachments.service.ts'
import type { Db } from '../db/open.ts'
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
  const read = db.prepare(`SELECT id, created_at AS createdAt FROM guardians WHERE id = ?`)
  return [...new Set(ids)].map((id) => read.get(id) as GuardianKey | undefined).filter((g): g is GuardianKey => g !== undefined)
}

/** What a confirmed removal takes, on the register as it is now. */
export function planRemoval(db: Db, confirmed: { pupilId: number; kinds: RetentionKind[] }[], today: string): RemovalPlan {
  const code = db.prepare(`SELECT form_code FROM pupils WHERE id = ?`).pluck()
  const linked = db.prepare(`SELECT guardian_id FROM pupil_guardians WHERE pupil_id = ?`).pluck()
  const noChildAtSchool = db.prepare(
    `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pupil_guardians o JOIN pupils p ON p.id = o.pupil_id WHERE o.guardian_id = ? AND (p.left_on IS NULL OR p.left_on > ?))`,
  )
  const children = db.prepare(`SELECT pupil_id FROM pupil_guardians WHERE guardian_id = ?`).pluck()
  const answeredFor = db.prepare(`SELECT DISTINCT pupil_id FROM consent_records WHERE guardian_id = ?`).pluck()
  const leaving = new Set(confirmed.filter((c) => c.kinds.includes('pupil')).map((c) => c.pupilId))
  const contact: number[] = []
  const purged: number[] = []
  for (const c of confirmed) {
    const guardians = linked.all(c.pupilId) as number[]
    if (c.kinds.includes('contact')) contact.push(...guardians.filter((g) => noChildAtSchool.get(g, today) !== undefined))
    if (c.kinds.includes('pupil')) {
      const alone = (g: number): boolean => [...(children.all(g) as number[]), ...(answeredFor.all(g) as number[])].every((p) => leaving.has(p))
      purged.push(...guardians.filter(alone))
    }
  }
  return {
    pupils: confirmed.map((c) => ({ id: c.pupilId, formCode: String(code.get(c.pupilId) ?? ''), kinds: RETENTION_KINDS.filter((k) => c.kinds.includes(k)) })),
    contactGuardians: guardianKeys(db, contact),
    purgedGuardians: guardianKeys(db, purged),
  }
}

/** The contact details a guardian has now and had before, as typed and normalised. */
function contactWords(db: Db, guardianId: number): string[] {
  const words: string[] = []
  const row = db.prepare(`SELECT name, email, phone, phone_normalized AS phoneNormalized FROM guardians WHERE id = ?`).get(guardianId) as Record<string, string> | undefined
  if (row) words.push(row.email ?? '', row.phone ?? '', row.phoneNormalized ?? '')
  const history = [
    ...(db.prepare(`SELECT old_value, new_value FROM audit_log WHERE entity = 'guardian' AND entity_id = ?`).raw().all(guardianId) as (string | null)[][]),
    ...(db.prepare(`SELECT before_json, after_json FROM import_changes WHERE entity = 'guardian' AND entity_id = ?`).raw().all(guardianId) as (string | null)[][]),
  ]
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

/** Import batches that wrote or changed this pupil. */
function batchesOf(db: Db, pupilId: number): number[] {
  return db
    .prepare(
      `SELECT batch_id FROM import_changes WHERE entity IN ('pupil', 'membership', 'pupil_guardian') AND entity_id = @id
       UNION SELECT import_batch_id FROM consent_records WHERE pupil_id = @id AND import_batch_id IS NOT NULL
       UNION SELECT json_extract(new_value, '$.batchId') FROM audit_log WHERE pupil_id = @id AND action LIKE 'pupil.import%' AND json_valid(new_value)
       UNION SELECT undone_import_batch_id FROM pupils WHERE id = @id`,
    )
    .pluck()
    .all({ id: pupilId })
    .filter((b): b is number => typeof b === 'number')
}

/** The pupils a batch wrote, as far as the register still tells. */
function pupilsOfBatch(db: Db, batchId: number): number[] {
  return db
    .prepare(
      `SELECT entity_id FROM import_changes WHERE batch_id = @b AND entity IN ('pupil', 'membership', 'pupil_guardian')
       UNION SELECT pupil_id FROM consent_records WHERE import_batch_id = @b
       UNION SELECT pupil_id FROM audit_log WHERE action LIKE 'pupil.import%' AND json_valid(new_value) AND json_extract(new_value, '$.batchId') = @b
       UNION SELECT id FROM pupils WHERE undone_import_batch_id = @b`,
    )
    .pluck()
    .all({ b: batchId }) as number[]
}

function removePupil(db: Db, pupilId: number): void {
  db.prepare(`DELETE FROM consent_records WHERE pupil_id = ?`).run(pupilId)
  db.prepare(`DELETE FROM audit_log WHERE pupil_id = ? OR (entity = 'pupil' AND entity_id = ?)`).run(pupilId, pupilId)
  db.prepare(`DELETE FROM import_changes WHERE entity IN ('pupil', 'membership', 'pupil_guardian') AND entity_id = ?`).run(pupilId)
  db.prepare(`DELETE FROM pupils WHERE id = ?`).run(pupilId)
}

function removeGuardian(db: Db, guardianId: number): void {
  db.prepare(`DELETE FROM pupil_guardians WHERE guardian_id = ?`).run(guardianId)
  db.prepare(`DELETE FROM import_changes WHERE entity = 'pupil_guardian' AND json_valid(after_json) AND json_extract(after_json, '$.guardianId') = ?`).run(guardianId)
  if (db.prepare(`SELECT 1 FROM consent_records WHERE guardian_id = ?`).get(guardianId)) {
    // Only in an older backup: an answer this guardian gave for a child still there. The contact goes.
    db.prepare(`UPDATE guardians SET email = '', phone = '', phone_normalized = '' WHERE id = ?`).run(guardianId)
    return
  }
  db.prepare(`INSERT OR IGNORE INTO guardian_purge_queue (guardian_id) VALUES (?)`).run(guardianId)
  db.prepare(`DELETE FROM audit_log WHERE entity = 'guardian' AND entity_id = ?`).run(guardianId)
  db.prepare(`DELETE FROM import_changes WHERE entity = 'guardian' AND entity_id = ?`).run(guardianId)
  db.prepare(`DELETE FROM guardians WHERE id = ?`).run(guardianId)
}

/**
 * Applies the plan to this database; call inside a transaction. Only pupils and guardians that are
 * the same ones (id and form code, id and creation time) are touched. `known`: texts the removal
 * on the register found (older backups may lack the entries they came from). Returns the texts
 * that were scrubbed, to pass on to the backups.
 */
export function applyRemoval(db: Db, plan: RemovalPlan, now: Date, known: readonly string[] = []): string[] {
  const samePupil = db.prepare(`SELECT first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName FROM pupils WHERE id = ? AND form_code = ?`)
  const sameGuardian = db.prepare(`SELECT name FROM guardians WHERE id = ? AND created_at = ?`).pluck()
  const pupils = plan.pupils
    .map((p) => ({ ...p, names: samePupil.get(p.id, p.formCode) as { firstName: string; lastNamePrefix: string; lastName: string } | undefined }))
    .filter((p) => p.names !== undefined)
  const contact = plan.contactGuardians.filter((g) => sameGuardian.get(g.id, g.createdAt) !== undefined)
  const purged = plan.purgedGuardians.filter((g) => sameGuardian.get(g.id, g.createdAt) !== undefined)
  const words = new Set(known)
  const nameParts = new Map<number, string[]>()
  const removedPupils = new Set(pupils.filter((p) => p.kinds.includes('pupil')).map((p) => p.id))
  for (const p of pupils.filter((x) => removedPupils.has(x.id))) {
    const n = p.names as { firstName: string; lastNamePrefix: string; lastName: string }
    words.add(displayName(n))
    words.add(`${n.firstName} ${n.lastName}`)
    for (const b of batchesOf(db, p.id)) nameParts.set(b, [...(nameParts.get(b) ?? []), n.firstName, n.lastName, `${n.lastNamePrefix}${n.lastName}`])
  }
  for (const g of purged) words.add(String(sameGuardian.get(g.id, g.createdAt)))
  for (const g of [...contact, ...purged]) for (const w of contactWords(db, g.id)) words.add(w)
  const wholeBatches = new Set([...nameParts.keys()].filter((b) => pupilsOfBatch(db, b).every((p) => removedPupils.has(p))))

  const queue = db.prepare(`INSERT OR IGNORE INTO purge_queue (pupil_id) VALUES (?)`)
  for (const p of pupils) {
    queue.run(p.id)
    if (p.kinds.includes('dossier')) db.prepare(`DELETE FROM dossier_entries WHERE pupil_id = ?`).run(p.id)
    if (p.kinds.includes('consent')) db.prepare(`DELETE FROM consent_records WHERE pupil_id = ?`).run(p.id)
  }
  const clear = db.prepare(`UPDATE guardians SET email = '', phone = '', phone_normalized = '', version = version + 1 WHERE id = ?`)
  for (const g of contact) clear.run(g.id)
  // The pupil itself last: its removal takes the rest with it.
  for (const id of removedPupils) removePupil(db, id)
  for (const g of purged) removeGuardian(db, g.id)

  const target = {
    words: [...words],
    contactGuardianIds: [...contact, ...purged].map((g) => g.id),
    dossierPupilIds: pupils.filter((p) => p.kinds.includes('dossier')).map((p) => p.id),
  }
  scrubAudit(db, target, now)
  scrubImportChanges(db, target)
  scrubFileNames(db, { words: [...words], nameParts, wholeBatches })
  removeAttachmentsNoLongerUsed(db)
  db.exec(`DELETE FROM purge_queue; DELETE FROM guardian_purge_queue;`)
  return [...words]
}

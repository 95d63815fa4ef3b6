// Undo a batch as a whole. What it created goes (a pupil it created is hidden: see migration
// 0020), what it changed gets its old values back, but only where nobody changed it since; every
// consent answer it added is superseded by records that restore the answers from before (source
// 'import_undo'), so the history stays append-only. planUndo says what will change; writeUndo does it.
import { effectiveDecision, type CurrentAnswer } from '../../../shared/consent.ts'
import { displayName, formatDate, localIsoDate, type Decision } from '../../../shared/domain.ts'
import type { ImportBatch, UndoCounts, UndoPupil } from '../../../shared/imports.contract.ts'
import { DECISION_WORDS } from '../../../shared/imports.contract.ts'
import type { CoreContext } from '../context.ts'
import { listPurposes } from '../purposes/purposes.service.ts'

export const UNDONE_REASON = 'Import ongedaan gemaakt'

interface ChangeRow {
  entity: 'pupil' | 'guardian' | 'pupil_guardian' | 'group' | 'membership'
  entityId: number
  action: 'created' | 'updated'
  before: Record<string, unknown> | null
  after: Record<string, unknown>
}

interface RecordRow extends CurrentAnswer {
  pupilId: number
  purposeId: number
}

const FIELD_LABELS: Record<string, string> = {
  studentNumber: 'Leerlingnummer', firstName: 'Roepnaam', lastNamePrefix: 'Tussenvoegsel', lastName: 'Achternaam', birthDate: 'Geboortedatum',
  leftOn: 'Vertrokken op', leavingReason: 'Reden van vertrek', name: 'Naam ouder/verzorger', email: 'E-mail ouder/verzorger', phone: 'Telefoon ouder/verzorger',
}
const SKIP_FIELDS = new Set(['undoneImportBatchId', 'phoneNormalized'])
const shown = (k: string, v: unknown): string => (v === null || v === undefined ? '' : k === 'birthDate' || k === 'leftOn' ? formatDate(String(v)) : String(v))

/** A group or relation put back is a change a pupil or guardian screen shows: its version moves. */
function touch(x: CoreContext, table: 'pupils' | 'guardians', id: number): void {
  x.db.prepare(`UPDATE ${table} SET version = version + 1, updated_at = ? WHERE id = ?`).run(x.now().toISOString(), id)
}

export interface UndoPlan {
  batch: ImportBatch
  canUndo: boolean
  message: string
  pupils: UndoPupil[]
  counts: UndoCounts
  /** What writeUndo executes, in order. */
  steps: ((ctx: CoreContext, actor: string) => void)[]
}

export function batchView(row: { id: number; createdAt: string; createdBy: string; filesJson: string; summaryJson: string; undoneAt: string | null; undoneBy: string | null }): ImportBatch {
  return { id: row.id, createdAt: row.createdAt, createdBy: row.createdBy, files: JSON.parse(row.filesJson), counts: JSON.parse(row.summaryJson), undoneAt: row.undoneAt, undoneBy: row.undoneBy }
}

export const BATCH_COLUMNS = `id, created_at AS createdAt, created_by AS createdBy, files_json AS filesJson, summary_json AS summaryJson, undone_at AS undoneAt, undone_by AS undoneBy`

const pupilSql = `student_number AS studentNumber, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName, birth_date AS birthDate,
  left_on AS leftOn, leaving_reason AS leavingReason, undone_import_batch_id AS undoneImportBatchId`

export function planUndo(ctx: CoreContext, batch: ImportBatch): UndoPlan {
  const { db } = ctx
  const today = localIsoDate(ctx.now())
  const counts: UndoCounts = { pupilsHidden: 0, pupilsRestored: 0, pupilsKept: 0, consentRestored: 0, consentKept: 0, guardiansRemoved: 0, guardiansRestored: 0, linksRemoved: 0, groupsRemoved: 0 }
  const steps: UndoPlan['steps'] = []
  const changes = (db.prepare(`SELECT entity, entity_id AS entityId, action, before_json AS b, after_json AS a FROM import_changes WHERE batch_id = ? ORDER BY id`).all(batch.id) as {
    entity: ChangeRow['entity']; entityId: number; action: ChangeRow['action']; b: string | null; a: string | null
  }[]).map((c): ChangeRow => ({ entity: c.entity, entityId: c.entityId, action: c.action, before: c.b ? JSON.parse(c.b) : null, after: c.a ? JSON.parse(c.a) : {} }))
  const pupils = new Map<number, UndoPupil>()
  const pupilView = (id: number): UndoPupil => {
    let v = pupils.get(id)
    if (!v) {
      const row = db.prepare(`SELECT first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName FROM pupils WHERE id = ?`).get(id) as { firstName: string; lastNamePrefix: string; lastName: string } | undefined
      v = { pupilId: id, name: row ? displayName(row) : `#${id}`, action: 'restore', fields: [], consents: [], note: '' }
      pupils.set(id, v)
    }
    return v
  }
  const hidden = new Set<number>()
  const removedLinks = new Set<string>()
  const removedMemberships = new Set<number>()

  // Pupils the batch created: hidden, unless someone added their own data since.
  for (const c of changes.filter((x) => x.entity === 'pupil' && x.action === 'created')) {
    const laterConsent = db.prepare(`SELECT 1 FROM consent_records WHERE pupil_id = ? AND (import_batch_id IS NULL OR import_batch_id <> ?) AND source <> 'import_undo' LIMIT 1`).get(c.entityId, batch.id)
    const dossier = db.prepare(`SELECT 1 FROM dossier_entries WHERE pupil_id = ? LIMIT 1`).get(c.entityId)
    const laterImport = db.prepare(`SELECT 1 FROM import_changes WHERE entity = 'pupil' AND entity_id = ? AND batch_id > ? LIMIT 1`).get(c.entityId, batch.id)
    const exists = db.prepare(`SELECT left_on AS leftOn FROM pupils WHERE id = ?`).get(c.entityId) as { leftOn: string | null } | undefined
    if (!exists) continue
    const v = pupilView(c.entityId)
    if (laterConsent || dossier || laterImport) {
      v.action = 'keep'
      v.note = 'Na de import zijn er voor deze leerling gegevens bijgekomen; de leerling blijft daarom staan.'
      counts.pupilsKept++
      continue
    }
    v.action = 'hide'
    v.note = 'Door de import toegevoegd: wordt weer verborgen.'
    counts.linksRemoved += db.prepare(`SELECT count(*) FROM pupil_guardians WHERE pupil_id = ?`).pluck().get(c.entityId) as number
    hidden.add(c.entityId)
    counts.pupilsHidden++
    steps.push((x) => {
      x.db.prepare(`UPDATE pupils SET left_on = coalesce(left_on, ?), leaving_reason = ?, undone_import_batch_id = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(
        today, UNDONE_REASON, batch.id, x.now().toISOString(), c.entityId,
      )
      x.db.prepare(`DELETE FROM group_memberships WHERE pupil_id = ?`).run(c.entityId)
      x.db.prepare(`DELETE FROM pupil_guardians WHERE pupil_id = ?`).run(c.entityId)
    })
  }

  // Rows the batch changed: each field back, where it still holds what the batch wrote.
  for (const c of changes.filter((x) => (x.entity === 'pupil' || x.entity === 'guardian') && x.action === 'updated')) {
    const table = c.entity === 'pupil' ? 'pupils' : 'guardians'
    const current = db.prepare(`SELECT ${c.entity === 'pupil' ? pupilSql : 'name, email, phone, phone_normalized AS phoneNormalized'} FROM ${table} WHERE id = ?`).get(c.entityId) as Record<string, unknown> | undefined
    if (!current || !c.before) continue
    const restore: Record<string, unknown> = {}
    const view = c.entity === 'pupil' ? pupilView(c.entityId) : null
    let kept = 0
    for (const [k, old] of Object.entries(c.before)) {
      if (c.after[k] === old) continue
      const still = current[k] === c.after[k]
      if (still) restore[k] = old
      else kept++
      if (!SKIP_FIELDS.has(k) && view) view.fields.push({ field: k, label: FIELD_LABELS[k] ?? k, old: shown(k, current[k]), new: shown(k, old), kept: !still })
    }
    if (c.entity === 'pupil' && restore.undoneImportBatchId !== undefined && restore.undoneImportBatchId !== null) {
      hidden.add(c.entityId)
      if (view) [view.action, view.note] = ['hide', 'Door de import teruggehaald: wordt weer verborgen.']
      counts.pupilsHidden++
    } else if (c.entity === 'pupil') counts[Object.keys(restore).length > 0 ? 'pupilsRestored' : 'pupilsKept']++
    else if (Object.keys(restore).length > 0) counts.guardiansRestored++
    if (kept > 0 && view && view.action === 'restore') view.note = 'Sommige gegevens zijn na de import nog gewijzigd; die blijven staan.'
    if (Object.keys(restore).length === 0) continue
    if (c.entity === 'guardian' && restore.phone !== undefined && c.before.phoneNormalized !== undefined) restore.phoneNormalized = c.before.phoneNormalized
    steps.push((x) => {
      const cols = Object.keys(restore)
      const sql = cols.map((k) => `${k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)} = @${k}`).join(', ')
      x.db.prepare(`UPDATE ${table} SET ${sql}, version = version + 1, updated_at = @stamp WHERE id = @id`).run({ ...restore, stamp: x.now().toISOString(), id: c.entityId })
    })
  }

  for (const c of changes.filter((x) => x.entity === 'membership')) {
    if (hidden.has(c.entityId)) continue
    const yearId = c.after.schoolYearId as number
    const current = db.prepare(`SELECT group_id FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).pluck().get(c.entityId, yearId)
    if (current !== c.after.groupId) continue
    const before = (c.before?.groupId as number | undefined) ?? null
    const names = db.prepare(`SELECT name FROM groups WHERE id = ?`).pluck()
    pupilView(c.entityId).fields.push({ field: 'group', label: 'Groep', old: String(names.get(c.after.groupId) ?? ''), new: before === null ? '' : String(names.get(before) ?? ''), kept: false })
    if (before === null) removedMemberships.add(c.entityId)
    steps.push((x) => {
      if (before === null) x.db.prepare(`DELETE FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).run(c.entityId, yearId)
      else x.db.prepare(`UPDATE group_memberships SET group_id = ? WHERE pupil_id = ? AND school_year_id = ?`).run(before, c.entityId, yearId)
      touch(x, 'pupils', c.entityId)
    })
  }

  for (const c of changes.filter((x) => x.entity === 'pupil_guardian')) {
    const guardianId = c.after.guardianId as number
    const current = db.prepare(`SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).pluck().get(c.entityId, guardianId) as string | undefined
    if (current === undefined) continue
    if (c.action === 'created') {
      removedLinks.add(`${c.entityId}:${guardianId}`)
      counts.linksRemoved++
      if (!hidden.has(c.entityId)) steps.push((x) => x.db.prepare(`DELETE FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).run(c.entityId, guardianId))
    } else if (current === c.after.relation) {
      steps.push((x) => {
        x.db.prepare(`UPDATE pupil_guardians SET relation = ? WHERE pupil_id = ? AND guardian_id = ?`).run(c.before?.relation ?? '', c.entityId, guardianId)
        touch(x, 'guardians', guardianId)
      })
    }
  }

  for (const c of changes.filter((x) => x.entity === 'guardian' && x.action === 'created')) {
    const links = db.prepare(`SELECT pupil_id FROM pupil_guardians WHERE guardian_id = ?`).pluck().all(c.entityId) as number[]
    const remaining = links.filter((p) => !removedLinks.has(`${p}:${c.entityId}`) && !hidden.has(p))
    const answered = db.prepare(`SELECT 1 FROM consent_records WHERE guardian_id = ? LIMIT 1`).get(c.entityId)
    if (remaining.length > 0 || answered) continue
    counts.guardiansRemoved++
    steps.push((x) => x.db.prepare(`DELETE FROM guardians WHERE id = ?`).run(c.entityId))
  }

  for (const c of changes.filter((x) => x.entity === 'group' && x.action === 'created')) {
    const members = db.prepare(`SELECT pupil_id FROM group_memberships WHERE group_id = ?`).pluck().all(c.entityId) as number[]
    if (members.some((p) => !hidden.has(p) && !removedMemberships.has(p))) continue
    counts.groupsRemoved++
    steps.push((x) => x.db.prepare(`DELETE FROM groups WHERE id = ?`).run(c.entityId))
  }

  planConsent(ctx, batch, today, pupilView, counts, steps)
  const undone = batch.undoneAt !== null
  const files = batch.files.map((f) => f.name.replace(/^.*[\\/]/, '')).join(', ')
  const message = undone
    ? `Deze import is al ongedaan gemaakt op ${formatDate(batch.undoneAt?.slice(0, 10))} door ${batch.undoneBy}.`
    : `Import van ${formatDate(batch.createdAt.slice(0, 10))} door ${batch.createdBy} (${files}) ongedaan maken: ` +
      `${describeUndo(counts, 'will')}.` +
      ' Er wordt eerst een reservekopie gemaakt.'
  return { batch, canUndo: !undone, message, pupils: [...pupils.values()], counts, steps }
}

function planConsent(ctx: CoreContext, batch: ImportBatch, today: string, pupilView: (id: number) => UndoPupil, counts: UndoCounts, steps: UndoPlan['steps']): void {
  const { db } = ctx
  const purposes = new Map(listPurposes(db, true).map((p) => [p.id, p]))
  const ours = db.prepare(`SELECT pupil_id AS pupilId, purpose_id AS purposeId, min(id) AS first, max(id) AS last FROM consent_records WHERE import_batch_id = ? GROUP BY pupil_id, purpose_id`).all(batch.id) as {
    pupilId: number; purposeId: number; first: number; last: number
  }[]
  const all = db.prepare(
    `SELECT id, pupil_id AS pupilId, purpose_id AS purposeId, guardian_id AS guardianId, decision, effective_from AS effectiveFrom, purpose_version AS purposeVersion
       FROM consent_records WHERE pupil_id = ? AND purpose_id = ? ORDER BY id`,
  )
  for (const o of ours) {
    const purpose = purposes.get(o.purposeId)
    if (!purpose) continue
    const records = all.all(o.pupilId, o.purposeId) as RecordRow[]
    const last = records.find((r) => r.id === o.last) as RecordRow
    const view = pupilView(o.pupilId)
    const newer = records.some((r) => r.id > o.last)
    // The answers that stood before the batch: the latest per answerer, guardians only after the whole-pupil answer.
    const latest = new Map<number | null, RecordRow>()
    for (const r of records) if (r.id < o.first && r.effectiveFrom <= today) {
      const prev = latest.get(r.guardianId)
      if (!prev || r.effectiveFrom > prev.effectiveFrom || (r.effectiveFrom === prev.effectiveFrom && r.id > prev.id)) latest.set(r.guardianId, r)
    }
    const whole = latest.get(null)
    const standing = [...latest.values()].filter((r) => r.guardianId !== null && (!whole || r.effectiveFrom > whole.effectiveFrom || (r.effectiveFrom === whole.effectiveFrom && r.id > whole.id)))
    const restored: Decision = effectiveDecision([...(whole ? [whole] : []), ...standing], purpose.version).decision
    view.consents.push({
      purpose: purpose.code, label: purpose.label, old: last.decision, new: restored, text: `${purpose.code}: ${DECISION_WORDS[last.decision]} -> ${DECISION_WORDS[restored]}`,
      currentSource: null, currentSince: null, replacesDisagreement: false, kept: newer,
    })
    if (newer) {
      counts.consentKept++
      continue
    }
    counts.consentRestored++
    steps.push((x, actor) => {
      const insert = x.db.prepare(
        `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, 'import_undo', ?, ?, ?)`,
      )
      const detail = `import ${batch.id} van ${formatDate(batch.createdAt.slice(0, 10))} ongedaan gemaakt`
      const stamp = x.now().toISOString()
      insert.run(o.pupilId, o.purposeId, whole?.purposeVersion ?? purpose.version, whole?.decision ?? 'unknown', null, today, detail, actor, stamp)
      for (const g of standing) insert.run(o.pupilId, o.purposeId, g.purposeVersion, g.decision, g.guardianId, today, detail, actor, stamp)
    })
  }
}

/** What an undo changes, in words, leaving out what does not happen: for the confirmation ('will') and the result ('did'). */
export function describeUndo(c: UndoCounts, tense: 'will' | 'did'): string {
  const will = tense === 'will'
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`
  const parts: string[] = []
  if (c.pupilsHidden) parts.push(`${n(c.pupilsHidden, 'leerling', 'leerlingen')} ${will ? (c.pupilsHidden === 1 ? 'wordt' : 'worden') + ' ' : ''}weer verborgen`)
  if (c.pupilsRestored) parts.push(`${n(c.pupilsRestored, 'leerling', 'leerlingen')} ${will ? (c.pupilsRestored === 1 ? 'krijgt' : 'krijgen') + ' de oude gegevens terug' : 'met de oude gegevens terug'}`)
  if (c.consentRestored) parts.push(`${n(c.consentRestored, 'toestemming', 'toestemmingen')} ${will ? (c.consentRestored === 1 ? 'wordt' : 'worden') + ' ' : ''}teruggezet naar de stand van vóór de import`)
  const text = parts.length === 0 ? (will ? 'er verandert niets in het register' : 'er is niets veranderd in het register') : parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`
  const kept = c.consentKept + c.pupilsKept
  return kept > 0 ? `${text}. Wat na de import nog is gewijzigd (${kept}), ${will ? 'blijft' : 'is blijven'} staan` : text
}

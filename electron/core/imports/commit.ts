// Writes a planned import: call inside ONE transaction. Creates and updates pupils, guardians,
// links, groups and memberships, adds consent records (source 'enrolment_form', with file and row),
// and notes every entity it created or changed, with its values before and after, for undo.
import type { ImportBatchCounts } from '../../../shared/imports.contract.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { newFormCode } from '../pupils/form-code.ts'
import { refreshSearchText } from '../pupils/search-text.ts'
import type { Plan } from './match.ts'
import type { GuardianState, Snapshot } from './snapshot.ts'
import { fold } from '../../../shared/text.ts'
import { levelsOfGroupName, storedLevels } from '../../../shared/year-levels.ts'
import { importedLevel } from '../groups/group-levels.ts'

export interface CommitMeta {
  actor: string
  now: Date
  today: string
  files: { name: string; sha256: string; rows: number }[]
  /** 'inschrijfformulier aanmelding.xlsx, rij 5' for a row. */
  sourceDetail: (fileIndex: number, sheet: string, row: number) => string
  counts: Pick<ImportBatchCounts, 'skipped' | 'rowErrors'>
  onProgress?: (done: number, total: number) => void
}

type Entity = 'pupil' | 'guardian' | 'pupil_guardian' | 'group' | 'membership'

const PUPIL_COLUMNS = `student_number AS studentNumber, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName,
  birth_date AS birthDate, left_on AS leftOn, leaving_reason AS leavingReason, undone_import_batch_id AS undoneImportBatchId`
const GUARDIAN_COLUMNS = `name, email, phone, phone_normalized AS phoneNormalized`

export function writePlan(ctx: CoreContext, s: Snapshot, plan: Plan, meta: CommitMeta): { batchId: number; counts: ImportBatchCounts } {
  const { db } = ctx
  const stamp = meta.now.toISOString()
  const schoolYear = db.prepare(`SELECT name FROM school_years WHERE id = ?`).pluck().get(s.yearId) as string
  // A large batch writes more pages than SQLite's default cache holds; spilling them costs more than the memory.
  if (plan.rows.length > 1000) db.pragma('cache_size = -65536')
  const batchId = Number(
    db
      .prepare(`INSERT INTO import_batches (created_at, created_by, files_json, summary_json) VALUES (?, ?, ?, '{}')`)
      .run(stamp, meta.actor, JSON.stringify(meta.files)).lastInsertRowid,
  )
  const counts: ImportBatchCounts = { pupilsCreated: 0, pupilsUpdated: 0, unchanged: 0, skipped: meta.counts.skipped, rowErrors: meta.counts.rowErrors, guardiansCreated: 0, guardiansUpdated: 0, groupsCreated: 0, consentRecords: 0 }
  const change = db.prepare(`INSERT INTO import_changes (batch_id, entity, entity_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)`)
  const note = (entity: Entity, id: number, action: 'created' | 'updated', before: unknown, after: unknown): void => {
    change.run(batchId, entity, id, action, before === null ? null : JSON.stringify(before), JSON.stringify(after))
  }
  const q = {
    insertPupil: db.prepare(
      `INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, form_code, created_at, updated_at, year_level, year_level_unsure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readPupil: db.prepare(`SELECT ${PUPIL_COLUMNS} FROM pupils WHERE id = ?`),
    updatePupil: db.prepare(
      `UPDATE pupils SET student_number = @studentNumber, first_name = @firstName, last_name_prefix = @lastNamePrefix, last_name = @lastName, birth_date = @birthDate,
              left_on = @leftOn, leaving_reason = @leavingReason, undone_import_batch_id = @undoneImportBatchId, version = version + 1, updated_at = @stamp WHERE id = @id`,
    ),
    insertGroup: db.prepare(`INSERT INTO groups (school_year_id, name, created_at, year_levels) VALUES (?, ?, ?, ?)`),
    readMembership: db.prepare(`SELECT group_id FROM group_memberships WHERE pupil_id = ? AND school_year_id = ?`).pluck(),
    upsertMembership: db.prepare(
      `INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET group_id = excluded.group_id`,
    ),
    insertGuardian: db.prepare(`INSERT INTO guardians (name, email, phone, phone_normalized, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
    readGuardian: db.prepare(`SELECT ${GUARDIAN_COLUMNS} FROM guardians WHERE id = ?`),
    updateGuardian: db.prepare(
      `UPDATE guardians SET name = @name, email = @email, phone = @phone, phone_normalized = @phoneNormalized, version = version + 1, updated_at = @stamp WHERE id = @id`,
    ),
    nextSort: db.prepare(`SELECT coalesce(max(sort_order), -1) + 1 FROM pupil_guardians WHERE pupil_id = ?`).pluck(),
    link: db.prepare(`INSERT INTO pupil_guardians (pupil_id, guardian_id, relation, sort_order) VALUES (?, ?, ?, ?)`),
    relation: db.prepare(`UPDATE pupil_guardians SET relation = ? WHERE pupil_id = ? AND guardian_id = ?`),
    readRelation: db.prepare(`SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).pluck(),
    // A new group or relation is a change of what a pupil or guardian screen shows: its version moves, so that screen cannot save it back.
    touchPupil: db.prepare(`UPDATE pupils SET version = version + 1, updated_at = ? WHERE id = ?`),
    touchGuardian: db.prepare(`UPDATE guardians SET version = version + 1, updated_at = ? WHERE id = ?`),
  }
  // Consent answers are most of the rows: inserted 50 to a statement.
  const CHUNK = 50
  const consentSql = (n: number): string =>
    `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, guardian_id, effective_from, source, source_detail, import_batch_id, recorded_by, recorded_at)
     VALUES ${Array.from({ length: n }, () => `(?, ?, ?, ?, NULL, ?, 'enrolment_form', ?, ?, ?, ?)`).join(', ')}`
  const consentChunk = db.prepare(consentSql(CHUNK))
  let pending: unknown[] = []
  const flushConsent = (): void => {
    if (pending.length === 0) return
    const n = pending.length / 9
    ;(n === CHUNK ? consentChunk : db.prepare(consentSql(n))).run(pending)
    pending = []
  }
  // Prepared once for the whole batch (writeAudit and uniqueFormCode prepare per call: 10,000 rows would feel it).
  const audit = db.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, pupil_id, old_value, new_value) VALUES (?, ?, ?, 'pupil', ?, ?, NULL, ?)`)
  const codeTaken = db.prepare(`SELECT 1 FROM pupils WHERE form_code = ?`)
  const formCode = (): string => {
    for (;;) {
      const code = newFormCode()
      if (codeTaken.get(code) === undefined) return code
    }
  }
  const purposes = new Map(s.purposes.map((p) => [p.code, p]))
  const pupilBefore = new Map<number, Record<string, unknown>>()
  const guardianBefore = new Map<number, Record<string, unknown>>()
  const groupIds = new Map<string, number>()
  const groupId = (name: string): number => {
    const key = fold(name)
    const known = groupIds.get(key) ?? s.groups.get(key)?.id
    if (known) return known
    const id = Number(q.insertGroup.run(s.yearId, name, stamp, storedLevels(levelsOfGroupName(name))).lastInsertRowid)
    note('group', id, 'created', null, { name, schoolYearId: s.yearId })
    counts.groupsCreated++
    groupIds.set(key, id)
    return id
  }
  const saveGuardian = (g: GuardianState): number => {
    if (g.id !== null) return g.id
    g.id = Number(q.insertGuardian.run(g.name, g.email, g.phone, g.phoneNormalized, stamp, stamp).lastInsertRowid)
    note('guardian', g.id, 'created', null, { name: g.name, email: g.email, phone: g.phone, phoneNormalized: g.phoneNormalized })
    counts.guardiansCreated++
    return g.id
  }
  const touched = new Set<number>()
  const total = plan.rows.length
  plan.rows.forEach((row, i) => {
    if (i % 500 === 0) meta.onProgress?.(i, total)
    if (row.action === 'skip' || row.status === 'unchanged') {
      if (row.action === 'import') counts.unchanged++
      return
    }
    const p = row.imported
    const t = row.target
    let pupilId = t.id
    if (pupilId === null) {
      const level = importedLevel(p.yearLevel, row.groupName, p.birthDate, schoolYear)
      pupilId = Number(q.insertPupil.run(p.studentNumber, p.firstName, p.lastNamePrefix, p.lastName, p.birthDate, meta.today, formCode(), stamp, stamp, level.yearLevel, level.unsure).lastInsertRowid)
      t.id = pupilId
      note('pupil', pupilId, 'created', null, { studentNumber: p.studentNumber, firstName: p.firstName, lastNamePrefix: p.lastNamePrefix, lastName: p.lastName, birthDate: p.birthDate })
      counts.pupilsCreated++
    } else if (row.reactivate || row.changes.some((c) => !c.field.startsWith('guardian') && c.field !== 'group')) {
      const before = q.readPupil.get(pupilId) as Record<string, unknown>
      if (!pupilBefore.has(pupilId)) pupilBefore.set(pupilId, before)
      const after = {
        ...before,
        studentNumber: p.studentNumber ?? before.studentNumber,
        firstName: p.firstName,
        lastNamePrefix: p.lastNamePrefix,
        lastName: p.lastName,
        birthDate: p.birthDate ?? before.birthDate,
        ...(row.reactivate ? { leftOn: null, leavingReason: '', undoneImportBatchId: null } : {}),
      }
      q.updatePupil.run({ ...after, id: pupilId, stamp })
      if (row.reactivate) counts.pupilsCreated++
      else counts.pupilsUpdated++
    } else counts.pupilsUpdated++
    touched.add(pupilId)
    if (row.groupChanged && row.groupName) {
      const before = row.created ? null : ((q.readMembership.get(pupilId, s.yearId) as number | undefined) ?? null)
      const id = groupId(row.groupName)
      q.upsertMembership.run(pupilId, s.yearId, id)
      if (!row.created) q.touchPupil.run(stamp, pupilId)
      // A pupil this batch created loses all its memberships and links on undo: no need to note each.
      if (!row.created) note('membership', pupilId, before === null ? 'created' : 'updated', before === null ? null : { schoolYearId: s.yearId, groupId: before }, { schoolYearId: s.yearId, groupId: id })
    }
    let sort = row.created ? 0 : -1
    for (const op of row.guardians) {
      const gid = saveGuardian(op.state)
      if (!op.created && Object.keys(op.updates).length > 0) {
        const before = q.readGuardian.get(gid) as Record<string, unknown>
        if (!guardianBefore.has(gid)) {
          guardianBefore.set(gid, before)
          counts.guardiansUpdated++
        }
        q.updateGuardian.run({ ...before, ...op.updates, id: gid, stamp })
      }
      if (op.link) {
        q.link.run(pupilId, gid, op.relation, sort >= 0 ? sort++ : (q.nextSort.get(pupilId) as number))
        if (!row.created) note('pupil_guardian', pupilId, 'created', null, { guardianId: gid, relation: op.relation })
      } else if (op.relationChanged) {
        const old = (q.readRelation.get(pupilId, gid) as string | undefined) ?? ''
        q.relation.run(op.relation, pupilId, gid)
        q.touchGuardian.run(stamp, gid)
        note('pupil_guardian', pupilId, 'updated', { guardianId: gid, relation: old }, { guardianId: gid, relation: op.relation })
      }
    }
    for (const c of row.consents) {
      const purpose = purposes.get(c.code)
      if (!purpose) continue
      pending.push(pupilId, purpose.id, purpose.version, c.decision, meta.today, meta.sourceDetail(p.fileIndex, p.sheet, c.row), batchId, meta.actor, stamp)
      if (pending.length === CHUNK * 9) flushConsent()
      counts.consentRecords++
    }
    audit.run(
      stamp,
      meta.actor,
      row.created || row.reactivate ? 'pupil.import_create' : 'pupil.import_update',
      pupilId,
      pupilId,
      JSON.stringify({ batchId, row: p.row, fields: row.changes.map((c) => c.field), consent: Object.fromEntries(row.consents.map((c) => [c.code, c.decision])) }),
    )
  })
  flushConsent()
  for (const [id, before] of pupilBefore) note('pupil', id, 'updated', before, q.readPupil.get(id))
  for (const [id, before] of guardianBefore) note('guardian', id, 'updated', before, q.readGuardian.get(id))
  refreshSearchText(db, [...touched])
  db.prepare(`UPDATE import_batches SET summary_json = ? WHERE id = ?`).run(JSON.stringify(counts), batchId)
  writeAudit(db, meta.now, { actor: meta.actor, action: 'import.commit', entity: 'import_batch', entityId: batchId, newValue: { files: meta.files.length, ...counts } })
  meta.onProgress?.(total, total)
  return { batchId, counts }
}

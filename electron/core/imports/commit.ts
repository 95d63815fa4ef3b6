// Writes a planned import: call inside ONE transaction. Creates and updates pupils, guardians,
// links, groups and memberships, adds consent records (source 'enrolment_form', with file and row),
// and notes every entity it created or changed, with its values before and after, for undo.
import type { ImportBatchCounts } from '../../../shared/imports.contract.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { newFormCode } from '../pupils/form-code.ts'
import { refreshSearchText } from '../pupils/search-text.ts'
import type { Plan } from './match.ts'
import { addBatch, commitStatements, consentInsert, putBatchSummary, schoolYearName } from './commit.queries.ts'
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

export function writePlan(ctx: CoreContext, s: Snapshot, plan: Plan, meta: CommitMeta): { batchId: number; counts: ImportBatchCounts } {
  const { db } = ctx
  const stamp = meta.now.toISOString()
  const schoolYear = schoolYearName(db, s.yearId)
  // A large batch writes more pages than SQLite's default cache holds; spilling them costs more than the memory.
  if (plan.rows.length > 1000) db.pragma('cache_size = -65536')
  const batchId = addBatch(db, stamp, meta.actor, JSON.stringify(meta.files))
  const counts: ImportBatchCounts = {
    pupilsCreated: 0,
    pupilsUpdated: 0,
    unchanged: 0,
    skipped: meta.counts.skipped,
    rowErrors: meta.counts.rowErrors,
    guardiansCreated: 0,
    guardiansUpdated: 0,
    groupsCreated: 0,
    consentRecords: 0,
  }
  const q = commitStatements(db)
  const note = (entity: Entity, id: number, action: 'created' | 'updated', before: unknown, after: unknown): void => {
    q.change.run(batchId, entity, id, action, before === null ? null : JSON.stringify(before), JSON.stringify(after))
  }
  // Consent answers are most of the rows: inserted 50 to a statement.
  const CHUNK = 50
  const consentChunk = consentInsert(db, CHUNK)
  let pending: unknown[] = []
  const flushConsent = (): void => {
    if (pending.length === 0) return
    const n = pending.length / 9
    ;(n === CHUNK ? consentChunk : consentInsert(db, n)).run(pending)
    pending = []
  }
  const formCode = (): string => {
    for (;;) {
      const code = newFormCode()
      if (q.codeTaken.get(code) === undefined) return code
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
    q.audit.run(
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
  putBatchSummary(db, batchId, JSON.stringify(counts))
  writeAudit(db, meta.now, { actor: meta.actor, action: 'import.commit', entity: 'import_batch', entityId: batchId, newValue: { files: meta.files.length, ...counts } })
  meta.onProgress?.(total, total)
  return { batchId, counts }
}

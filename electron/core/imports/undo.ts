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
import {
  addedSince,
  addUndoAnswer,
  answerHistory,
  batchAnswers,
  batchChanges,
  currentFields,
  groupMembers,
  groupName,
  guardianAnswered,
  guardianLinkCount,
  hidePupil,
  linkRelation,
  membershipGroup,
  pupilExists,
  pupilName,
  pupilsOfGuardian,
  putMembershipBack,
  putRelationBack,
  removeGroup,
  removeGuardian,
  removeLink,
  restoreFields,
  touchRow,
  type BatchRow,
  type Table,
} from './undo.queries.ts'

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
  studentNumber: 'Leerlingnummer',
  firstName: 'Roepnaam',
  lastNamePrefix: 'Tussenvoegsel',
  lastName: 'Achternaam',
  birthDate: 'Geboortedatum',
  leftOn: 'Vertrokken op',
  leavingReason: 'Reden van vertrek',
  name: 'Naam ouder/verzorger',
  email: 'E-mail ouder/verzorger',
  phone: 'Telefoon ouder/verzorger',
}
const SKIP_FIELDS = new Set(['undoneImportBatchId', 'phoneNormalized'])
const shown = (k: string, v: unknown): string => (v === null || v === undefined ? '' : k === 'birthDate' || k === 'leftOn' ? formatDate(String(v)) : String(v))

/** A group or relation put back is a change a pupil or guardian screen shows: its version moves. */
function touch(x: CoreContext, table: Table, id: number): void {
  touchRow(x.db, table, id, x.now().toISOString())
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

export function batchView(row: BatchRow): ImportBatch {
  return { id: row.id, createdAt: row.createdAt, createdBy: row.createdBy, files: JSON.parse(row.filesJson), counts: JSON.parse(row.summaryJson), undoneAt: row.undoneAt, undoneBy: row.undoneBy }
}

export function planUndo(ctx: CoreContext, batch: ImportBatch): UndoPlan {
  const { db } = ctx
  const today = localIsoDate(ctx.now())
  const counts: UndoCounts = { pupilsHidden: 0, pupilsRestored: 0, pupilsKept: 0, consentRestored: 0, consentKept: 0, guardiansRemoved: 0, guardiansRestored: 0, linksRemoved: 0, groupsRemoved: 0 }
  const steps: UndoPlan['steps'] = []
  const changes = batchChanges(db, batch.id).map((c): ChangeRow => ({
    entity: c.entity as ChangeRow['entity'],
    entityId: c.entityId,
    action: c.action as ChangeRow['action'],
    before: c.b ? JSON.parse(c.b) : null,
    after: c.a ? JSON.parse(c.a) : {},
  }))
  const pupils = new Map<number, UndoPupil>()
  const pupilView = (id: number): UndoPupil => {
    let v = pupils.get(id)
    if (!v) {
      const row = pupilName(db, id)
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
    if (!pupilExists(db, c.entityId)) continue
    const v = pupilView(c.entityId)
    if (addedSince(db, c.entityId, batch.id)) {
      v.action = 'keep'
      v.note = 'Na de import zijn er voor deze leerling gegevens bijgekomen; de leerling blijft daarom staan.'
      counts.pupilsKept++
      continue
    }
    v.action = 'hide'
    v.note = 'Door de import toegevoegd: wordt weer verborgen.'
    counts.linksRemoved += guardianLinkCount(db, c.entityId)
    hidden.add(c.entityId)
    counts.pupilsHidden++
    steps.push((x) => hidePupil(x.db, c.entityId, today, UNDONE_REASON, batch.id, x.now().toISOString()))
  }

  // Rows the batch changed: each field back, where it still holds what the batch wrote.
  for (const c of changes.filter((x) => (x.entity === 'pupil' || x.entity === 'guardian') && x.action === 'updated')) {
    const table = c.entity === 'pupil' ? 'pupils' : 'guardians'
    const current = currentFields(db, table, c.entityId)
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
    steps.push((x) => restoreFields(x.db, table, c.entityId, restore, x.now().toISOString()))
  }

  for (const c of changes.filter((x) => x.entity === 'membership')) {
    if (hidden.has(c.entityId)) continue
    const yearId = c.after.schoolYearId as number
    const current = membershipGroup(db, c.entityId, yearId)
    if (current !== c.after.groupId) continue
    const before = (c.before?.groupId as number | undefined) ?? null
    pupilView(c.entityId).fields.push({ field: 'group', label: 'Groep', old: groupName(db, c.after.groupId), new: before === null ? '' : groupName(db, before), kept: false })
    if (before === null) removedMemberships.add(c.entityId)
    steps.push((x) => {
      putMembershipBack(x.db, c.entityId, yearId, before)
      touch(x, 'pupils', c.entityId)
    })
  }

  for (const c of changes.filter((x) => x.entity === 'pupil_guardian')) {
    const guardianId = c.after.guardianId as number
    const current = linkRelation(db, c.entityId, guardianId)
    if (current === undefined) continue
    if (c.action === 'created') {
      removedLinks.add(`${c.entityId}:${guardianId}`)
      counts.linksRemoved++
      if (!hidden.has(c.entityId)) steps.push((x) => removeLink(x.db, c.entityId, guardianId))
    } else if (current === c.after.relation) {
      steps.push((x) => {
        putRelationBack(x.db, c.entityId, guardianId, (c.before?.relation as string | undefined) ?? '')
        touch(x, 'guardians', guardianId)
      })
    }
  }

  for (const c of changes.filter((x) => x.entity === 'guardian' && x.action === 'created')) {
    const links = pupilsOfGuardian(db, c.entityId)
    const remaining = links.filter((p) => !removedLinks.has(`${p}:${c.entityId}`) && !hidden.has(p))
    const answered = guardianAnswered(db, c.entityId)
    if (remaining.length > 0 || answered) continue
    counts.guardiansRemoved++
    steps.push((x) => removeGuardian(x.db, c.entityId))
  }

  for (const c of changes.filter((x) => x.entity === 'group' && x.action === 'created')) {
    const members = groupMembers(db, c.entityId)
    if (members.some((p) => !hidden.has(p) && !removedMemberships.has(p))) continue
    counts.groupsRemoved++
    steps.push((x) => removeGroup(x.db, c.entityId))
  }

  planConsent(ctx, batch, today, pupilView, counts, steps)
  const undone = batch.undoneAt !== null
  const files = batch.files.map((f) => f.name.replace(/^.*[\\/]/, '')).join(', ')
  const message = undone
    ? `Deze import is al ongedaan gemaakt op ${formatDate(batch.undoneAt?.slice(0, 10))} door ${batch.undoneBy}.`
    : `Import van ${formatDate(batch.createdAt.slice(0, 10))} door ${batch.createdBy} (${files}) ongedaan maken: ${describeUndo(counts, 'will')}. Er wordt eerst een reservekopie gemaakt.`
  return { batch, canUndo: !undone, message, pupils: [...pupils.values()], counts, steps }
}

function planConsent(ctx: CoreContext, batch: ImportBatch, today: string, pupilView: (id: number) => UndoPupil, counts: UndoCounts, steps: UndoPlan['steps']): void {
  const { db } = ctx
  const purposes = new Map(listPurposes(db, true).map((p) => [p.id, p]))
  const ours = batchAnswers(db, batch.id)
  for (const o of ours) {
    const purpose = purposes.get(o.purposeId)
    if (!purpose) continue
    const records = answerHistory(db, o.pupilId, o.purposeId) as RecordRow[]
    const last = records.find((r) => r.id === o.last) as RecordRow
    const view = pupilView(o.pupilId)
    const newer = records.some((r) => r.id > o.last)
    // The answers that stood before the batch: the latest per answerer, guardians only after the whole-pupil answer.
    const latest = new Map<number | null, RecordRow>()
    for (const r of records)
      if (r.id < o.first && r.effectiveFrom <= today) {
        const prev = latest.get(r.guardianId)
        if (!prev || r.effectiveFrom > prev.effectiveFrom || (r.effectiveFrom === prev.effectiveFrom && r.id > prev.id)) latest.set(r.guardianId, r)
      }
    const whole = latest.get(null)
    const standing = [...latest.values()].filter((r) => r.guardianId !== null && (!whole || r.effectiveFrom > whole.effectiveFrom || (r.effectiveFrom === whole.effectiveFrom && r.id > whole.id)))
    const restored: Decision = effectiveDecision([...(whole ? [whole] : []), ...standing], purpose.version).decision
    view.consents.push({
      purpose: purpose.code,
      label: purpose.label,
      old: last.decision,
      new: restored,
      text: `${purpose.code}: ${DECISION_WORDS[last.decision]} -> ${DECISION_WORDS[restored]}`,
      currentSource: null,
      currentSince: null,
      replacesDisagreement: false,
      kept: newer,
    })
    if (newer) {
      counts.consentKept++
      continue
    }
    counts.consentRestored++
    steps.push((x, actor) => {
      const detail = `import ${batch.id} van ${formatDate(batch.createdAt.slice(0, 10))} ongedaan gemaakt`
      const stamp = x.now().toISOString()
      const base = { pupilId: o.pupilId, purposeId: o.purposeId, effectiveFrom: today, detail, actor, stamp }
      addUndoAnswer(x.db, { ...base, purposeVersion: whole?.purposeVersion ?? purpose.version, decision: whole?.decision ?? 'unknown', guardianId: null })
      for (const g of standing) addUndoAnswer(x.db, { ...base, purposeVersion: g.purposeVersion, decision: g.decision, guardianId: g.guardianId })
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
  const text =
    parts.length === 0 ? (will ? 'er verandert niets in het register' : 'er is niets veranderd in het register') : parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`
  const kept = c.consentKept + c.pupilsKept
  return kept > 0 ? `${text}. Wat na de import nog is gewijzigd (${kept}), ${will ? 'blijft' : 'is blijven'} staan` : text
}

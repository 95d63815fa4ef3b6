// Imported pupils against the register, row by row: which pupil is it (student number, else name
// and birth date), what changes field by field, which guardians are already known (a name that fits
// plus e-mail or phone, so siblings share them; never the e-mail alone), which consent answers differ, and what looks like a duplicate.
// Rows are applied in order to an in-memory copy, so a second row of the same pupil sees the first.
import type { Decision } from '../../../shared/domain.ts'
import { displayName, formatDate } from '../../../shared/domain.ts'
import type { FieldChange, ImportRowError, PossibleDuplicate, PreviewGuardian, RowDecision } from '../../../shared/imports.contract.ts'
import { DECISION_WORDS } from '../../../shared/imports.contract.ts'
import { fold } from '../../../shared/text.ts'
import { namesCompatible, type ImportedGuardianData, type ImportedPupil } from './rows.ts'
import { indexGuardian, indexPupil, nameKey, type GuardianState, type PupilState, type Snapshot } from './snapshot.ts'

export interface GuardianOp {
  state: GuardianState
  created: boolean
  /** Fields to write on an existing guardian. */
  updates: Partial<Pick<GuardianState, 'name' | 'email' | 'phone' | 'phoneNormalized'>>
  link: boolean
  relation: string
  relationChanged: boolean
}

export interface PlannedRow {
  imported: ImportedPupil
  action: 'import' | 'skip'
  target: PupilState
  created: boolean
  reactivate: boolean
  status: 'new' | 'changed' | 'unchanged'
  changes: FieldChange[]
  groupName: string | null
  groupChanged: boolean
  guardians: GuardianOp[]
  preview: PreviewGuardian[]
  consents: { code: string; decision: Decision; old: Decision; row: number }[]
  duplicate: string | null
}

export interface Plan {
  snapshot: Snapshot
  rows: PlannedRow[]
  duplicates: PossibleDuplicate[]
  rowErrors: ImportRowError[]
}

const FIELDS = [
  ['studentNumber', 'Leerlingnummer'],
  ['firstName', 'Roepnaam'],
  ['lastNamePrefix', 'Tussenvoegsel'],
  ['lastName', 'Achternaam'],
  ['birthDate', 'Geboortedatum'],
] as const

const shown = (field: string, v: string | null): string => (field === 'birthDate' ? formatDate(v) : (v ?? ''))

function summary(p: PupilState): PossibleDuplicate['pupils'][number] {
  return { id: p.id ?? 0, name: displayName(p), studentNumber: p.studentNumber, birthDate: p.birthDate, group: p.groupName }
}

function findGuardian(s: Snapshot, target: PupilState, g: ImportedGuardianData, used: Set<GuardianState>): GuardianState | undefined {
  const same = (x: GuardianState): boolean =>
    !used.has(x) && ((g.email !== '' && x.email.toLowerCase() === g.email.toLowerCase()) || (g.phoneNormalized !== '' && x.phoneNormalized === g.phoneNormalized)) && namesCompatible({ name: x.name, nameGiven: true }, g)
  const linked = [...target.guardians.keys()]
  return (
    linked.find(same) ??
    linked.find((x) => !used.has(x) && g.nameGiven && fold(x.name) === fold(g.name)) ??
    (g.email ? s.byEmail.get(g.email.toLowerCase())?.find(same) : undefined) ??
    (g.phoneNormalized ? s.byPhone.get(g.phoneNormalized)?.find(same) : undefined)
  )
}

/** Names of the other guardians with g's e-mail address whose names are not g's (a family address). */
function sameEmailOthers(s: Snapshot, p: ImportedPupil, g: ImportedGuardianData, state: GuardianState): string[] {
  if (g.email === '') return []
  const key = g.email.toLowerCase()
  const names = new Set<string>()
  for (const x of s.byEmail.get(key) ?? []) if (x !== state && !namesCompatible({ name: x.name, nameGiven: true }, g)) names.add(x.name)
  for (const o of p.guardians) if (o !== g && o.email.toLowerCase() === key && !namesCompatible(o, g)) names.add(o.name)
  names.delete(state.name)
  return [...names]
}

export function planImport(s: Snapshot, pupils: readonly ImportedPupil[], decisions: readonly RowDecision[]): Plan {
  const decided = new Map(decisions.map((d) => [d.row, d]))
  const byId = new Map(s.pupils.filter((p) => p.id !== null).map((p) => [p.id as number, p]))
  const plan: Plan = { snapshot: s, rows: [], duplicates: [], rowErrors: [] }
  const duplicates = new Map<string, PossibleDuplicate>()
  const overlay = new Map<PupilState, Map<string, Decision>>()
  const rowError = (p: ImportedPupil, field: string, message: string): void => {
    plan.rowErrors.push({ fileIndex: p.fileIndex, file: p.file, sheet: p.sheet, row: p.row, field, column: null, value: '', message })
  }
  const dup = (id: string, kind: PossibleDuplicate['kind'], message: string, rows: string[], candidates: PupilState[]): string => {
    const d = duplicates.get(id) ?? { id, kind, message, rows: [], pupils: candidates.filter((c) => c.id !== null).map(summary), defaultAction: 'skip' as const }
    for (const r of rows) if (!d.rows.includes(r)) d.rows.push(r)
    duplicates.set(id, d)
    return id
  }

  for (const p of pupils) {
    const decision = decided.get(p.key)
    let target: PupilState | undefined
    let duplicate: string | null = null
    let skip = decision?.action === 'skip'
    const sameNameDob = p.birthDate ? (s.byNameDob.get(nameKey(p, p.birthDate)) ?? []) : []
    if (decision?.action === 'update' && decision.pupilId !== undefined) {
      target = byId.get(decision.pupilId)
      if (!target) {
        rowError(p, 'pupil', 'De gekozen leerling bestaat niet (meer). Kies opnieuw bij de mogelijke dubbelen.')
        continue
      }
    } else if (decision?.action !== 'new') {
      const byNumber = p.studentNumber ? s.byNumber.get(p.studentNumber) : undefined
      if (byNumber) target = byNumber
      else {
        const open = sameNameDob.filter((x) => !p.studentNumber || x.studentNumber === null)
        const other = p.studentNumber ? sameNameDob.filter((x) => x.studentNumber !== null) : []
        const earlier = other.find((x) => x.touchedBy !== null)
        if (earlier?.touchedBy) {
          duplicate = dup(
            `dubbel:${earlier.touchedBy}`,
            'in_import',
            `${displayName(p)} (${formatDate(p.birthDate)}) staat meer dan eens in de bestanden, met een ander leerlingnummer. Kies welke rij telt.`,
            [earlier.touchedBy, p.key],
            [],
          )
          skip ||= decision === undefined
        } else if (other.length > 0) {
          duplicate = dup(`bestaand:${p.key}`, 'existing', `${displayName(p)} (${formatDate(p.birthDate)}) lijkt op een leerling met een ander leerlingnummer. Is het dezelfde leerling?`, [p.key], other)
          skip ||= decision === undefined
        } else if (open.length === 1) target = open[0]
        else if (open.length > 1) {
          duplicate = dup(`bestaand:${p.key}`, 'existing', `Er zijn meer leerlingen met de naam ${displayName(p)} en geboortedatum ${formatDate(p.birthDate)}. Kies welke het is.`, [p.key], open)
          skip ||= decision === undefined
        }
      }
      if (target?.touchedBy) {
        duplicate = dup(`dubbel:${target.touchedBy}`, 'in_import', `${displayName(p)} staat meer dan eens in de bestanden. Kies welke rij telt.`, [target.touchedBy, p.key], [target])
        skip ||= decision === undefined
      }
    } else if (p.studentNumber && s.byNumber.has(p.studentNumber)) {
      rowError(p, 'studentNumber', `Leerlingnummer ${p.studentNumber} hoort al bij een andere leerling; een nieuwe leerling kan het niet krijgen.`)
      continue
    }
    if (target && p.studentNumber && p.studentNumber !== target.studentNumber && s.byNumber.has(p.studentNumber)) {
      rowError(p, 'studentNumber', `Leerlingnummer ${p.studentNumber} hoort al bij een andere leerling.`)
      continue
    }
    const created = target === undefined
    const reactivate = target?.hidden === true
    const t: PupilState = target ?? {
      id: null,
      studentNumber: null,
      firstName: '',
      lastNamePrefix: '',
      lastName: '',
      birthDate: null,
      groupName: null,
      hidden: false,
      guardians: new Map(),
      touchedBy: null,
    }

    const changes: FieldChange[] = []
    for (const [field, label] of FIELDS) {
      const next = p[field]
      if ((field === 'studentNumber' || field === 'birthDate') && !next) continue
      if (next !== t[field] && !created) changes.push({ field, label, old: shown(field, t[field]), new: shown(field, next) })
    }
    const existingGroup = p.group ? s.groups.get(fold(p.group)) : undefined
    const groupName = p.group ? (existingGroup?.name ?? p.group) : null
    const groupChanged = groupName !== null && fold(groupName) !== fold(t.groupName ?? '')
    if (groupChanged && !created) changes.push({ field: 'group', label: 'Groep', old: t.groupName ?? '', new: groupName ?? '' })

    const used = new Set<GuardianState>()
    const ops: GuardianOp[] = []
    const preview: PreviewGuardian[] = []
    p.guardians.forEach((g, i) => {
      const n = i + 1
      const found = findGuardian(s, t, g, used)
      const state: GuardianState = found ?? { id: null, name: g.name, email: g.email, phone: g.phone, phoneNormalized: g.phoneNormalized, pupils: new Set(), createdBy: p.key }
      used.add(state)
      const updates: GuardianOp['updates'] = {}
      const gChanges: FieldChange[] = []
      if (found) {
        // What the register already had is no change, even if an earlier row of this import changed it (a sibling's stale row).
        const was = found.original
        const samePhone = (a: { phone: string; phoneNormalized: string }): boolean => (g.phoneNormalized !== '' ? g.phoneNormalized === a.phoneNormalized : g.phone === a.phone)
        if (g.nameGiven && fold(g.name) !== fold(found.name) && g.name.length >= found.name.length && fold(g.name) !== fold(was?.name ?? '')) updates.name = g.name
        if (g.email && g.email.toLowerCase() !== found.email.toLowerCase() && g.email.toLowerCase() !== was?.email.toLowerCase()) updates.email = g.email
        if (g.phone && !samePhone(found) && !(was && samePhone(was))) [updates.phone, updates.phoneNormalized] = [g.phone, g.phoneNormalized]
        for (const [k, label] of [
          ['name', 'Naam'],
          ['email', 'E-mail'],
          ['phone', 'Telefoon'],
        ] as const) {
          if (updates[k] !== undefined) gChanges.push({ field: `guardian.${n}.${k}`, label: `${label} ouder/verzorger ${n}`, old: found[k], new: updates[k] })
        }
      }
      const link = !t.guardians.has(state)
      const oldRelation = t.guardians.get(state) ?? ''
      const relationChanged = !link && g.relation !== '' && g.relation !== oldRelation
      if (relationChanged) gChanges.push({ field: `guardian.${n}.relation`, label: `Relatie ouder/verzorger ${n}`, old: oldRelation, new: g.relation })
      if (link && !created) gChanges.push({ field: `guardian.${n}`, label: `Ouder/verzorger ${n}`, old: '', new: g.name })
      ops.push({ state, created: !found, updates, link, relation: g.relation || oldRelation, relationChanged })
      preview.push({
        name: updates.name ?? state.name,
        email: updates.email ?? state.email,
        phone: updates.phone ?? state.phone,
        relation: g.relation || oldRelation,
        status: !found ? 'new' : gChanges.length > 0 ? 'changed' : 'existing',
        guardianId: state.id,
        shared: found !== undefined && [...found.pupils].some((x) => x !== t),
        sameEmailAs: sameEmailOthers(s, p, g, state),
        changes: gChanges,
      })
      changes.push(...gChanges)
    })

    const consents: PlannedRow['consents'] = []
    const own = overlay.get(t)
    for (const purpose of s.purposes) {
      const d = p.consents[purpose.code]
      if (!d || d === 'unknown') continue
      const old = own?.get(purpose.code) ?? s.current(t, purpose).decision
      if (d !== old) consents.push({ code: purpose.code, decision: d, old, row: p.consentRows[purpose.code] ?? p.row })
    }
    const status = created || reactivate ? 'new' : changes.length > 0 || consents.length > 0 ? 'changed' : 'unchanged'
    const row: PlannedRow = { imported: p, action: skip ? 'skip' : 'import', target: t, created, reactivate, status, changes, groupName, groupChanged, guardians: ops, preview, consents, duplicate }
    plan.rows.push(row)
    if (skip) continue

    // Apply to the in-memory register, so later rows see this one.
    if (created) s.pupils.push(t)
    if (t.studentNumber && p.studentNumber && t.studentNumber !== p.studentNumber) s.byNumber.delete(t.studentNumber)
    Object.assign(t, { firstName: p.firstName, lastNamePrefix: p.lastNamePrefix, lastName: p.lastName, hidden: false, touchedBy: t.touchedBy ?? p.key })
    if (p.studentNumber) t.studentNumber = p.studentNumber
    if (p.birthDate) t.birthDate = p.birthDate
    if (groupName) {
      t.groupName = groupName
      if (!s.groups.has(fold(groupName))) s.groups.set(fold(groupName), { id: null, name: groupName })
    }
    indexPupil(s, t)
    for (const op of ops) {
      Object.assign(op.state, op.updates)
      if (op.created) indexGuardian(s, op.state)
      t.guardians.set(op.state, op.relation)
      op.state.pupils.add(t)
    }
    if (consents.length > 0) {
      const map = own ?? new Map<string, Decision>()
      overlay.set(t, map)
      for (const c of consents) map.set(c.code, c.decision)
    }
  }
  plan.duplicates = [...duplicates.values()]
  return plan
}

export const consentText = (code: string, old: Decision, next: Decision): string => `${code}: ${DECISION_WORDS[old]} -> ${DECISION_WORDS[next]}`

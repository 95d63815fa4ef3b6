// The register as the import sees it: every pupil, guardian, link, group of this school year and
// the current consent decisions, in memory and indexed for matching. Read once per preview/commit.
import type { Decision, Purpose } from '../../../shared/domain.ts'
import { fold } from '../../../shared/text.ts'
import { effectiveDecisions } from '../consent/consent.current.ts'
import type { CoreContext } from '../context.ts'
import { snapshotGroups, snapshotGuardians, snapshotLinks, snapshotPupils } from './imports.queries.ts'

export interface GuardianState {
  id: number | null
  name: string
  email: string
  phone: string
  phoneNormalized: string
  pupils: Set<PupilState>
  /** Row key of the import row that created it. */
  createdBy: string | null
  /** As in the register before this import: a sibling's row that still says this is no change. */
  original?: { name: string; email: string; phone: string; phoneNormalized: string }
}

export interface PupilState {
  id: number | null
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  groupName: string | null
  /** Hidden by the undo of the import that created it: an import brings it back. */
  hidden: boolean
  guardians: Map<GuardianState, string>
  /** The import row that created or changed it in this import. */
  touchedBy: string | null
}

export interface Snapshot {
  yearId: number
  purposes: Purpose[]
  pupils: PupilState[]
  byNumber: Map<string, PupilState>
  byNameDob: Map<string, PupilState[]>
  byEmail: Map<string, GuardianState[]>
  byPhone: Map<string, GuardianState[]>
  /** Folded name -> the group's name as written, and its id (null: made by this import). */
  groups: Map<string, { id: number | null; name: string }>
  /** conflict: guardians answered differently; a joint answer from the import would replace that. */
  current: (pupil: PupilState, purpose: Purpose) => { decision: Decision; recordId: number | null; conflict: boolean }
}

export const nameKey = (p: { firstName: string; lastNamePrefix: string; lastName: string }, birthDate: string | null): string =>
  `${fold(`${p.firstName} ${p.lastNamePrefix} ${p.lastName}`)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()}|${birthDate ?? ''}`

export const add = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key)
  if (list) {
    if (!list.includes(value)) list.push(value)
  } else map.set(key, [value])
}

export function indexPupil(s: Snapshot, p: PupilState): void {
  if (p.studentNumber) s.byNumber.set(p.studentNumber, p)
  if (p.birthDate) add(s.byNameDob, nameKey(p, p.birthDate), p)
}

export function indexGuardian(s: Snapshot, g: GuardianState): void {
  if (g.email) add(s.byEmail, g.email.toLowerCase(), g)
  if (g.phoneNormalized) add(s.byPhone, g.phoneNormalized, g)
}

export function loadSnapshot(ctx: CoreContext, yearId: number, purposes: Purpose[]): Snapshot {
  const { db } = ctx
  const s: Snapshot = {
    yearId,
    purposes,
    pupils: [],
    byNumber: new Map(),
    byNameDob: new Map(),
    byEmail: new Map(),
    byPhone: new Map(),
    groups: new Map(),
    current: () => ({ decision: 'unknown', recordId: null, conflict: false }),
  }
  const rows = snapshotPupils(db, yearId)
  const byId = new Map<number, PupilState>()
  for (const r of rows) {
    const p: PupilState = { ...r, hidden: r.hidden === 1, guardians: new Map(), touchedBy: null }
    s.pupils.push(p)
    byId.set(r.id, p)
    indexPupil(s, p)
  }
  const guardians = new Map<number, GuardianState>()
  const gRows = snapshotGuardians(db)
  for (const r of gRows) {
    const g: GuardianState = { ...r, pupils: new Set(), createdBy: null, original: { name: r.name, email: r.email, phone: r.phone, phoneNormalized: r.phoneNormalized } }
    guardians.set(r.id, g)
    indexGuardian(s, g)
  }
  const links = snapshotLinks(db)
  for (const l of links) {
    const p = byId.get(l.pupilId)
    const g = guardians.get(l.guardianId)
    if (!p || !g) continue
    p.guardians.set(g, l.relation)
    g.pupils.add(p)
  }
  const groups = snapshotGroups(db, yearId)
  for (const g of groups) if (!s.groups.has(fold(g.name))) s.groups.set(fold(g.name), g)
  const decide = effectiveDecisions(ctx)
  s.current = (pupil, purpose) => {
    if (pupil.id === null) return { decision: 'unknown', recordId: null, conflict: false }
    const e = decide(pupil.id, purpose)
    return { decision: e.decision, recordId: e.recordId, conflict: e.conflict }
  }
  return s
}

// Domain types and small pure rules shared by main and renderer.

export const DECISIONS = ['granted', 'refused', 'unknown'] as const
export type Decision = (typeof DECISIONS)[number]

export const DECISION_LABELS: Record<Decision, string> = {
  granted: 'Toestemming',
  refused: 'Geweigerd',
  unknown: 'Geen antwoord',
}

export interface Settings {
  schoolName: string
  schoolYear: string
  staffName: string
  setupDone: boolean
}

export interface AppInfo {
  version: string
  schemaVersion: number
  dbPath: string
  setupDone: boolean
}

export interface GroupSummary {
  id: number
  name: string
  schoolYear: string
  teacherName: string
  teacherEmail: string
  pupilCount: number
}

export interface PupilSummary {
  id: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  groupId: number | null
  groupName: string | null
}

/** 'Sanne', 'van der', 'Berg' -> 'Sanne van der Berg' */
export function displayName(p: { firstName: string; lastNamePrefix: string; lastName: string }): string {
  return [p.firstName, p.lastNamePrefix, p.lastName].filter((s) => s !== '').join(' ')
}

/** 'Berg, Sanne van der': how a Dutch list sorts and shows a pupil. */
export function sortName(p: { firstName: string; lastNamePrefix: string; lastName: string }): string {
  const given = [p.firstName, p.lastNamePrefix].filter((s) => s !== '').join(' ')
  return given === '' ? p.lastName : `${p.lastName}, ${given}`
}

/** School year of a date: 1 August to 31 July, written '2026-2027'. */
export function schoolYearOf(date: Date): string {
  const y = date.getFullYear()
  const start = date.getMonth() >= 7 ? y : y - 1
  return `${start}-${start + 1}`
}

/** 'YYYY-MM-DD' -> 'dd-mm-jjjj' for display. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso
}

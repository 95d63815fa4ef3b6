// A record (a table row, or a filled-in form) + the mapping -> an imported pupil, or the reasons
// (in Dutch) why not. Row problems are data, never exceptions. Pure.
import type { Decision } from '../../../shared/domain.ts'
import type { ColumnTarget, GuardianField, PupilField } from '../../../shared/imports.contract.ts'
import { MAX_GUARDIANS } from '../../../shared/imports.contract.ts'
import { unsafeTextMessage } from '../../../shared/safe-text.ts'
import { fold } from '../../../shared/text.ts'
import { answerItems, listSeparator, matchPurposes, normalizeHeader, type PurposeRef } from './headers.ts'
import { dutchCapitals, dutchCapitalsFullName, needsCapitals, splitFullName, splitSurname } from './names.ts'
import { NONE_WORDS } from './synonyms.ts'
import type { SourceRecord } from './table.ts'
import type { Cell } from './types.ts'
import { cellText, oneLine, parseConsent, parseDate, parseEmail, parseGroup, parsePhone, parseStudentNumber, parseYearLevel } from './values.ts'

export interface ImportedGuardianData {
  name: string
  /** false: the file gave no name; it was made from the e-mail or phone. */
  nameGiven: boolean
  email: string
  phone: string
  phoneNormalized: string
  relation: string
}

export interface ImportedPupil {
  key: string
  fileIndex: number
  file: string
  sheetIndex: number
  sheet: string
  row: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  group: string | null
  /** From a 'Leerjaar' column; null: follows from the group when the pupil is created. */
  yearLevel: number | null
  guardians: ImportedGuardianData[]
  consents: Record<string, Decision>
  /** The Excel row each consent answer came from (a form: the row of its cross). */
  consentRows: Record<string, number>
  /** The name as the file had it, when its capitals were put right ('SEM VAN DER BERG'). */
  nameAsTyped?: string
}

export interface RowProblem {
  row: number
  field: string | null
  column: string | null
  value: string
  message: string
}

export interface MappedColumn {
  header: string
  target: ColumnTarget
}

export interface CompiledMapping {
  pupil: Map<PupilField, number[]>
  guardians: Map<number, Map<GuardianField, number[]>>
  consent: { index: number; purposes: string[] }[]
  lists: { index: number; purposes: string[]; options: Map<string, string[]>; separator: string }[]
  headers: string[]
  /** Trimmed, lower case: a row that repeats the header row is no pupil. */
  headersLower: string[]
  used: number[]
  prefixMapped: boolean
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The mapping as column indexes per target; purposes that are not (or no longer) active are dropped. */
export function compileMapping(columns: readonly MappedColumn[], records: readonly SourceRecord[], activeCodes: ReadonlySet<string>): CompiledMapping {
  const m: CompiledMapping = {
    pupil: new Map(),
    guardians: new Map(),
    consent: [],
    lists: [],
    headers: columns.map((c) => c.header),
    headersLower: columns.map((c) => c.header.trim().toLowerCase()),
    used: [],
    prefixMapped: false,
  }
  columns.forEach(({ target }, index) => {
    if (target.kind === 'ignore') return
    m.used.push(index)
    if (target.kind === 'pupil') push(m.pupil, target.field, index)
    else if (target.kind === 'guardian') {
      if (target.guardian > MAX_GUARDIANS) return
      const g = m.guardians.get(target.guardian) ?? new Map<GuardianField, number[]>()
      m.guardians.set(target.guardian, g)
      push(g, target.field, index)
    } else if (target.kind === 'consent') m.consent.push({ index, purposes: target.purposes.filter((p) => activeCodes.has(p)) })
    else {
      const texts = records.map((r) => cellText(r.cells[index] ?? null)).filter((t) => t !== '')
      const options = new Map(Object.entries(target.options).map(([k, v]) => [k, v.filter((p) => activeCodes.has(p))]))
      m.lists.push({ index, purposes: target.purposes.filter((p) => activeCodes.has(p)), options, separator: listSeparator(texts) })
    }
  })
  m.prefixMapped = m.pupil.has('lastNamePrefix')
  return m
}

/**
 * Two guardians' names could be one person: the same, or the same surname where one gives only
 * initials ('M. de Vries' and 'Marieke de Vries'). Two first names that differ are two people,
 * even with the same initial (Linda and Lars Jansen at one family address). A guardian without a
 * name (only an address or number) fits any name: there is nothing to tell them apart by.
 */
export function namesCompatible(a: { name: string; nameGiven: boolean }, b: { name: string; nameGiven: boolean }): boolean {
  if (!a.nameGiven || !b.nameGiven) return true
  const wa = fold(a.name)
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  const wb = fold(b.name)
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  if (wa.join(' ') === wb.join(' ')) return true
  if (wa.length === 0 || wb.length === 0 || wa.at(-1) !== wb.at(-1)) return false
  return (givesInitials(a.name) || givesInitials(b.name)) && wa[0]?.[0] === wb[0]?.[0]
}

/** 'M. de Vries', 'M.J. de Vries', 'MJ de Vries': the name starts with initials, not a first name. */
const givesInitials = (name: string): boolean => /^\s*(?:(?:\p{L}\.\s*)+|\p{Lu}{1,3}\s)/u.test(name)

export interface RecordContext {
  /** The sheet's own legend ('- = geen toestemming'): these marks mean what it says. */
  marks?: ReadonlyMap<string, Decision>
  fileIndex: number
  file: string
  sheetIndex: number
  sheet: string
  date1904: boolean
  purposes: readonly PurposeRef[]
  /** Today, 'YYYY-MM-DD': a birth date after it is an error. */
  today: string
}

export type RecordResult = { kind: 'empty' } | { kind: 'pupil'; pupil: ImportedPupil } | { kind: 'problems'; problems: RowProblem[] }

/** Turns one record into a pupil. A record with (almost) nothing mapped in it is 'empty': skipped quietly. */
export function recordToPupil(record: SourceRecord, m: CompiledMapping, ctx: RecordContext): RecordResult {
  const cell = (i: number): Cell => record.cells[i] ?? null
  const texts: (string | undefined)[] = []
  const textOf = (i: number): string => (texts[i] ??= cellText(cell(i)))
  const rowOf = (i: number): number => record.rows?.[i] ?? record.row
  let filled = 0
  let repeatsHeader = 0
  for (const i of m.used) {
    const text = textOf(i)
    if (text === '') continue
    filled++
    if (text.length > 1 && text.toLowerCase() === m.headersLower[i]) repeatsHeader++
  }
  const first = (indexes: number[] | undefined): number | null => indexes?.find((i) => textOf(i) !== '') ?? null
  const nameIndex = first(m.pupil.get('firstName')) ?? first(m.pupil.get('lastName')) ?? first(m.pupil.get('fullName'))
  if (filled === 0 || (filled === 1 && nameIndex === null) || repeatsHeader >= 2) return { kind: 'empty' }

  const problems: RowProblem[] = []
  const problem = (index: number | null, field: string, message: string): void => {
    const header = index === null ? null : (m.headers[index] ?? null)
    problems.push({ row: index === null ? record.row : rowOf(index), field, column: header, value: index === null ? '' : cellText(cell(index)), message: header ? `${header}: ${message}` : message })
  }
  const text = (field: PupilField): { index: number | null; value: string } => {
    const index = first(m.pupil.get(field))
    return { index, value: index === null ? '' : oneLine(cell(index)) }
  }
  let firstName = text('firstName').value
  let prefix = text('lastNamePrefix').value.toLowerCase()
  let lastName = text('lastName').value
  const full = text('fullName').value
  if (full && (!firstName || !lastName)) {
    const split = splitFullName(full)
    firstName ||= split.firstName
    if (!lastName) [prefix, lastName] = [prefix || split.prefix, split.lastName]
  }
  if (lastName && !prefix) ({ prefix, lastName } = splitSurname(lastName, m.prefixMapped && !needsCapitals(lastName)))
  // 'SEM' / 'VAN DER BERG' or 'sem' / 'berg' get Dutch capitals; the preview shows the name as typed beside it.
  const typedName = [text('firstName').value, text('lastNamePrefix').value, text('lastName').value].filter(Boolean).join(' ') || full
  const shouting = needsCapitals(firstName) || needsCapitals(lastName)
  ;[firstName, lastName] = [dutchCapitals(firstName), dutchCapitals(lastName)]
  const nameAsTyped = shouting && typedName !== [firstName, prefix, lastName].filter(Boolean).join(' ') ? typedName : null
  if (!firstName) problem(null, 'firstName', 'Vul de roepnaam in.')
  if (!lastName) problem(null, 'lastName', 'Vul de achternaam in.')
  if (firstName.length > 100) problem(text('firstName').index, 'firstName', 'De roepnaam is te lang (hoogstens 100 tekens).')
  if (lastName.length > 100) problem(text('lastName').index, 'lastName', 'De achternaam is te lang (hoogstens 100 tekens).')
  if (prefix.length > 40) problem(text('lastNamePrefix').index, 'lastNamePrefix', 'Het tussenvoegsel is te lang (hoogstens 40 tekens).')
  // A line break in a cell became a space above; NUL and bidi controls are refused, not dropped.
  const refuseUnsafe = (value: string, index: number | null, field: string): void => {
    const message = unsafeTextMessage(value, false, 'import')
    if (message) problem(index, field, message)
  }
  refuseUnsafe(firstName, text('firstName').index ?? text('fullName').index, 'firstName')
  refuseUnsafe(prefix, text('lastNamePrefix').index ?? text('lastName').index ?? text('fullName').index, 'lastNamePrefix')
  refuseUnsafe(lastName, text('lastName').index ?? text('fullName').index, 'lastName')

  const parsed = <T>(field: PupilField, parse: (c: Cell) => { ok: true; value: T } | { ok: false; message: string }): T | null => {
    const index = first(m.pupil.get(field))
    if (index === null) return null
    const r = parse(cell(index))
    if (r.ok) return r.value
    problem(index, field, r.message)
    return null
  }
  const studentNumber = parsed('studentNumber', parseStudentNumber)
  const birthDate = parsed('birthDate', (c) => parseDate(c, ctx.date1904))
  const birthIndex = first(m.pupil.get('birthDate'))
  if (birthDate && birthDate > ctx.today) problem(birthIndex, 'birthDate', 'De geboortedatum ligt in de toekomst. Controleer de datum.')
  if (birthDate && birthDate < '1990-01-01') problem(birthIndex, 'birthDate', 'Deze geboortedatum is te lang geleden voor een basisschoolleerling. Controleer het jaar.')
  if (!studentNumber && !birthDate && birthIndex === null && problems.length === 0) {
    problem(null, 'birthDate', 'Vul de geboortedatum of het leerlingnummer in: zonder een van beide kan het programma de leerling niet zeker herkennen.')
  }
  const group = parsed('group', parseGroup)
  const yearLevel = parsed('yearLevel', parseYearLevel)
  refuseUnsafe(studentNumber ?? '', text('studentNumber').index, 'studentNumber')
  refuseUnsafe(group ?? '', text('group').index, 'group')

  const guardians: ImportedGuardianData[] = []
  for (const [slot, fields] of [...m.guardians].sort((a, b) => a[0] - b[0])) {
    const get = (f: GuardianField): { index: number | null; value: string } => {
      const index = first(fields.get(f))
      return { index, value: index === null ? '' : oneLine(cell(index)) }
    }
    const emailAt = get('email')
    const phoneAt = get('phone')
    let email = ''
    let phone = ''
    let phoneNormalized = ''
    if (emailAt.index !== null) {
      const r = parseEmail(cell(emailAt.index))
      if (r.ok) email = r.value ?? ''
      else problem(emailAt.index, `guardian.${slot}.email`, r.message)
    }
    if (phoneAt.index !== null) {
      const r = parsePhone(cell(phoneAt.index))
      if (r.ok && r.value) [phone, phoneNormalized] = [r.value.typed, r.value.normalized]
      else if (!r.ok) problem(phoneAt.index, `guardian.${slot}.phone`, r.message)
    }
    const given = dutchCapitalsFullName(get('name').value) || guardianName(dutchCapitals(get('firstName').value) || get('initials').value, get('lastNamePrefix').value, dutchCapitals(get('lastName').value))
    const relation = get('relation').value.toLowerCase().slice(0, 40)
    if (!given && !email && !phone) continue
    if (given.length > 200) problem(get('name').index, `guardian.${slot}.name`, 'De naam is te lang (hoogstens 200 tekens).')
    refuseUnsafe(given, get('name').index ?? get('firstName').index ?? get('lastName').index, `guardian.${slot}.name`)
    refuseUnsafe(relation, get('relation').index, `guardian.${slot}.relation`)
    refuseUnsafe(email, emailAt.index, `guardian.${slot}.email`)
    const g: ImportedGuardianData = { name: given || email || phone, nameGiven: given !== '', email, phone, phoneNormalized, relation }
    const same = guardians.find((o) => ((g.email && o.email.toLowerCase() === g.email.toLowerCase()) || (g.phoneNormalized && o.phoneNormalized === g.phoneNormalized)) && namesCompatible(o, g))
    if (same) {
      if (!same.nameGiven && g.nameGiven) [same.name, same.nameGiven] = [g.name, true]
      same.email ||= g.email
      if (!same.phone) [same.phone, same.phoneNormalized] = [g.phone, g.phoneNormalized]
      same.relation ||= g.relation
    } else guardians.push(g)
  }

  const consents: Record<string, Decision> = {}
  const consentRows: Record<string, number> = {}
  for (const p of ctx.purposes) consents[p.code] = 'unknown'
  const answer = (code: string, decision: Decision, index: number): void => {
    if (decision === 'unknown' || !(code in consents)) return
    if (consents[code] !== 'unknown' && consents[code] !== decision) {
      const label = ctx.purposes.find((p) => p.code === code)?.label ?? code
      problem(index, 'consent', `Voor '${label}' staan tegenstrijdige antwoorden (toestemming en geweigerd). Laat één antwoord staan.`)
      return
    }
    consents[code] = decision
    consentRows[code] = rowOf(index)
  }
  for (const { index, purposes } of m.consent) {
    const d = ctx.marks?.get(cellText(cell(index)).trim()) ?? parseConsent(cell(index))
    if (d === null) {
      problem(index, 'consent', `'${cellText(cell(index))}' is geen antwoord dat het programma kent. Gebruik Ja of Nee (of laat het leeg als er geen antwoord is).`)
      continue
    }
    for (const code of purposes) answer(code, d, index)
  }
  for (const list of m.lists) {
    const value = textOf(list.index)
    if (value === '') continue
    const chosen = new Set<string>()
    let understood = true
    for (const item of answerItems(value, list.separator, [...list.options.keys()])) {
      const codes = list.options.get(item) ?? (NONE_WORDS.includes(normalizeHeader(item)) ? [] : matchPurposes(item, ctx.purposes))
      if (codes.length === 0 && !list.options.has(item) && !NONE_WORDS.includes(normalizeHeader(item))) {
        problem(list.index, 'consent', `Het antwoord '${item}' hoort bij geen enkel doel. Koppel het bij de kolommen aan een doel, of pas het bestand aan.`)
        understood = false
      }
      for (const c of codes) chosen.add(c)
    }
    if (!understood) continue
    for (const code of list.purposes) answer(code, chosen.has(code) ? 'granted' : 'refused', list.index)
    for (const code of chosen) if (!list.purposes.includes(code)) answer(code, 'granted', list.index)
  }
  if (problems.length > 0) return { kind: 'problems', problems }
  return {
    kind: 'pupil',
    pupil: {
      key: `${ctx.fileIndex}/${ctx.sheetIndex}/${record.row}`,
      fileIndex: ctx.fileIndex,
      file: ctx.file,
      sheetIndex: ctx.sheetIndex,
      sheet: ctx.sheet,
      row: record.row,
      studentNumber,
      firstName,
      lastNamePrefix: prefix,
      lastName,
      birthDate,
      group,
      yearLevel,
      guardians,
      consents,
      consentRows,
      ...(nameAsTyped !== null ? { nameAsTyped } : {}),
    },
  }
}

/**
 * A guardian's name from its parts: 'Marieke' + 'van der' + 'Berg'. A tussenvoegsel is never a
 * name on its own: without a first name or surname beside it there is no name.
 */
export function guardianName(first: string, prefix: string, last: string): string {
  if (!first && !last) return ''
  return [first, prefix.toLowerCase(), last].filter((s) => s !== '').join(' ')
}

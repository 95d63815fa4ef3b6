// Headers and labels -> what they mean: a pupil field, a guardian's field, a consent purpose, or
// nothing we keep. Dutch and English, any case and spacing. Pure.
import type { ColumnTarget, GuardianField, PupilField } from '../../../shared/imports.contract.ts'
import { MAX_GUARDIANS } from '../../../shared/imports.contract.ts'
import { fold } from '../../../shared/text.ts'
import {
  CONSENT_WORDS,
  FILLER,
  GUARDIAN_FIELD_WORDS,
  GUARDIAN_WORDS,
  IGNORE_WORDS,
  NONE_WORDS,
  NUMBER_WORDS,
  ORDINALS,
  PUPIL_SYNONYMS,
  PUPIL_WORDS,
  PURPOSE_KEYWORDS,
  RELATION_WORDS,
  SENSITIVE_WORDS,
  STRONG_WORDS,
} from './synonyms.ts'
import { answerItems, commaOptions, listSeparator } from './answer-lists.ts'
import type { Cell } from './types.ts'
import { cellText, parseConsent } from './values.ts'

export interface PurposeRef {
  code: string
  label: string
}

/** '  E-mail Ouder/Verzorger 1: ' -> 'email ouder verzorger 1'; "Foto's" -> 'fotos'. */
export function normalizeHeader(s: string): string {
  return fold(s)
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\be mail/g, 'email')
}

const has = (text: string, phrase: string): boolean => phrase !== '' && ` ${text} `.includes(` ${phrase} `)
const hasAny = (text: string, phrases: readonly string[]): boolean => phrases.some((p) => has(text, p))

const phraseCache = new WeakMap<readonly PurposeRef[], [string, string][]>()

/** Phrases per purpose, longest first: the built-in words, the label, and for a school's own purpose its label's words. */
function purposePhrases(purposes: readonly PurposeRef[]): [string, string][] {
  const cached = phraseCache.get(purposes)
  if (cached) return cached
  const list: [string, string][] = []
  for (const p of purposes) {
    const own = PURPOSE_KEYWORDS[p.code]
    const label = normalizeHeader(p.label)
    list.push([label, p.code], [p.code.replace(/_/g, ' '), p.code])
    if (own) for (const k of own) list.push([k, p.code])
    else for (const w of label.split(' ')) if (w.length >= 5 && !CONSENT_WORDS.has(w) && !FILLER.has(w) && w !== 'school') list.push([w, p.code])
  }
  list.sort((a, b) => b[0].length - a[0].length)
  phraseCache.set(purposes, list)
  return list
}

/** The purposes a text names, in order of appearance: 'Foto's op website en social media' -> website, social_media. */
export function matchPurposes(text: string, purposes: readonly PurposeRef[], normalized = false): string[] {
  let rest = ` ${normalized ? text : normalizeHeader(text)} `
  const found: { code: string; at: number }[] = []
  for (const [phrase, code] of purposePhrases(purposes)) {
    if (phrase === '') continue
    const at = rest.indexOf(` ${phrase} `)
    if (at < 0) continue
    found.push({ code, at })
    rest = rest.slice(0, at + 1) + '#'.repeat(phrase.length) + rest.slice(at + 1 + phrase.length)
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.code))]
}

export type HeaderClass =
  | { kind: 'ignore'; sensitive: boolean }
  | { kind: 'pupil'; field: PupilField; rank: number }
  | { kind: 'guardian'; slot: string; field: GuardianField; relation: string; explicit: boolean }
  | { kind: 'consent'; purposes: string[] }
  | { kind: 'consentAny' }

function guardianField(n: string, withGuardianWord: boolean): GuardianField | null {
  for (const field of ['email', 'phone', 'relation', 'firstName', 'initials', 'lastNamePrefix', 'lastName', 'name'] as const) {
    const words = GUARDIAN_FIELD_WORDS[field].filter((w) => withGuardianWord || (w !== 'nummer' && w !== '06'))
    if (hasAny(n, words)) return field
  }
  return null
}

function guardianSlot(tokens: string[]): { slot: string; relation: string } {
  let relation = ''
  for (const t of tokens) if (RELATION_WORDS[t]) relation = RELATION_WORDS[t] as string
  for (const t of tokens) {
    const glued = /^(?:ouder|verzorger|parent|guardian)([1-9])$/.exec(t)?.[1]
    const n = glued ?? (/^[1-9]$/.test(t) ? t : ORDINALS[t] !== undefined ? String(ORDINALS[t]) : undefined)
    if (n !== undefined) return { slot: n, relation }
  }
  return { slot: relation || 'default', relation }
}

/** Verbs a Dutch yes/no question starts with ('Mogen wij ...?', 'Heeft u ...?'); 'Wat is uw e-mailadres?' is none. */
const QUESTION_VERBS = new Set([
  'mag',
  'mogen',
  'wil',
  'wilt',
  'willen',
  'heeft',
  'hebt',
  'hebben',
  'bent',
  'is',
  'zijn',
  'kan',
  'kunt',
  'kunnen',
  'geeft',
  'geef',
  'gaat',
  'staat',
  'vindt',
  'may',
  'can',
  'do',
  'does',
  'are',
])
const isYesNoQuestion = (header: string, tokens: readonly string[]): boolean => /\?\s*$/.test(header) && QUESTION_VERBS.has(tokens[0] ?? '')

/** What one header (or form label) means, from its words alone. */
export function classifyHeader(header: string, purposes: readonly PurposeRef[]): HeaderClass {
  const n = normalizeHeader(header)
  if (n === '') return { kind: 'ignore', sensitive: false }
  if (hasAny(n, SENSITIVE_WORDS)) return { kind: 'ignore', sensitive: true }
  const tokens = n.split(' ')
  const pupilWord = tokens.some((t) => PUPIL_WORDS.has(t))
  const guardianWord = tokens.some((t) => (GUARDIAN_WORDS.has(t) && !(t === 'uw' && pupilWord)) || /^(ouder|verzorger|parent|guardian)[1-9]$/.test(t))
  if (hasAny(n, IGNORE_WORDS) && !hasAny(n, GUARDIAN_FIELD_WORDS.email)) return { kind: 'ignore', sensitive: false }
  const purposeCodes = matchPurposes(n, purposes, true)
  const consentWord = tokens.some((t) => CONSENT_WORDS.has(t)) || tokens.includes('toestemming')
  if (guardianWord && !pupilWord) {
    const field = guardianField(n, true)
    // 'Mogen wij uw e-mailadres gebruiken voor ...?' merely mentions the e-mail address: a yes/no question, not the address.
    if ((field === 'email' || field === 'phone') && isYesNoQuestion(header, tokens)) return { kind: 'ignore', sensitive: false }
    if (field) return { kind: 'guardian', ...guardianSlot(tokens), field, explicit: true }
    if (purposeCodes.length === 0 && !consentWord) return { kind: 'guardian', ...guardianSlot(tokens), field: 'name', explicit: true }
  }
  if (hasAny(n, GUARDIAN_FIELD_WORDS.relation)) return { kind: 'guardian', ...guardianSlot(tokens), field: 'relation', explicit: guardianWord }
  // Hints in brackets ('Geboortedatum (dd-mm-jjjj)') and required-field stars do not change the field.
  const bare = normalizeHeader(header.replace(/\([^)]*\)/g, ' '))
  const rest = bare
    .split(' ')
    .filter((t) => !PUPIL_WORDS.has(t) && !FILLER.has(t))
    .join(' ')
  const withFiller = bare
    .split(' ')
    .filter((t) => !PUPIL_WORDS.has(t))
    .join(' ')
  for (const field of ['studentNumber', 'firstName', 'lastNamePrefix', 'lastName', 'birthDate', 'group', 'fullName'] as const) {
    const rank = Math.max(PUPIL_SYNONYMS[field].indexOf(rest), PUPIL_SYNONYMS[field].indexOf(withFiller))
    if (rank >= 0 && (rest !== '' || pupilWord)) return { kind: 'pupil', field, rank }
  }
  if (pupilWord && NUMBER_WORDS.includes(rest)) return { kind: 'pupil', field: 'studentNumber', rank: 50 }
  const strong = [...new Set(rest.split(' ').flatMap((t) => (STRONG_WORDS[t] ? [STRONG_WORDS[t]] : [])))]
  if (strong.length === 1 && purposeCodes.length === 0 && !guardianWord) return { kind: 'pupil', field: strong[0] as PupilField, rank: 40 }
  if (!pupilWord && purposeCodes.length === 0) {
    const field = guardianField(n, false)
    if (field === 'email' || field === 'phone') return { kind: 'guardian', slot: 'default', field, relation: '', explicit: false }
  }
  if (purposeCodes.length > 0) return { kind: 'consent', purposes: purposeCodes }
  if (consentWord) return { kind: 'consentAny' }
  return { kind: 'ignore', sensitive: false }
}

export { answerItems, listSeparator } from './answer-lists.ts'

/** A multi-select column: most answers are purposes (or 'Geen'), few are plain yes/no. */
function looksLikePurposeList(texts: readonly string[], purposes: readonly PurposeRef[]): boolean {
  if (texts.length === 0) return false
  const sep = listSeparator(texts)
  let lists = 0
  let words = 0
  for (const t of texts) {
    const d = parseConsent(t)
    if (
      d !== null &&
      d !== 'unknown' &&
      !hasAny(
        normalizeHeader(t),
        NONE_WORDS.filter((w) => w !== 'geen' && w !== 'geen toestemming'),
      )
    ) {
      words++
      continue
    }
    const items = answerItems(t, sep)
    if (items.length > 0 && items.some((i) => matchPurposes(i, purposes).length > 0 || NONE_WORDS.includes(normalizeHeader(i)))) lists++
  }
  return lists >= texts.length * 0.6 && words < texts.length * 0.5
}

/** The distinct answers of a multi-select column, each with the purposes it names. */
export function proposeOptions(texts: readonly string[], purposes: readonly PurposeRef[]): Record<string, string[]> {
  const sep = listSeparator(texts)
  const known = sep === ',' ? commaOptions(texts) : []
  const options: Record<string, string[]> = {}
  for (const t of texts) for (const item of answerItems(t, sep, known)) if (!(item in options)) options[item] = NONE_WORDS.includes(normalizeHeader(item)) ? [] : matchPurposes(item, purposes)
  return options
}

export interface ColumnInput {
  key: string
  header: string
  /** Values of the column (all, or a large sample). */
  values: readonly Cell[]
  /** A label or header the classifier should read instead of the header (a form's section + label). */
  classifyAs?: string
}

export interface Proposal {
  key: string
  target: ColumnTarget
  sensitive: boolean
  options?: string[]
}

/** Purposes a general photo question ('Toestemming foto's: ja/nee') is about: all but sharing contact details. */
const photoPurposes = (purposes: readonly PurposeRef[]): string[] => purposes.map((p) => p.code).filter((c) => c !== 'contact_list')

/**
 * Proposes a target per column: classify each header, look at the values of consent columns
 * (yes/no or a list of purposes), number the guardians, and keep one column per pupil field.
 */
export function proposeMapping(columns: readonly ColumnInput[], purposes: readonly PurposeRef[]): Proposal[] {
  const classes = columns.map((c) => {
    const cls = classifyHeader(c.classifyAs ?? c.header, purposes)
    const texts = c.values.map(cellText).filter((t) => t !== '')
    const listy = cls.kind === 'consent' || cls.kind === 'consentAny' || (cls.kind === 'ignore' && !cls.sensitive && texts.length >= 2)
    return { cls, texts, list: listy && looksLikePurposeList(texts, purposes) }
  })
  const ownColumns = new Set(classes.flatMap(({ cls, list }) => (cls.kind === 'consent' && !list ? cls.purposes : [])))
  // Guardian slots: explicit numbers keep theirs, the others ('moeder', 'vader', 'default') get the next free one.
  const slots = new Map<string, number>()
  for (const { cls } of classes) if (cls.kind === 'guardian' && /^[1-9]$/.test(cls.slot)) slots.set(cls.slot, Number(cls.slot))
  for (const { cls } of classes) {
    if (cls.kind !== 'guardian' || slots.has(cls.slot)) continue
    const used = new Set(slots.values())
    let n = 1
    while (used.has(n)) n++
    slots.set(cls.slot, n)
  }
  const best = new Map<PupilField, { index: number; rank: number }>()
  classes.forEach(({ cls }, index) => {
    if (cls.kind !== 'pupil') return
    const current = best.get(cls.field)
    if (!current || cls.rank < current.rank) best.set(cls.field, { index, rank: cls.rank })
  })
  const fullNameBecomes: PupilField | null = best.has('firstName') ? (best.has('lastName') ? null : 'lastName') : 'fullName'
  // Explicit guardian columns ('Uw e-mailadres') win over bare ones ('E-mail' of a form's respondent).
  const takenGuardianFields = new Set<string>()
  const guardianWinner = new Map<number, boolean>()
  for (const explicitPass of [true, false]) {
    classes.forEach(({ cls }, index) => {
      if (cls.kind !== 'guardian' || cls.explicit !== explicitPass) return
      const id = `${slots.get(cls.slot) ?? 1}:${cls.field}`
      const wins = (slots.get(cls.slot) ?? 1) <= MAX_GUARDIANS && (!takenGuardianFields.has(id) || cls.field === 'phone')
      if (wins) takenGuardianFields.add(id)
      guardianWinner.set(index, wins)
    })
  }
  return columns.map((c, index) => {
    const { cls, texts, list } = classes[index] as (typeof classes)[number]
    const proposal = (target: ColumnTarget, options?: string[]): Proposal => ({ key: c.key, target, sensitive: cls.kind === 'ignore' && cls.sensitive, ...(options ? { options } : {}) })
    if (list) {
      const options = proposeOptions(texts, purposes)
      // The list answers for the purposes its options name: a purpose it never offers stays unanswered, not refused.
      const offered = new Set(Object.values(options).flat())
      const covered = purposes.map((p) => p.code).filter((code) => !ownColumns.has(code) && (offered.size === 0 || offered.has(code)))
      return proposal({ kind: 'consentList', purposes: covered.length > 0 ? covered : purposes.map((p) => p.code), options }, Object.keys(options))
    }
    switch (cls.kind) {
      case 'ignore':
        return proposal({ kind: 'ignore' })
      case 'pupil': {
        if (best.get(cls.field)?.index !== index) return proposal({ kind: 'ignore' })
        if (cls.field === 'fullName') return proposal(fullNameBecomes ? { kind: 'pupil', field: fullNameBecomes } : { kind: 'ignore' })
        return proposal({ kind: 'pupil', field: cls.field })
      }
      case 'guardian':
        return proposal(guardianWinner.get(index) ? { kind: 'guardian', guardian: slots.get(cls.slot) ?? 1, field: cls.field } : { kind: 'ignore' })
      case 'consent':
        return proposal({ kind: 'consent', purposes: cls.purposes })
      case 'consentAny':
        return proposal(texts.length > 0 && texts.some((t) => parseConsent(t) !== null) ? { kind: 'consent', purposes: photoPurposes(purposes) } : { kind: 'ignore' })
    }
  })
}

/** How much a row looks like a table's header: recognised headers, with at least one name column. */
export function headerScore(texts: readonly string[], purposes: readonly PurposeRef[]): number {
  let score = 0
  let name = false
  for (const t of texts) {
    if (t === '' || t.length > 200) continue
    const cls = classifyHeader(t, purposes)
    if (cls.kind === 'pupil') {
      score += 2
      if (cls.field === 'firstName' || cls.field === 'lastName' || cls.field === 'fullName') name = true
    } else if (cls.kind === 'guardian' || cls.kind === 'consent') score += 1
  }
  return name ? score : 0
}

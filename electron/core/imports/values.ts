// One cell -> one value of ours, or a Dutch reason why not. Dates, consent words, phones, e-mails.
import { parseDutchDate } from '../../../shared/dates.ts'
import type { Decision } from '../../../shared/domain.ts'
import { normalizePhone } from '../../../shared/phone.ts'
import { fold } from '../../../shared/text.ts'
import type { Cell } from './types.ts'

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const bad = (message: string): Parsed<never> => ({ ok: false, message })

const pad = (n: number): string => String(n).padStart(2, '0')
const isoOf = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

/** A cell as text: trimmed, no-break spaces as spaces; dates as YYYY-MM-DD; whole numbers without '.0'. */
export function cellText(c: Cell): string {
  if (c === null) return ''
  if (typeof c === 'string')
    return c
      .replace(/[\u00a0\u2007\u202f]/g, ' ')
      .replace(/[\u200b-\u200d\ufeff]/g, '')
      .trim()
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c)
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE'
  return isoOf(roundToMinute(c))
}

/** One line, single spaces: for names. */
export const oneLine = (c: Cell): string => cellText(c).replace(/\s+/g, ' ')

function roundToMinute(d: Date): Date {
  return new Date(Math.round(d.getTime() / 60_000) * 60_000)
}

/** Excel's day number -> date (1900 system, or 1904 for old Mac workbooks). */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)
  return isoOf(roundToMinute(new Date(epoch + Math.round(serial * 86_400_000))))
}

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? isoOf(date) : null
}

const WEEKDAY = /^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s+/i

/** Text as people and programs write dates: '7-4-2013', '07-04-2013', '2013-04-07', '7 april 2013', '20130407'. */
export function parseDateText(text: string, date1904 = false): string | null {
  let s = text.trim().replace(WEEKDAY, '')
  const withTime = /^(\d{4}-\d{1,2}-\d{1,2})[T\s]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s) ?? /^(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\s+\d{1,2}:\d{2}(:\d{2})?$/.exec(s)
  if (withTime) s = withTime[1] as string
  const direct = parseDutchDate(s)
  if (direct) return direct
  const english = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(s) // 'April 7, 2013'
  if (english) return parseDutchDate(`${english[2]} ${english[1]} ${english[3]}`)
  if (/^\d{8}$/.test(s)) {
    const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6))]
    if (y >= 1900 && y <= 2100) return ymd(y, m, d)
    return ymd(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)))
  }
  if (/^\d{5}(\.0+)?$/.test(s)) return serialToIso(Number(s), date1904)
  return null
}

/** A birth date from any cell: a date cell, an Excel serial, or text. null value: the cell is empty. */
export function parseDate(c: Cell, date1904 = false): Parsed<string | null> {
  if (c === null) return ok(null)
  let iso: string | null = null
  if (c instanceof Date) iso = isoOf(roundToMinute(c))
  else if (typeof c === 'number') iso = c >= 19_000_101 && c <= 21_001_231 ? parseDateText(String(c)) : serialToIso(c, date1904)
  else if (typeof c === 'string') {
    if (cellText(c) === '') return ok(null)
    iso = parseDateText(cellText(c), date1904)
  }
  if (iso === null) return bad(`'${cellText(c)}' is geen datum die het programma kent. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 07-04-2017.`)
  return ok(iso)
}

const GRANTED = new Set([
  'ja',
  'j',
  'yes',
  'y',
  'x',
  'v',
  'true',
  'waar',
  '1',
  'akkoord',
  'toestemming',
  'wel toestemming',
  'geeft toestemming',
  'ok',
  'oke',
  'okay',
  'goed',
  'mag',
  'geen bezwaar',
  'granted',
  'agree',
  'wel',
])
const REFUSED = new Set([
  'nee',
  'n',
  'no',
  'false',
  'onwaar',
  '0',
  'geen toestemming',
  'geen',
  'niet',
  'liever niet',
  'geweigerd',
  'weiger',
  'weigert',
  'niet akkoord',
  'bezwaar',
  'mag niet',
  'refused',
  'disagree',
  'nooit',
])
const UNKNOWN = new Set([
  '',
  '-',
  '--',
  '?',
  'onbekend',
  'weet niet',
  'weet ik niet',
  'nvt',
  'n v t',
  'geen antwoord',
  'niet ingevuld',
  'unknown',
  'leeg',
  'geen reactie',
  'nog geen reactie',
  'geen reactie ontvangen',
  'nog geen antwoord',
  'nog niet ingevuld',
  'weet ik nog niet',
  'nog niet bekend',
  'nog niet ontvangen',
])
const TICKS = /^[✓✔☑☒✗✘×xX]+$/u

/** A consent answer: Ja/Nee/X/✓/yes/no/TRUE/'geen toestemming'/... Empty is 'unknown'; null: not understood. */
const consentMemo = new Map<string, Decision | null>()

export function parseConsent(c: Cell): Decision | null {
  if (c === null) return 'unknown'
  if (typeof c === 'boolean') return c ? 'granted' : 'refused'
  if (typeof c === 'number') return c === 1 ? 'granted' : c === 0 ? 'refused' : null
  if (c instanceof Date) return null
  const known = consentMemo.get(c)
  if (known !== undefined) return known
  const d = consentWord(cellText(c))
  if (consentMemo.size < 5000) consentMemo.set(c, d)
  return d
}

/** A box before (or after) each word: '☒ ja ☐ nee', '[x] Ja [ ] Nee', 'ja ☐ nee ☒'. */
const BOXED = /(☐|□|☒|☑|■|✓|✔|✗|✘|\[\s*[xXvV✓]?\s*\])\s*(ja|nee|wel|niet|yes|no)\b|\b(ja|nee|wel|niet|yes|no)\s*(☐|□|☒|☑|■|✓|✔|✗|✘|\[\s*[xXvV✓]?\s*\])/giu
const EMPTY_BOX = /^(☐|□|\[\s*\])$/u

function boxedChoice(raw: string): Decision | null | undefined {
  const marked: string[] = []
  let boxes = 0
  for (const m of raw.matchAll(BOXED)) {
    boxes++
    const box = (m[1] ?? m[4] ?? '').replace(/\s+/g, '')
    if (!EMPTY_BOX.test(box)) marked.push(fold(m[2] ?? m[3] ?? ''))
  }
  if (boxes < 2) return undefined
  if (marked.length === 0) return 'unknown'
  const yes = marked.filter((w) => w === 'ja' || w === 'wel' || w === 'yes').length
  if (yes > 0 && yes === marked.length) return 'granted'
  if (yes === 0) return 'refused'
  return null // both crossed
}

function consentWord(raw: string): Decision | null {
  const boxed = boxedChoice(raw)
  if (boxed !== undefined) return boxed
  if (TICKS.test(raw)) return 'granted'
  if (raw === '☐' || raw === '□') return 'refused'
  const s = fold(raw)
    .replace(/[^a-z0-9?\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (UNKNOWN.has(s)) return 'unknown'
  if (/\b(ja|yes)\b/.test(s) && /\b(nee|no)\b/.test(s)) return null // 'Ja/Nee' left as printed, or both crossed
  if (GRANTED.has(s)) return 'granted'
  if (REFUSED.has(s)) return 'refused'
  if (/\bgeen bezwaar\b/.test(s)) return 'granted'
  if (/^(nee|no)\b/.test(s) || /\b(geen toestemming|niet akkoord|geen akkoord|mag niet|niet toe)\b/.test(s) || /\bbezwaar\b/.test(s)) return 'refused'
  if (/^(ja|yes)\b/.test(s) || /\b(wel toestemming|geef toestemming|geven toestemming|akkoord)\b/.test(s)) return 'granted'
  return null
}

export interface Phone {
  typed: string
  normalized: string
}

/** A phone number as typed, and normalised; a number cell 612345678 or 31612345678 gets its 0 or + back. */
export function parsePhone(c: Cell): Parsed<Phone | null> {
  if (c === null || typeof c === 'boolean' || c instanceof Date) return c === null ? ok(null) : bad(`'${cellText(c)}' is geen telefoonnummer.`)
  if (typeof c === 'number') {
    const digits = Number.isInteger(c) ? c.toFixed(0) : ''
    const typed = /^[1-9]\d{8}$/.test(digits) ? `0${digits}` : /^31\d{9}$/.test(digits) ? `+${digits}` : digits
    const normalized = normalizePhone(digits)
    return normalized ? ok({ typed, normalized }) : bad(`'${cellText(c)}' is geen telefoonnummer. Schrijf het als 06-12345678.`)
  }
  const text = cellText(c)
  const plain = /^[+\d\s().\-/]+$/.test(text)
  if (!plain && (UNKNOWN.has(fold(text).replace(/[.]/g, ' ').trim()) || /^geen$/i.test(text))) return ok(null)
  const first = (text.split(/\s*(?:[,;|]|\/\s|\s\/|\bof\b|\ben\b|\bor\b)\s*/)[0] ?? '').trim()
  const digitsOnly = first
    .replace(/\([^)]*[a-z][^)]*\)/gi, '')
    .replace(/[a-z:]+/gi, ' ')
    .trim()
  const normalized = normalizePhone(digitsOnly)
  if (normalized === '' && !/^[+()\d\s\-./]{6,}$/.test(digitsOnly)) return bad(`'${text}' is geen telefoonnummer. Schrijf het als 06-12345678.`)
  // A number a spreadsheet stored without its 0 (612345678) and then wrote as text (CSV).
  const typed = /^[1-9]\d{8}$/.test(first) ? `0${first}` : /^31\d{9}$/.test(first) ? `+${first}` : first
  return ok({ typed: typed.slice(0, 40), normalized })
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z]{2,}$/i

/** An e-mail address: a link cell, 'mailto:', 'Naam <adres>' all become the address. */
export function parseEmail(c: Cell): Parsed<string | null> {
  const text = cellText(c)
  if (!text.includes('@')) {
    const s = fold(text)
    if (UNKNOWN.has(s) || s === 'anonymous' || s === 'anoniem' || s === 'geen') return ok(null)
  }
  const inBrackets = /<([^>]+)>/.exec(text)?.[1]
  const address = (inBrackets ?? text).replace(/^mailto:/i, '').trim()
  if (!EMAIL.test(address) || address.length > 254) return bad(`Het e-mailadres '${text}' klopt niet. Schrijf het als naam@voorbeeld.nl.`)
  return ok(address)
}

/** '5', 5, 'Groep 5', 'groep 1/2a' -> '5', '5', '5', '1/2a'. */
export function parseGroup(c: Cell): Parsed<string | null> {
  const text = oneLine(c).replace(/^(groep|group|gr\.?|klas|class)\s+/i, '')
  if (text === '') return ok(null)
  if (text.length > 40) return bad(`De groep '${text.slice(0, 50)}' is te lang (hoogstens 40 tekens).`)
  return ok(text)
}

/** Leerjaar: '3', 3, 'groep 3', 'leerjaar 3'; empty: not given. */
export function parseYearLevel(c: Cell): Parsed<number | null> {
  const text = oneLine(c).replace(/^(groep|leerjaar|jaar)\s*/i, '')
  if (text === '') return ok(null)
  return /^[1-8]$/.test(text) ? ok(Number(text)) : bad(`Het leerjaar '${text.slice(0, 20)}' klopt niet: vul 1 tot en met 8 in.`)
}

export function parseStudentNumber(c: Cell): Parsed<string | null> {
  const text = typeof c === 'number' && Number.isInteger(c) ? c.toFixed(0) : oneLine(c)
  if (text === '') return ok(null)
  if (text.length > 40) return bad(`Het leerlingnummer '${text.slice(0, 50)}' is te lang (hoogstens 40 tekens).`)
  return ok(text)
}

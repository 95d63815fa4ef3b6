// The one date module, for the screens, the documents and the core's messages: dates as people
// type them at a Dutch desk ('7-4-2013', '07-04-2013', '7 april 2013', '2013-04-07') read into
// 'YYYY-MM-DD', and moments shown as the desk reads them, in this computer's local time, through
// Intl.DateTimeFormat('nl-NL') (so day, month and hour are never assembled by hand).

const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']
const MONTH_ALIASES: Record<string, number> = { mar: 3, maa: 3, may: 5, oct: 10, okt: 10, sept: 9 }

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (MONTH_ALIASES[w] !== undefined) return MONTH_ALIASES[w]
  const i = MONTHS.findIndex((m) => w.startsWith(m))
  if (i >= 0) return i + 1
  const full = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']
  const j = full.findIndex((m) => m.startsWith(w) && w.length >= 3)
  return j >= 0 ? j + 1 : undefined
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += y > 50 ? 1900 : 2000
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** A Dutch date as typed -> 'YYYY-MM-DD', or null when it is not a real date. Day comes before month. */
export function parseDutchDate(input: string): string | null {
  const s = input.trim()
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{2}|\d{4})$/.exec(s)
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]))
  m = /^(\d{1,2})\s*[-\s]\s*([a-zA-Z]+\.?)\s*[-\s]\s*(\d{4})$/.exec(s)
  if (m) {
    const month = monthNumber(m[2] ?? '')
    return month === undefined ? null : iso(Number(m[3]), month, Number(m[1]))
  }
  return null
}

type MomentParts = Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>

// Made on first use, not on import: a process that sets TZ first (the bench) gets its own zone.
let momentFormat: Intl.DateTimeFormat | undefined

function momentParts(at: Date | string): MomentParts | null {
  const d = typeof at === 'string' ? new Date(at) : at
  if (Number.isNaN(d.getTime())) return null
  momentFormat ??= new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const parts = { day: '', month: '', year: '', hour: '', minute: '' }
  for (const p of momentFormat.formatToParts(d)) if (p.type in parts) parts[p.type as keyof MomentParts] = p.value
  return parts
}

/** A moment (a Date or an ISO timestamp) as 'dd-mm-jjjj uu:mm' in local time; text that is no moment is shown as it is. */
export function formatMoment(at: Date | string): string {
  const p = momentParts(at)
  return p ? `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}` : String(at)
}

/** A moment as a printed document says it: 'dd-mm-jjjj om uu:mm', in local time. */
export function formatPrintedMoment(at: Date): string {
  const p = momentParts(at)
  return p ? `${p.day}-${p.month}-${p.year} om ${p.hour}:${p.minute}` : String(at)
}

// Dutch names: 'van der Berg' is tussenvoegsel 'van der' + achternaam 'Berg'.

/** Words that make up a tussenvoegsel (Dutch, and the common foreign ones in Dutch schools). */
const PREFIX_WORDS = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  't',
  'te',
  'ten',
  'ter',
  'in',
  'op',
  'uit',
  'aan',
  'bij',
  'onder',
  'over',
  'tot',
  'voor',
  "'s",
  'des',
  'du',
  'von',
  'zu',
  'zum',
  'zur',
  'la',
  'le',
  'les',
  'l',
  "l'",
  'da',
  'das',
  'do',
  'dos',
  'di',
  'del',
  'della',
  'el',
  'al',
  'd',
  "d'",
  'mac',
  'bin',
  'ben',
  'ibn',
  'y',
  'vanden',
  'vander',
])
/** Words that start a tussenvoegsel: 'in', 'op', 'uit' ... only go on one, they never stand alone. */
const STANDALONE = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'te', 'ten', 'ter', "'s", 'des', 'du', 'von', 'zu', 'la', 'le', 'da', 'dos', 'di', 'del', 'della', 'el', 'al', "d'", "l'", 'vanden', 'vander'])
/** Dutch ones split also when capitalised ('Van der Berg' written alone); foreign particles only in lower case ('El Amrani' is a surname). */
const DUTCH = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'te', 'ten', 'ter', "'s", 'in', 'op', 'uit', 'aan', 'bij', 'onder', 'over', 'tot', 'voor', 'vanden', 'vander'])

const clean = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim()
const isPrefixWord = (w: string): boolean => PREFIX_WORDS.has(w.toLowerCase().replace(/[’`]/g, "'"))

/**
 * Longest run of tussenvoegsel words at the start, leaving at least one word. With
 * `lowerCaseOnly` (a tussenvoegsel column exists but was left empty) only 'de Boer', not 'De Boer'.
 */
function prefixLength(words: string[], lowerCaseOnly = false): number {
  const first = words[0] ?? ''
  const isLower = first === first.toLowerCase()
  const folded = first.toLowerCase().replace(/[’`]/g, "'")
  if (!isLower && (lowerCaseOnly || !DUTCH.has(folded))) return 0
  let n = 0
  while (n < words.length - 1 && isPrefixWord(words[n] as string)) n++
  if (n === 0) return 0
  return STANDALONE.has(folded) || n > 1 ? n : 0
}

const lowerPrefix = (words: string[]): string => words.join(' ').toLowerCase().replace(/[’`]/g, "'")

/**
 * The surname as typed in one cell -> tussenvoegsel and surname.
 * 'van der Berg' -> ['van der', 'Berg']; 'Berg, van der' -> ['van der', 'Berg']; 'Yılmaz' -> ['', 'Yılmaz'].
 */
export function splitSurname(typed: string, lowerCaseOnly = false): { prefix: string; lastName: string } {
  const s = clean(typed)
  const comma = /^([^,]+),\s*(.+)$/.exec(s)
  if (comma) {
    const after = (comma[2] as string).split(' ')
    if (after.every(isPrefixWord)) return { prefix: lowerPrefix(after), lastName: clean(comma[1] as string) }
  }
  const words = s.split(' ')
  const n = prefixLength(words, lowerCaseOnly)
  return { prefix: lowerPrefix(words.slice(0, n)), lastName: words.slice(n).join(' ') }
}

/**
 * A whole name in one cell -> first name, tussenvoegsel, surname.
 * 'Sanne van der Berg' -> Sanne / van der / Berg; 'Berg, Sanne van der' -> the same;
 * 'Ömer Yılmaz' -> Ömer / '' / Yılmaz; 'Anne Sophie de Vries' -> Anne Sophie / de / Vries.
 */
export function splitFullName(typed: string): { firstName: string; prefix: string; lastName: string } {
  const s = clean(typed)
  const comma = /^([^,]+),\s*(.+)$/.exec(s)
  if (comma) {
    const rest = (comma[2] as string).split(' ')
    let end = rest.length
    while (end > 1 && isPrefixWord(rest[end - 1] as string)) end--
    return { firstName: rest.slice(0, end).join(' '), prefix: lowerPrefix(rest.slice(end)), lastName: clean(comma[1] as string) }
  }
  const words = s.split(' ')
  if (words.length === 1) return { firstName: '', prefix: '', lastName: s }
  for (let i = 1; i < words.length - 1; i++) {
    const n = prefixLength(words.slice(i))
    if (n > 0) return { firstName: words.slice(0, i).join(' '), prefix: lowerPrefix(words.slice(i, i + n)), lastName: words.slice(i + n).join(' ') }
  }
  return { firstName: words.slice(0, -1).join(' '), prefix: '', lastName: words.at(-1) as string }
}

/** A name typed in capitals only ('SEM', 'VAN DER BERG') or in lower case only ('jansen'): it needs capitals put right. */
export function needsCapitals(typed: string): boolean {
  const letters = typed.replace(/[^\p{L}]/gu, '')
  if (letters.length < 2) return false
  return letters === letters.toUpperCase() || letters === letters.toLowerCase()
}

/**
 * Dutch capitals for a name part typed in capitals or lower case: 'IJSSELSTEIN' -> 'IJsselstein'
 * (IJ is one letter), 'JANSEN-DE VRIES' -> 'Jansen-De Vries', "D'ANCONA" -> "D'Ancona".
 * A name typed in mixed case is kept as it is ('McDonald', 'El Amrani').
 */
export function dutchCapitals(typed: string): string {
  if (!needsCapitals(typed)) return typed
  return typed.toLowerCase().replace(/(^|[\s\-'’])(ij|\p{L})/gu, (_, before: string, letter: string) => before + (letter === 'ij' ? 'IJ' : letter.toUpperCase()))
}

/** A whole name with Dutch capitals: first names and surname capitalised, the tussenvoegsel lower case. */
export function dutchCapitalsFullName(typed: string): string {
  if (!needsCapitals(typed)) return typed
  const { firstName, prefix, lastName } = splitFullName(typed)
  return [dutchCapitals(firstName), prefix, dutchCapitals(lastName)].filter((s) => s !== '').join(' ')
}

// Multi-select answers in one cell: 'Website;Nieuwsbrief;' (Microsoft Forms), 'Website, Nieuwsbrief'
// (Google Forms), one per line. Google joins with ', ' although an option's own text may hold a
// comma ('Social media (Facebook, Instagram)'), so those are split on the option texts, found from
// the answers themselves: brackets that close later, and pieces that never occur apart. Pure.

const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim()

export function listSeparator(texts: readonly string[]): string {
  if (texts.some((t) => t.includes(';'))) return ';'
  if (texts.some((t) => t.includes('\n'))) return '\n'
  return ','
}

/** Comma pieces, rejoined while a bracket is open: 'Social media (Facebook', 'Instagram)' is one. */
function commaPieces(text: string): string[] {
  const out: string[] = []
  let open = 0
  for (const raw of text.split(',')) {
    const piece = tidy(raw)
    if (open > 0 && out.length > 0) out[out.length - 1] = `${out.at(-1)}, ${piece}`
    else out.push(piece)
    open += (raw.match(/[([]/g)?.length ?? 0) - (raw.match(/[)\]]/g)?.length ?? 0)
    if (open < 0) open = 0
  }
  return out.filter((s) => s !== '')
}

/**
 * The option texts of a comma-joined column: pieces that always stand together, in the same order,
 * in every answer that holds either ('Schoolgids, jaarboek' when no one ever chose one without the
 * other) are one option. Two real options always chosen together may end up as one: they are
 * then granted together, which is what every answer said.
 */
export function commaOptions(texts: readonly string[]): string[] {
  let lists = texts.map(commaPieces)
  for (let changed = true; changed;) {
    changed = false
    const seen = new Map<string, number>()
    const pairs = new Map<string, number>()
    for (const l of lists) {
      for (const p of l) seen.set(p, (seen.get(p) ?? 0) + 1)
      for (let i = 0; i + 1 < l.length; i++) pairs.set(`${l[i]}\u0000${l[i + 1]}`, (pairs.get(`${l[i]}\u0000${l[i + 1]}`) ?? 0) + 1)
    }
    for (const [pair, n] of pairs) {
      const [a, b] = pair.split('\u0000') as [string, string]
      if (seen.get(a) !== n || seen.get(b) !== n || /^[A-Z]/.test(b)) continue
      lists = lists.map((l) => l.flatMap((p, i) => (p === a && l[i + 1] === b ? [`${a}, ${b}`] : p === b && l[i - 1] === a ? [] : [p])))
      changed = true
      break
    }
  }
  return [...new Set(lists.flat())]
}

/**
 * Splits one answer into the options chosen. With `known` option texts (the column's, as the
 * mapping lists them), a comma-joined answer is cut at those texts first, longest first.
 */
export function answerItems(text: string, separator: string, known: readonly string[] = []): string[] {
  if (separator !== ',') {
    return text
      .split(separator === '\n' ? /\r?\n/ : separator)
      .map(tidy)
      .filter((s) => s !== '')
  }
  const withComma = known.filter((k) => k.includes(',')).sort((a, b) => b.length - a.length)
  const out: string[] = []
  let rest = tidy(text)
  while (rest !== '') {
    const whole = withComma.find((k) => rest === k || rest.startsWith(`${k},`))
    const piece = whole ?? commaPieces(rest)[0] ?? rest
    out.push(piece)
    rest = tidy(rest.slice(rest.indexOf(piece) + piece.length).replace(/^\s*,/, ''))
  }
  return out.filter((s) => s !== '')
}

// Turns the HTML of a mail into plain text. The HTML is never rendered: scripts, styles and
// every tag are dropped (so no remote image or link is ever fetched), entities are decoded.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€', eacute: 'é', euml: 'ë', iuml: 'ï', ouml: 'ö', uuml: 'ü', auml: 'ä', egrave: 'è', agrave: 'à', ccedil: 'ç' }

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return NAMED[name.toLowerCase()] ?? whole
  })
}

const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript'])
const BREAKS = new Set(['br', '/p', '/div', '/li', '/tr', '/h1', '/h2', '/h3', '/h4', '/h5', '/h6', '/blockquote', '/table'])

/**
 * Plain text of an HTML body: block ends become line breaks, the rest of the markup goes. One
 * pass with indexOf, never a backtracking pattern, so hostile markup (a million unclosed '<' or
 * '<script') costs time in proportion to its length; an unclosed tag or comment ends the text.
 */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase()
  const out: string[] = []
  let at = 0
  while (at < html.length) {
    const open = html.indexOf('<', at)
    if (open < 0) {
      out.push(html.slice(at))
      break
    }
    out.push(html.slice(at, open))
    if (lower.startsWith('<!--', open)) {
      const close = lower.indexOf('-->', open + 4)
      if (close < 0) break
      at = close + 3
      continue
    }
    const close = html.indexOf('>', open + 1)
    if (close < 0) break
    const name = /^\/?[a-z0-9]*/.exec(lower.slice(open + 1, Math.min(close, open + 20)))?.[0] ?? ''
    at = close + 1
    if (BREAKS.has(name)) out.push('\n')
    if (SKIPPED.has(name)) {
      const end = lower.indexOf(`</${name}`, at)
      if (end < 0) break
      const endClose = html.indexOf('>', end)
      if (endClose < 0) break
      at = endClose + 1
    }
  }
  return normaliseText(decodeEntities(out.join('')))
}

// Control, bidi and other invisible characters (the ones shared/safe-text.ts refuses in a text of several lines).
// oxlint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\uFFF9-\uFFFB\p{Cs}]/gu

/** Line breaks as \n, no control characters, at most one empty line in a row, no trailing spaces. */
export function normaliseText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(UNSAFE, '')
      // Trailing spaces per line, by splitting: a pattern like / +\n/ backtracks on a long run of spaces.
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}

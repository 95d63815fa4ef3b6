// Characters that have no place in a name or a line of text that ends up in a list, a vCard or a
// PDF: control characters (NUL, CR, LF, ...) that split a vCard or a CSV row, and the invisible
// bidi controls that make a reader show 'Jan' where the file says 'naJ'. Input refuses them
// (with a Dutch message); documents drop them, for data that came in before this check.

/** Bidi embeddings, overrides, isolates and marks; line and paragraph separators; BOM; annotations. */
const INVISIBLE = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\uFFF9-\uFFFB'

/** Every control character (also tab, CR, LF), the invisible ones above and lone surrogates. */
const UNSAFE_ONE_LINE = new RegExp(`[\\p{Cc}${INVISIBLE}\\p{Cs}]`, 'u')
/** The same, but a text of several lines may hold tabs and line breaks. */
const UNSAFE_MULTILINE = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${INVISIBLE}\\p{Cs}]`, 'u')

const UNSAFE_ALL = new RegExp(UNSAFE_ONE_LINE.source, 'gu')
const UNSAFE_INLINE_ALL = new RegExp(UNSAFE_MULTILINE.source, 'gu')

function describe(ch: string): string {
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') return 'een regeleinde (Enter)'
  if (ch === '\t') return 'een tab'
  if (/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(ch)) return `een onzichtbaar teken dat de leesrichting omdraait (${code})`
  return `een onzichtbaar stuurteken (${code})`
}

/**
 * Why `text` may not be saved as is, in Dutch, or undefined when it is fine. `multiline` allows
 * line breaks and tabs (a note, a letter's text). `where`: typed in a form, or a cell of an import.
 */
export function unsafeTextMessage(text: string, multiline = false, where: 'form' | 'import' = 'form'): string | undefined {
  const found = (multiline ? UNSAFE_MULTILINE : UNSAFE_ONE_LINE).exec(text)
  if (!found) return undefined
  const what = `Deze tekst bevat ${describe(found[0])}. Zo'n teken kan lijsten, vCards en PDF's verstoren.`
  if (where === 'import') return `${what} Deze rij wordt niet geïmporteerd. Typ de tekst in het bestand opnieuw (niet plakken) en importeer het bestand nog eens.`
  return `${what} Er is niets opgeslagen. Typ de tekst opnieuw in plaats van hem te plakken${multiline ? '' : ', op één regel'}.`
}

/** For a document: one line, without control and bidi characters (line breaks and tabs become a space). */
export function documentLine(text: string): string {
  return text.replace(/\r\n|[\r\n\t\u2028\u2029\v\f]/g, ' ').replace(UNSAFE_ALL, '')
}

/** For a document: paragraphs kept ('\n'), control and bidi characters dropped. */
export function documentText(text: string): string {
  return text.replace(/\r\n|[\r\u2028\u2029]/g, '\n').replace(UNSAFE_INLINE_ALL, '')
}

/** What Excel and LibreOffice take for the start of a formula, also in a CSV: = + - @, tab, CR. */
export const startsLikeFormula = (text: string): boolean => /^[=+\-@\t\r]/.test(text)

// Word wrapping done once for text that repeats on every page (the form's intro, rules and
// purpose descriptions): 500 forms then draw ready-made lines instead of wrapping 500 times.
// And text meant for one line that never loses a letter: it shrinks a little, then wraps.
import { documentLine, documentText } from '../../../shared/safe-text.ts'
import type { Doc } from './pdf-base.ts'

/** Splits `text` into lines no wider than `width` in the current font and size. */
export function wrapLines(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = []
  const space = doc.widthOfString(' ')
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/\s+/).filter(Boolean)
    if (words.length === 0) {
      lines.push('')
      continue
    }
    let line = ''
    let lineWidth = 0
    for (const word of words) {
      const w = doc.widthOfString(word)
      if (line !== '' && lineWidth + space + w > width) {
        lines.push(line)
        line = ''
        lineWidth = 0
      }
      if (line === '' && w > width) {
        // One word wider than the line (a long e-mail address): break it by characters.
        let part = ''
        for (const ch of word) {
          if (part !== '' && doc.widthOfString(part + ch) > width) {
            lines.push(part)
            part = ''
          }
          part += ch
        }
        line = part
        lineWidth = doc.widthOfString(part)
        continue
      }
      line = line === '' ? word : `${line} ${word}`
      lineWidth = line === word ? w : lineWidth + space + w
    }
    lines.push(line)
  }
  return lines
}

/**
 * `text` with its line breaks put in at spaces only, for pdfkit to draw as is: pdfkit itself also
 * breaks after a hyphen, and a reader (or pdftotext) then sees 'Bosch-' and 'Schimmelpenninck' as a
 * hyphenated word split in two, not as the double name it is.
 */
export function wrapAtSpaces(doc: Doc, text: string, width: number): string {
  return wrapLines(doc, documentText(text), width - 0.5).join('\n')
}

/**
 * Slack given to pdfkit for lines already wrapped, so that it never breaks one of them again
 * (pdfkit counts a word's trailing space against the line: more than a space at 19 pt).
 */
export const WRAP_SLACK = 8

/** Draws ready-made lines from (x, y); returns the y below the last line. */
export function drawLines(doc: Doc, lines: readonly string[], x: number, y: number, lineHeight: number): number {
  for (const line of lines) {
    if (line !== '') doc.text(line, x, y, { lineBreak: false })
    y += lineHeight
  }
  return y
}

/** The font size set on the document now. */
export const fontSizeOf = (doc: Doc): number => (doc as unknown as Record<string, number>)['_fontSize'] ?? 12

/** How far a line may shrink before it wraps instead. */
const MIN_SCALE = 0.7

/**
 * How `text` fits `width` in the current font: at this size, or smaller (to `minScale` of it) when
 * it is too wide, and wrapped over more lines at that smaller size only when even that is too wide.
 * Nothing is ever cut off.
 */
export function measureFit(doc: Doc, text: string, width: number, minScale = MIN_SCALE): { size: number; height: number; wraps: boolean } {
  const base = fontSizeOf(doc)
  const t = documentLine(text)
  const natural = doc.widthOfString(t)
  if (natural <= width) return { size: base, height: doc.currentLineHeight(), wraps: false }
  const size = Math.max(base * minScale, (base * width * 0.995) / natural)
  doc.fontSize(size)
  try {
    if (doc.widthOfString(t) <= width) return { size, height: doc.currentLineHeight(), wraps: false }
    return { size, height: wrapLines(doc, t, width).length * doc.currentLineHeight(true), wraps: true }
  } finally {
    doc.fontSize(base)
  }
}

/**
 * Text meant for one line (a name, a heading, a footer): drawn whole, smaller when it does not fit
 * and wrapped when it still does not, aligned by hand (pdfkit wraps at `width` even with
 * lineBreak: false). Returns the height used; the font size is left as it was.
 */
export function fitLine(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left', minScale = MIN_SCALE): number {
  const t = documentLine(text)
  const base = fontSizeOf(doc)
  const fit = measureFit(doc, t, width, minScale)
  doc.fontSize(fit.size)
  if (fit.wraps) doc.text(wrapAtSpaces(doc, t, width), x, y, { width: width + WRAP_SLACK, align, lineGap: 0 })
  else {
    const free = align === 'left' ? 0 : width - doc.widthOfString(t)
    doc.text(t, x + (align === 'right' ? free : align === 'center' ? free / 2 : 0), y, { lineBreak: false })
  }
  doc.fontSize(base)
  return fit.height
}

/** 'Marieke van der Berg (moeder)'; a relation that only repeats 'ouder/verzorger' is left out. */
export function guardianLabel(g: { name: string; relation: string }): string {
  const relation = g.relation.trim()
  return relation && !/^(ouder\/?verzorger|ouder|verzorger)$/i.test(relation) ? `${g.name} (${relation})` : g.name
}

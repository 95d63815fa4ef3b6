// Word wrapping done once for text that repeats on every page (the form's intro, rules and
// purpose descriptions): 500 forms then draw ready-made lines instead of wrapping 500 times.
import { documentLine } from '../../../shared/safe-text.ts'
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

/** Draws ready-made lines from (x, y); returns the y below the last line. */
export function drawLines(doc: Doc, lines: readonly string[], x: number, y: number, lineHeight: number): number {
  for (const line of lines) {
    if (line !== '') doc.text(line, x, y, { lineBreak: false })
    y += lineHeight
  }
  return y
}

/** `text` cut to fit `width` in the current font, ending in '…' when it had to be cut. */
export function fitText(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text
  const chars = [...text]
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (doc.widthOfString(`${chars.slice(0, mid).join('').trimEnd()}…`) <= width) lo = mid
    else hi = mid - 1
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`
}

/**
 * One line of text that never wraps (pdfkit wraps at `width` even with lineBreak: false):
 * cut to the width with '…', and aligned by hand.
 */
export function oneLine(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left'): void {
  const fitted = fitText(doc, documentLine(text), width)
  const w = align === 'left' ? 0 : width - doc.widthOfString(fitted)
  doc.text(fitted, x + (align === 'right' ? w : align === 'center' ? w / 2 : 0), y, { lineBreak: false })
}

/** 'Marieke van der Berg (moeder)'; a relation that only repeats 'ouder/verzorger' is left out. */
export function guardianLabel(g: { name: string; relation: string }): string {
  const relation = g.relation.trim()
  return relation && !/^(ouder\/?verzorger|ouder|verzorger)$/i.test(relation) ? `${g.name} (${relation})` : g.name
}

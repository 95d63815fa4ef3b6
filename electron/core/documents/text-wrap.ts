// Word wrapping done once for text that repeats on every page (the form's intro, rules and
// purpose descriptions): 500 forms then draw ready-made lines instead of wrapping 500 times.
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

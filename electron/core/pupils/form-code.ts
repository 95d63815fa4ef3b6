import { randomInt } from 'node:crypto'
import type { Db } from '../db/open.ts'
import { formCodeTaken } from './pupil-records.queries.ts'

// A short code printed on a pupil's consent form; typed back at the desk to find the pupil.
// No 0/O, 1/I/L, so it survives handwriting and OCR.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export function newFormCode(random: (n: number) => number = randomInt): string {
  let code = ''
  for (let i = 0; i < 6; i++) code += ALPHABET[random(ALPHABET.length)]
  return `TR-${code}`
}

/** A code no pupil and no form of a consent round has: one code, one form, everywhere. */
export function uniqueFormCode(db: Db): string {
  for (;;) {
    const code = newFormCode()
    if (!formCodeTaken(db, code)) return code
  }
}

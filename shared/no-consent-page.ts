// The Geen toestemming screen's own answer (consent.noConsentPage): the same list as
// consent.noConsentList in a compact form, so that a school of 10,000 (20,000 rows) reaches the
// screen quickly: each pupil's name and group once, and per purpose one number per row. Printing and
// the CSV/PDF keep the full rows. No zod here: the renderer decodes the rows with these helpers.
import type { Purpose } from './domain.ts'

/** A row's number: the pupil's place in `pupils` times 4, plus 1 when refused (else no answer), plus 2 when the parents differ. */
export const rowCode = (place: number, refused: boolean, conflict: boolean): number => place * 4 + (refused ? 1 : 0) + (conflict ? 2 : 0)
export const rowPlace = (code: number): number => Math.floor(code / 4)
export const rowRefused = (code: number): boolean => (code & 1) === 1
export const rowConflict = (code: number): boolean => (code & 2) === 2

export interface NoConsentPage {
  generatedAt: string
  schoolYear: string
  purposes: Purpose[]
  /** Group names, referred to by place from `pupils`. */
  groups: string[]
  /** The pupils on any of the lists, in list order: [pupil id, name as sorted ('Berg, Zoë van den'), place in `groups` or -1]. */
  pupils: [number, string, number][]
  /** Per purpose, in the order of `purposes`: its rows as row codes (rowCode), in group and name order. */
  rows: number[][]
}

// The benchmark's clock, seeds and files. No imports of the app here: a baseline's child process
// never loads the app, and the cold-start case loads this before it measures loading the core.
import { join } from 'node:path'

/** The tests' clock: a Sunday in November of school year 2026-2027. */
export const NOW = new Date('2026-11-22T09:30:00Z')
export const TODAY = NOW.toISOString().slice(0, 10)
export const STAFF = 'Bench-administratie'

const GRADES = ['1/2', '3', '4', '5', '6', '7', '8']
const letters = (n: number): string[] => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i))
/** 56 groups of about 27 pupils: 1/2a .. 8h. */
export const SCHOOL_GROUPS = GRADES.flatMap((g) => letters(8).map((l) => g + l))
/** A foundation of schools: 182 groups of about 55 pupils, 1/2a .. 8z. */
export const FOUNDATION_GROUPS = GRADES.flatMap((g) => letters(26).map((l) => g + l))

export const SCHOOL = { seed: 20261500, pupils: 1500, groups: SCHOOL_GROUPS }
export const REGISTER = { seed: 20261000, pupils: 10_000, groups: FOUNDATION_GROUPS }
export const EXPORT = { seed: 20262027, pupils: 10_000, groups: FOUNDATION_GROUPS }
/** The consent forms printed in one PDF: pupils 1 to 500 of the school. */
export const FORM_PUPILS = Array.from({ length: 500 }, (_, i) => i + 1)

export interface BenchFiles {
  dir: string
  /** OBS De Linde: 1,500 pupils in 56 groups; pupil 1 has 50 consent records. */
  school: string
  /** A foundation's register: 10,000 pupils in 182 groups. */
  register: string
  /** Set up, with a staff name, and no pupils: imports go into copies of it. */
  emptyRegister: string
  /** The foundation's export of 10,000 other pupils, as an enrolment workbook. */
  workbook: string
  /** The text of the 500 consent forms (JSON, string[][]): what the plain pdfkit baseline writes. */
  formsText: string
}

export const benchFiles = (dir: string): BenchFiles => ({
  dir,
  school: join(dir, 'school-1500.sqlite'),
  register: join(dir, 'register-10000.sqlite'),
  emptyRegister: join(dir, 'leeg.sqlite'),
  workbook: join(dir, 'stichting-10000.xlsx'),
  formsText: join(dir, 'formulieren-tekst.json'),
})

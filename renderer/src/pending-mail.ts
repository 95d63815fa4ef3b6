// A mail dropped on the Leerlingen list, waiting for the pupil page the user opens from the
// suggestions: that page reads it again for that pupil, by the same token (the core reads the file
// where it lies). Held in memory only, taken once.
import type { ChosenFile } from '../../shared/files.contract.ts'

export type MailFile = ChosenFile

let pending: { file: MailFile; pupilIds: number[] } | undefined

export function holdMailFor(file: MailFile, pupilIds: number[]): void {
  pending = { file, pupilIds }
}

/** The waiting mail, if it was suggested for this pupil; it is then no longer waiting. */
export function takeMailFor(pupilId: number): MailFile | undefined {
  if (!pending?.pupilIds.includes(pupilId)) return undefined
  const { file } = pending
  pending = undefined
  return file
}

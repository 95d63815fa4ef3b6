// A mail dropped on the Leerlingen list, waiting for the pupil page the user opens from the
// suggestions: that page reads it again for that pupil. Held in memory only, taken once.
export interface MailFile {
  fileName: string
  data: string
}

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

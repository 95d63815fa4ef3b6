// Files from outside (an import's spreadsheets, a backup to restore, a mail, a logo, scans, the scan of a
// signed form kept with an answer, a dossier's attachments) are read by the
// core where they lie. The renderer never sends their bytes and never names a path: it gets a
// token for a file that was chosen in main's open dialog (files.choose), dropped on the window
// (the preload turns the dropped File into its path, main registers it), or, in the web harness,
// uploaded once into the run's temp folder. The core keeps the tokens; a token it does not know
// (the core was started again) gives a Dutch message to choose the file again.
import { z } from 'zod'

export const FILE_PURPOSES = ['import', 'restore', 'mail', 'logo', 'scan', 'signedForm', 'dossier'] as const
export type FilePurpose = (typeof FILE_PURPOSES)[number]

export const UNKNOWN_FILE_MESSAGE = 'Het programma kent dit bestand niet meer (het is intussen opnieuw gestart). Er is niets gewijzigd. Kies het bestand opnieuw.'

export const fileTokenSchema = z.string().regex(/^f-[\w-]{16,64}$/, UNKNOWN_FILE_MESSAGE)

/** A chosen or dropped file as an input field: only its token (its bytes never travel). */
export const chosenFileSchema = z.strictObject({ token: fileTokenSchema })

export const filesSchemas = {
  /** Desktop only: main's open dialog, with the file types of `purpose`; several files for an import. */
  'files.choose': z.strictObject({ purpose: z.enum(FILE_PURPOSES) }),
} as const

/** A file the core may read: its token, its own name (no folder) and its size in bytes. */
export interface ChosenFile {
  token: string
  name: string
  size: number
}

export interface FilesOutputs {
  /** Empty when the dialog was cancelled. */
  'files.choose': { files: ChosenFile[] }
}

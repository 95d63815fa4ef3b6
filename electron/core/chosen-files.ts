// The files the core may read from outside, by token (see shared/files.contract.ts): main's open
// dialog, a file dropped on the window, or the web harness's upload registers a path here and the
// renderer gets only the token. So a page can never make the core read a path it made up. The
// tokens live as long as this core (a worker that is started again knows none).
import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../../shared/errors.ts'
import { UNKNOWN_FILE_MESSAGE, type ChosenFile, type FilePurpose } from '../../shared/files.contract.ts'
import type { CoreContext } from './context.ts'

interface Entry extends ChosenFile {
  path: string
}

/** Enough for a few hundred imports in one run; the oldest tokens go first. */
const MAX_TOKENS = 5000
const registries = new WeakMap<object, Map<string, Entry>>()

function registry(ctx: Pick<CoreContext, 'temp'>): Map<string, Entry> {
  // Keyed by the temp folder: one per core, and the same object when a restore swaps the database.
  let map = registries.get(ctx.temp)
  if (!map) {
    map = new Map()
    registries.set(ctx.temp, map)
  }
  return map
}

export const FILE_GONE_MESSAGE = (name: string): string => `Het bestand '${name}' is niet meer te lezen: het is verplaatst, hernoemd of verwijderd. Er is niets gewijzigd. Kies het bestand opnieuw.`

/** A path the host vouches for (its dialog, a drop, an upload) -> a token; `name` defaults to the file's own name. */
export function registerChosenFile(ctx: Pick<CoreContext, 'temp'>, path: string, name = basename(path)): ChosenFile {
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new AppError('validation', `'${basename(path)}' is geen bestand. Er is niets gewijzigd. Kies een bestand.`)
    size = stat.size
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('io', FILE_GONE_MESSAGE(basename(path)))
  }
  const map = registry(ctx)
  const token = `f-${randomBytes(18).toString('base64url')}`
  map.set(token, { token, name, size, path })
  while (map.size > MAX_TOKENS) map.delete(map.keys().next().value as string)
  return { token, name, size }
}

/** What a token stands for; an unknown token is the Dutch 'choose it again'. */
export function chosenFile(ctx: Pick<CoreContext, 'temp'>, token: string): Entry {
  const entry = registry(ctx).get(token)
  if (!entry) throw new AppError('not_found', UNKNOWN_FILE_MESSAGE)
  return entry
}

/**
 * The file's bytes, read where it lies; `tooLarge` (nothing read) when it is over `maxBytes` now.
 * Read through one descriptor, so what is measured is what is read.
 */
export function readChosenFile(entry: Entry, maxBytes: number): { bytes: Uint8Array } | { tooLarge: number } {
  let fd: number
  try {
    fd = openSync(entry.path, 'r')
  } catch {
    throw new AppError('io', FILE_GONE_MESSAGE(entry.name))
  }
  try {
    const size = fstatSync(fd).size
    if (size > maxBytes) return { tooLarge: size }
    const bytes = new Uint8Array(size)
    let at = 0
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at)
      if (n === 0) break
      at += n
    }
    return { bytes: at === size ? bytes : bytes.subarray(0, at) }
  } finally {
    closeSync(fd)
  }
}

/** The open dialog's title and file types per purpose. */
export const CHOOSE: Record<FilePurpose, { title: string; multiple: boolean; filters: { name: string; extensions: string[] }[] }> = {
  import: { title: 'Inschrijfformulieren kiezen', multiple: true, filters: [{ name: 'Excel, LibreOffice of CSV', extensions: ['xlsx', 'xlsm', 'xls', 'ods', 'csv'] }] },
  restore: { title: 'Reservekopie of database terugzetten', multiple: false, filters: [{ name: 'Database van Toestemmingsregister', extensions: ['sqlite', 'db'] }] },
  mail: { title: 'E-mail kiezen', multiple: false, filters: [{ name: 'E-mail (.eml) of Outlook-bericht (.msg)', extensions: ['eml', 'msg'] }] },
  logo: { title: 'Logo kiezen', multiple: false, filters: [{ name: 'Afbeelding (PNG of JPEG)', extensions: ['png', 'jpg', 'jpeg'] }] },
  scan: { title: 'Scans van teruggekomen formulieren kiezen', multiple: true, filters: [{ name: 'Scan (PDF, JPEG, PNG of TIFF)', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] }] },
  signedForm: { title: 'Scan van het ondertekende formulier kiezen', multiple: false, filters: [{ name: 'Scan of foto (PDF, JPG of PNG)', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }] },
  dossier: { title: 'Bijlagen voor het dossier kiezen', multiple: true, filters: [{ name: 'PDF, JPG of PNG', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }] },
}

/** files.choose: main's open dialog; every chosen path gets a token. */
export async function chooseFiles(ctx: CoreContext, purpose: FilePurpose): Promise<{ files: ChosenFile[] }> {
  const desktop = ctx.desktop
  if (!desktop?.chooseOpenPaths) throw new AppError('validation', 'Kies het bestand hier met de knop of sleep het hierheen; het venster om te kiezen is er alleen in het programma zelf.')
  const { title, multiple, filters } = CHOOSE[purpose]
  const paths = await desktop.chooseOpenPaths(title, filters, multiple)
  return { files: paths.map((p) => registerChosenFile(ctx, p)) }
}

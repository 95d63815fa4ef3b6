// Files the user chose or dropped (also whole folders) -> tokens the core reads them by (api.ts:
// the desktop app passes their paths, the harness uploads them once). No file is read here.
import type { Result } from '../../../../shared/errors.ts'
import type { ChosenFile as TokenFile } from '../../../../shared/files.contract.ts'
import { registerFiles } from '../../api.ts'

export interface ChosenFile extends TokenFile {
  /** Stable across re-renders and re-analyses: the name, size and date of the file (or its token). */
  id: string
}

/** Files in a dropped or chosen folder that could be enrolment forms; lock files and hidden files are left out. */
const IMPORTABLE = /\.(xlsx|xlsm|xls|ods|csv)$/i
const isImportable = (name: string): boolean => IMPORTABLE.test(name) && !/^(~\$|\.)/.test(name.replace(/^.*\//, ''))

interface Picked {
  file: File
  /** The path inside a dropped folder ('inschrijvingen/zoe.xlsx'), or the file's own name. */
  path: string
}

export async function readChosen(picked: readonly Picked[]): Promise<Result<ChosenFile[]>> {
  const r = await registerFiles(picked.map(({ file, path }) => ({ file, name: path })))
  if (!r.ok) return r
  return { ok: true, value: r.value.map((f, i) => ({ ...f, id: `${picked[i]?.path}\n${picked[i]?.file.size}\n${picked[i]?.file.lastModified}` })) }
}

/** Files chosen in main's open dialog (desktop app): already tokens. */
export const fromDialog = (files: readonly TokenFile[]): ChosenFile[] => files.map((f) => ({ ...f, id: f.token }))

/** From a file input: with `webkitdirectory` the files carry their folder path and are filtered like a dropped folder. */
export function pickedFromInput(list: FileList | null): Picked[] {
  return [...(list ?? [])].flatMap((file) => {
    const path = file.webkitRelativePath || file.name
    if (file.webkitRelativePath && !isImportable(path)) return []
    return [{ file, path }]
  })
}

function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader()
  const all: FileSystemEntry[] = []
  return new Promise((resolve, reject) => {
    // readEntries hands them out in portions until it returns an empty one.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all)
        all.push(...batch)
        next()
      }, reject)
    next()
  })
}

async function pickedFromEntry(entry: FileSystemEntry, inFolder: boolean): Promise<Picked[]> {
  if (entry.isFile) {
    const path = entry.fullPath.replace(/^\//, '') || entry.name
    if (inFolder && !isImportable(path)) return []
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    return [{ file, path }]
  }
  if (!entry.isDirectory) return []
  const children = await entriesOf(entry as FileSystemDirectoryEntry)
  children.sort((a, b) => a.name.localeCompare(b.name, 'nl', { numeric: true }))
  return (await Promise.all(children.map((c) => pickedFromEntry(c, true)))).flat()
}

/**
 * What was dropped: files as they are (a wrong one gets its message), folders searched for
 * spreadsheets. The entries must be taken while the drop event runs; reading them may come later.
 */
export function pickedFromDrop(transfer: DataTransfer): Promise<Picked[]> {
  const entries = [...transfer.items].flatMap((item) => {
    const entry = item.kind === 'file' && typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null
    return entry ? [entry] : []
  })
  if (entries.length === 0) return Promise.resolve([...transfer.files].map((file) => ({ file, path: file.name })))
  return Promise.all(entries.map((e) => pickedFromEntry(e, false))).then((lists) => lists.flat())
}

export { sizeText } from '../../components/file-size.ts'

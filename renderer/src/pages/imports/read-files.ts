// Files the user chose or dropped (also whole folders) -> what imports.* takes: { name, data, size }.
// A file over the size limit is not read: it travels with data '' and its size, and gets its own message.
import { MAX_IMPORT_FILE_BYTES, type ImportFileInput } from '../../../../shared/imports.contract.ts'
import { readFileBase64 } from '../../components/fields.tsx'

export interface ChosenFile extends ImportFileInput {
  /** Stable across re-renders and re-analyses: the name, size and date of the file. */
  id: string
  size: number
}

/** Files in a dropped or chosen folder that could be enrolment forms; lock files and hidden files are left out. */
const IMPORTABLE = /\.(xlsx|xlsm|xls|ods|csv)$/i
const isImportable = (name: string): boolean => IMPORTABLE.test(name) && !/^(~\$|\.)/.test(name.replace(/^.*\//, ''))

interface Picked {
  file: File
  /** The path inside a dropped folder ('inschrijvingen/zoe.xlsx'), or the file's own name. */
  path: string
}

export async function readChosen(picked: readonly Picked[]): Promise<ChosenFile[]> {
  return Promise.all(
    picked.map(async ({ file, path }) => ({
      id: `${path}\n${file.size}\n${file.lastModified}`,
      name: path,
      size: file.size,
      data: file.size > MAX_IMPORT_FILE_BYTES ? '' : await readFileBase64(file),
    })),
  )
}

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

export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} kB`
}

// The Windows side of dist:check, through resedit (the PE library electron-builder itself uses):
// the stand-in electron.exe, and reading back what electron-builder wrote into the packed .exe
// (scripts/dist-check.ts makes the stand-in, tests/unit/dist.test.ts reads the packed one).
// resedit is loaded untyped: its type declarations pull the DOM library into the whole project.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

interface ResourceEntry {
  type: string | number
  id: string | number
  lang: string | number
  bin: ArrayBuffer
}
interface Executable {
  setExtraData(bin: Buffer): void
  generate(): ArrayBuffer
}
interface VersionInfo {
  lang: number
  setStringValues(lang: { lang: number; codepage: number }, values: Record<string, string>): void
  getStringValues(lang: { lang: number; codepage: number }): Record<string, string>
  outputToResourceEntries(entries: ResourceEntry[]): void
}
interface ResEdit {
  NtExecutable: { createEmpty(is32Bit: boolean, isDll: boolean): Executable; from(bin: Buffer): Executable }
  NtExecutableResource: { from(exe: Executable): { entries: ResourceEntry[]; outputResource(exe: Executable): void } }
  Resource: { VersionInfo: { createEmpty(): VersionInfo; fromEntries(entries: ResourceEntry[]): VersionInfo[] } }
}

const resedit = createRequire(import.meta.url)('resedit') as ResEdit
const ENGLISH = { lang: 1033, codepage: 1200 }

/** An empty 64-bit PE with the version info electron-builder edits, and `tail` after its sections. */
export function emptyExecutable(tail: Buffer): Buffer {
  const exe = resedit.NtExecutable.createEmpty(false, false)
  const resources = resedit.NtExecutableResource.from(exe)
  const version = resedit.Resource.VersionInfo.createEmpty()
  version.lang = ENGLISH.lang
  version.setStringValues(ENGLISH, { ProductName: 'Electron', FileDescription: 'Stand-in made by npm run dist:check' })
  version.outputToResourceEntries(resources.entries)
  resources.outputResource(exe)
  exe.setExtraData(tail)
  return Buffer.from(exe.generate())
}

/** What Electron reads from a packed .exe: the asar integrity list, and the version strings. */
export function packedExeInfo(path: string): { integrity: unknown; version: Record<string, string> | undefined } {
  const entries = resedit.NtExecutableResource.from(resedit.NtExecutable.from(readFileSync(path))).entries
  const integrity = entries.find((e) => e.type === 'INTEGRITY' && e.id === 'ELECTRONASAR')
  const [version] = resedit.Resource.VersionInfo.fromEntries(entries)
  return {
    integrity: integrity ? JSON.parse(Buffer.from(integrity.bin).toString('utf8')) : undefined,
    version: version?.getStringValues(ENGLISH),
  }
}

// Files (chosen by token and read where they lie, or bytes from a script) -> read (with a small
// cache by content) -> layouts with mappings -> imported pupils and row errors. No writes.
import { createHash } from 'node:crypto'
import { localIsoDate, type Purpose } from '../../../shared/domain.ts'
import {
  columnTargetSchema,
  fileTooLargeMessage,
  MAX_IMPORT_FILE_BYTES,
  type ImportFileInfo,
  type ImportFileInput,
  type ImportLayout,
  type ImportProgress,
  type LayoutMapping,
  type SheetLayout,
} from '../../../shared/imports.contract.ts'
import { chosenFile, readChosenFile } from '../chosen-files.ts'
import type { CoreContext } from '../context.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { buildLayouts, convertRecords, detectSheets, FILE_MESSAGES, fileInfo, type Converted, type PreparedFile } from './analyze.ts'
import { readWorkbook, type ReadResult } from './read.ts'
import { sessionFiles } from './sessions.ts'
import { rememberedMapping, rememberMapping } from './imports.queries.ts'

export interface Prepared {
  purposes: Purpose[]
  files: PreparedFile[]
  layouts: ImportLayout[]
  infos: ImportFileInfo[]
  converted: Converted
}

const cache = new Map<string, ReadResult>()
const CACHE_ENTRIES = 8
const CACHE_BYTES = 80 * 1024 * 1024
let cachedBytes = 0
const cachedSize = new Map<string, number>()

async function readCached(name: string, sha: string, bytes: Uint8Array): Promise<ReadResult> {
  const hit = cache.get(sha)
  if (hit) {
    cache.delete(sha)
    cache.set(sha, hit)
    return hit
  }
  const read = await readWorkbook(name, bytes)
  if (bytes.length > CACHE_BYTES) return read
  cache.set(sha, read)
  cachedSize.set(sha, bytes.length)
  cachedBytes += bytes.length
  while (cache.size > CACHE_ENTRIES || cachedBytes > CACHE_BYTES) {
    const oldest = cache.keys().next().value as string
    cache.delete(oldest)
    cachedBytes -= cachedSize.get(oldest) ?? 0
    cachedSize.delete(oldest)
  }
  return read
}

/** Forget every read workbook (benchmarks measure the reading too). */
export function clearReadCache(): void {
  lastPrepared = new WeakMap()
  cache.clear()
  cachedSize.clear()
  cachedBytes = 0
}

const refused = (error: string): ReadResult => ({ ok: false, error })

/** One file as it came: its bytes, or why there are none (too large, gone). */
type Source = { name: string; size: number } & ({ bytes: Uint8Array } | { error: string })

/** Checks doubles and reads every file; one bad file never stops the others. */
async function readSources(sources: readonly Source[], onProgress?: (p: ImportProgress) => void): Promise<PreparedFile[]> {
  const seen = new Map<string, string>()
  const out: PreparedFile[] = []
  for (const [index, f] of sources.entries()) {
    onProgress?.({ phase: 'read', done: index, total: sources.length })
    if ('error' in f) {
      out.push({ index, name: f.name, size: f.size, sha256: null, read: refused(f.error), sheets: [], error: f.error })
      continue
    }
    const { bytes } = f
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const base = { index, name: f.name, size: bytes.length, sha256 }
    const earlier = seen.get(sha256)
    if (earlier !== undefined && bytes.length > 0) {
      out.push({ ...base, read: refused(FILE_MESSAGES.sameFile(earlier)), sheets: [], error: FILE_MESSAGES.sameFile(earlier) })
      continue
    }
    seen.set(sha256, f.name.replace(/^.*[\\/]/, ''))
    const read = await readCached(f.name, sha256, bytes)
    out.push({ ...base, read, sheets: [], ...(read.ok ? {} : { error: read.error }) })
  }
  onProgress?.({ phase: 'read', done: sources.length, total: sources.length })
  return out
}

/** Files as bytes from a script or test (base64): decoded and read for this call. */
export function loadFiles(files: readonly ImportFileInput[], onProgress?: (p: ImportProgress) => void): Promise<PreparedFile[]> {
  return readSources(
    files.map((f): Source => {
      const declared = f.size ?? Math.floor((f.data.length * 3) / 4)
      if (declared > MAX_IMPORT_FILE_BYTES) return { name: f.name, size: declared, error: fileTooLargeMessage(declared) }
      return { name: f.name, size: declared, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) }
    }),
    onProgress,
  )
}

/** Chosen files by token, read where they lie; a file that is too large or gone gets its message, the others go on. */
export function loadChosenFiles(ctx: CoreContext, tokens: readonly string[], onProgress?: (p: ImportProgress) => void): Promise<PreparedFile[]> {
  const entries = tokens.map((t) => chosenFile(ctx, t)) // an unknown token fails the whole call: choose again
  return readSources(
    entries.map((entry): Source => {
      try {
        const r = readChosenFile(entry, MAX_IMPORT_FILE_BYTES)
        return 'bytes' in r ? { name: entry.name, size: r.bytes.length, bytes: r.bytes } : { name: entry.name, size: r.tooLarge, error: fileTooLargeMessage(r.tooLarge) }
      } catch (e) {
        return { name: entry.name, size: entry.size, error: e instanceof Error ? e.message : String(e) }
      }
    }),
    onProgress,
  )
}

/** Remembered mappings: the last one used for a file with the same headers. */
export function rememberedMappings(ctx: CoreContext): (signature: string) => LayoutMapping | undefined {
  return (signature) => {
    const json = rememberedMapping(ctx.db, signature)
    if (!json) return undefined
    try {
      const columns = (JSON.parse(json) as { key: unknown; target: unknown }[]).flatMap((c) => {
        const target = columnTargetSchema.safeParse(c.target)
        return typeof c.key === 'string' && target.success ? [{ key: c.key, target: target.data }] : []
      })
      return { signature, columns }
    } catch {
      return undefined
    }
  }
}

export function saveMappings(ctx: CoreContext, layouts: readonly ImportLayout[], actor: string): void {
  for (const l of layouts) rememberMapping(ctx.db, l.signature, l.layout, JSON.stringify(l.columns.map((c) => ({ key: c.key, target: c.target }))), ctx.now().toISOString(), actor)
}

export async function prepareImport(
  ctx: CoreContext,
  input: { session?: string | undefined; files?: readonly ImportFileInput[] | undefined; mappings?: readonly LayoutMapping[]; sheetLayouts?: readonly SheetLayout[] },
  onProgress?: (p: ImportProgress) => void,
): Promise<Prepared> {
  const purposes = listPurposes(ctx.db)
  const refs = purposes.map((p) => ({ code: p.code, label: p.label }))
  const files = input.session !== undefined ? sessionFiles(ctx, input.session) : await loadFiles(input.files ?? [], onProgress)
  // The wizard sends the same files for preview and then commit: the second time, reuse the work.
  const key = JSON.stringify([files.map((f) => [f.name, f.sha256, f.size]), input.mappings ?? [], input.sheetLayouts ?? [], purposes.map((p) => [p.code, p.label, p.version]), localIsoDate(ctx.now())])
  const memo = lastPrepared.get(ctx.db)
  if (memo?.key === key) return memo.prepared
  for (const f of files) {
    if (f.error || !f.read.ok) continue
    const read = f.read
    const chosen = (input.sheetLayouts ?? []).filter((c) => c.file === f.index)
    f.sheets = detectSheets(read, refs, (i) => chosen.find((c) => c.sheet === read.sheets[i]?.name)?.layout)
    if (f.sheets.every((s) => s.note === 'leeg blad')) f.error = FILE_MESSAGES.empty
    else if (f.sheets.every((s) => s.detected === null)) f.error = FILE_MESSAGES.noLayout
  }
  const layouts = buildLayouts(files, refs, rememberedMappings(ctx), input.mappings ?? [])
  const total = files.reduce((n, f) => n + f.sheets.reduce((m, s) => m + (s.detected?.records.length ?? 0), 0), 0)
  const converted = convertRecords(files, layouts, refs, localIsoDate(ctx.now()), (done) => onProgress?.({ phase: 'check', done, total }))
  for (const f of files) {
    if (f.error || (converted.rowsPerFile.get(f.index) ?? 0) > 0) continue
    const first = f.sheets.find((s) => s.detected)
    f.error = first?.detected?.layout === 'form' ? FILE_MESSAGES.blankForm : FILE_MESSAGES.headersOnly(first?.detected?.headerRow ?? 1, first?.name ?? '')
  }
  const infos = files.map((f) => fileInfo(f, layouts))
  const prepared = { purposes, files, layouts, infos, converted }
  lastPrepared.set(ctx.db, { key, prepared })
  return prepared
}

let lastPrepared = new WeakMap<object, { key: string; prepared: Prepared }>()

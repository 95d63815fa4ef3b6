// `import` from the terminal: the same preview and commit as the wizard, for scripting and for
// checking the import with files no one here wrote. Prints one JSON object (see IMPORT_HELP).
// Through the core's worker like the other doors: the terminal vouches for the files it names
// (registered by path, as main does for its dialog), one session reads them, then preview or commit.
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { Result } from '../../shared/errors.ts'
import type { ChosenFile } from '../../shared/files.contract.ts'
import type { ImportCommitResult, ImportPreview, ImportProgress } from '../../shared/imports.contract.ts'
import { call } from '../core/call.ts'
import type { CoreHost } from '../core/worker-host.ts'

export const IMPORT_OPTIONS = {
  commit: { type: 'boolean' },
  json: { type: 'boolean' },
} as const

export const IMPORT_HELP = `  import [--commit] [--staff NAAM] [--json] BESTAND|MAP ...
                                lees inschrijfformulieren (.xlsx, .csv; een map: alle bestanden erin)
                                en toon per leerling nieuw/gewijzigd/ongewijzigd en de fouten per rij;
                                zonder --commit wordt niets opgeslagen. Uitvoer: één JSON-object met
                                files (per bestand en blad: layout 'table' of 'form', rows, found),
                                pupils, rowErrors, duplicates en summary
`

const IMPORTABLE = new Set(['.xlsx', '.xlsm', '.csv', '.txt', '.xls', '.ods'])

interface Args {
  values: Record<string, unknown>
  positionals: string[]
}

/** Without --commit nothing is written: a database that does not exist yet is not created for a preview. */
export function importDbPath(dbPath: string, commit: boolean): string {
  return !commit && !existsSync(dbPath) ? ':memory:' : dbPath
}

type Source = { path: string } | { path: string; error: string }

function collect(paths: readonly string[]): Source[] {
  const out: Source[] = []
  for (const path of paths) {
    let stat
    try {
      stat = statSync(path)
    } catch {
      out.push({ path, error: `Het bestand ${path} bestaat niet. Controleer de naam en de map.` })
      continue
    }
    if (stat.isDirectory()) {
      const inside = readdirSync(path)
        .filter((f) => IMPORTABLE.has(extname(f).toLowerCase()) && !f.startsWith('~$') && !f.startsWith('.'))
        .sort()
      if (inside.length === 0) out.push({ path, error: `In de map ${path} staan geen Excel- of CSV-bestanden.` })
      out.push(...collect(inside.map((f) => join(path, f))))
      continue
    }
    out.push({ path }) // read by the core (a file too large or unreadable gets its message there)
  }
  return out
}

function progressBar(err: { write(s: string): unknown; isTTY?: boolean }): ((p: ImportProgress) => void) | undefined {
  if (!err.isTTY) return undefined
  const words = { read: 'Lezen', check: 'Controleren', backup: 'Reservekopie', write: 'Opslaan' }
  let last = ''
  return (p) => {
    const pct = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0
    const line = `${words[p.phase].padEnd(13)} [${'#'.repeat(Math.round(pct / 5)).padEnd(20)}] ${String(pct).padStart(3)}%`
    if (line !== last) err.write(`\r${line}`)
    last = line
    if (p.phase === 'write' && pct === 100) err.write('\n')
  }
}

/** The JSON the CLI prints: the preview in the shape scripts rely on. */
function toJson(preview: ImportPreview, paths: readonly string[], failed: Map<number, string>, extra: Record<string, unknown>): Record<string, unknown> {
  const total = paths.length
  const byService = new Map(preview.files.map((f) => [f.index, f]))
  const serviceIndex: number[] = []
  for (let i = 0; i < total; i++) if (!failed.has(i)) serviceIndex.push(i)
  const pathOf = (serviceFileIndex: number): string => paths[serviceIndex[serviceFileIndex] ?? 0] ?? ''
  const files = paths.map((file, i) => {
    const error = failed.get(i)
    if (error !== undefined) return { file, ok: false, error, layout: null, rows: 0, found: error, sheets: [], ignoredColumns: [] }
    const f = byService.get(serviceIndex.indexOf(i))
    const used = f?.sheets.filter((s) => s.layout !== null) ?? []
    const kinds = new Set(used.map((s) => s.layout))
    return {
      file,
      ok: f?.ok ?? false,
      ...(f?.error !== undefined ? { error: f.error } : {}),
      // 'table' or 'form'; 'mixed' when the sheets differ; null when nothing was found.
      layout: kinds.size === 0 ? null : kinds.size === 1 ? used[0]?.layout : 'mixed',
      rows: used.reduce((n, s) => n + s.rows, 0),
      found: f?.found ?? '',
      sheets: (f?.sheets ?? []).map((s) => ({ sheet: s.sheet, layout: s.layout, rows: s.rows, found: s.found })),
      ignoredColumns: f?.ignoredColumns ?? [],
    }
  })
  return {
    files,
    pupils: preview.pupils.map((p) => ({
      file: pathOf(p.fileIndex),
      row: p.row,
      studentNumber: p.studentNumber,
      firstName: p.firstName,
      lastNamePrefix: p.lastNamePrefix,
      lastName: p.lastName,
      birthDate: p.birthDate,
      group: p.group,
      guardians: p.guardians.map((g) => ({ name: g.name, email: g.email, phone: g.phone })),
      consents: p.consents,
      status: p.status,
    })),
    rowErrors: preview.rowErrors.map((e) => ({ file: pathOf(e.fileIndex), row: e.row, message: e.message })),
    duplicates: preview.duplicates,
    summary: { ...preview.summary, files: total, filesFailed: files.filter((f) => !f.ok).length, ...extra },
  }
}

type Door = Pick<CoreHost, 'dispatch' | 'registerFile' | 'onProgress'>

export async function runImportCommand(door: Door, args: Args, usage: (message: string) => never, err: { write(s: string): unknown; isTTY?: boolean }): Promise<Result<unknown>> {
  const paths = args.positionals.slice(1)
  if (paths.length === 0) usage('Noem een of meer bestanden of mappen om te importeren, bijv. import --json aanmeldingen.xlsx')
  const sources = collect(paths)
  const failed = new Map<number, string>()
  const tokens: string[] = []
  for (const [i, s] of sources.entries()) {
    if ('error' in s) {
      failed.set(i, s.error)
      continue
    }
    const chosen = JSON.parse(await door.registerFile(s.path, s.path)) as Result<ChosenFile>
    if (chosen.ok) tokens.push(chosen.value.token)
    else failed.set(i, chosen.error.message)
  }
  const all = sources.map((s) => s.path)
  if (tokens.length === 0) {
    const empty: ImportPreview = {
      generatedAt: new Date().toISOString(),
      files: [],
      pupils: [],
      rowErrors: [],
      duplicates: [],
      summary: { files: 0, filesFailed: 0, pupils: 0, new: 0, changed: 0, unchanged: 0, skipped: 0, rowErrors: 0, duplicates: 0, consentChanges: 0, guardiansNew: 0 },
    }
    return { ok: true, value: toJson(empty, all, failed, { committed: false, batchId: null }) }
  }
  const progressId = `p-cli-${randomUUID()}`
  const bar = progressBar(err)
  const stop = bar ? door.onProgress((e) => e.progressId === progressId && e.running && e.phase && bar({ phase: e.phase as ImportProgress['phase'], done: e.done, total: e.total })) : () => undefined
  try {
    const opened = await call(door, 'imports.open', { files: tokens.map((token) => ({ token })), progressId })
    if (!opened.ok) return opened
    const session = (opened.value as { session: string }).session
    if (args.values.commit !== true) {
      const preview = await call(door, 'imports.preview', { session, progressId })
      if (!preview.ok) return preview
      return { ok: true, value: toJson(preview.value as ImportPreview, all, failed, { committed: false, batchId: null }) }
    }
    const done = await call(door, 'imports.commit', { session, progressId })
    if (!done.ok) return done
    const result = done.value as ImportCommitResult
    return { ok: true, value: toJson(result.preview, all, failed, { committed: result.batch !== null, batchId: result.batch?.id ?? null, backupPath: result.backupPath, message: result.message }) }
  } finally {
    stop()
  }
}

// The only file in the renderer that knows the transport: Electron's preload when present,
// the web harness (tests and development) otherwise. In the desktop app the progress of long
// jobs arrives as events (the preload's onProgress); a page's progress question is answered here,
// from the last event, without a call to the core, which is busy with that very job. Files the
// user picks or drops become tokens here (registerFiles): in the desktop app the preload hands
// main the file's path, in the harness the bytes are uploaded once; the core reads them by token.
import type { ApiInput, ApiOutput, Invoke, Method } from '../../shared/api.ts'
import type { ErrorInfo, Result } from '../../shared/errors.ts'
import type { ChosenFile } from '../../shared/files.contract.ts'
import type { ImportProgress } from '../../shared/imports.contract.ts'

declare global {
  interface Window {
    api?: {
      invoke: (method: string, input: unknown) => Promise<Result<unknown>>
      onProgress?: (listener: (event: unknown) => void) => void
      registerFile?: (file: File, name: string) => Promise<Result<ChosenFile>>
    }
  }
}

/** What the core sends while a job runs (electron/core/progress.ts). */
interface ProgressEvent {
  progressId: string
  done: number
  total: number
  phase?: string
  running: boolean
}

const isProgressEvent = (e: unknown): e is ProgressEvent =>
  typeof e === 'object' && e !== null && typeof (e as ProgressEvent).progressId === 'string' && typeof (e as ProgressEvent).done === 'number' && typeof (e as ProgressEvent).total === 'number'

/** The last event of every job that runs now. */
const latest = new Map<string, ProgressEvent>()

/** imports.progress, scan.progress and documents.progress, answered from the events; undefined for any other call. */
function fromEvents(method: string, input: unknown): Result<unknown> | undefined {
  if (method !== 'imports.progress' && method !== 'scan.progress' && method !== 'documents.progress') return undefined
  const e = latest.get(String((input as { progressId?: unknown } | null)?.progressId))
  if (method === 'documents.progress') return { ok: true, value: { done: e?.done ?? 0, total: e?.total ?? 0, running: e !== undefined } }
  return { ok: true, value: { phase: (e?.phase as ImportProgress['phase'] | undefined) ?? null, done: e?.done ?? 0, total: e?.total ?? 0, running: e !== undefined } }
}

function harnessToken(): string {
  const fromHash = /token=([\w-]+)/.exec(location.hash)?.[1]
  if (fromHash) {
    sessionStorage.setItem('harness-token', fromHash)
    history.replaceState(null, '', location.pathname + location.search)
    return fromHash
  }
  return sessionStorage.getItem('harness-token') ?? ''
}

const NO_CONNECTION: ErrorInfo = { code: 'io', message: 'Het programma reageert niet. Sluit het venster en start opnieuw.' }

function harnessInvoke(): Invoke {
  const token = harnessToken()
  return async (method, input) => {
    try {
      const res = await fetch('/api', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Harness-Token': token },
        body: JSON.stringify({ method, input }),
      })
      if (!res.ok) return { ok: false, error: NO_CONNECTION }
      return (await res.json()) as never
    } catch {
      return { ok: false, error: NO_CONNECTION }
    }
  }
}

function desktopInvoke(api: NonNullable<Window['api']>): Invoke {
  const events = typeof api.onProgress === 'function'
  if (events)
    api.onProgress?.((e) => {
      if (!isProgressEvent(e)) return
      if (e.running) latest.set(e.progressId, e)
      else latest.delete(e.progressId)
    })
  return (method, input) => {
    const answered = events ? fromEvents(method, input) : undefined
    return (answered ? Promise.resolve(answered) : api.invoke(method, input)) as never
  }
}

const electronApi = window.api
export const invoke: Invoke = electronApi ? desktopInvoke(electronApi) : harnessInvoke()

/** In the desktop app files are chosen in main's open dialog (files.choose); the harness has only the browser's file input. */
export const choosesInMain = electronApi !== undefined

const UPLOAD_FAILED: ErrorInfo = { code: 'io', message: 'Het bestand kon niet aan het programma worden gegeven. Er is niets gewijzigd. Kies het bestand opnieuw.' }

async function upload(file: File, name: string): Promise<Result<ChosenFile>> {
  try {
    const res = await fetch('/upload', { method: 'POST', headers: { 'X-Harness-Token': harnessToken(), 'X-File-Name': encodeURIComponent(name) }, body: file })
    const answer = (await res.json().catch(() => undefined)) as Result<ChosenFile> | undefined
    return answer && typeof answer.ok === 'boolean' ? answer : { ok: false, error: UPLOAD_FAILED }
  } catch {
    return { ok: false, error: UPLOAD_FAILED }
  }
}

/** Files the user picked or dropped (`name`: as shown, e.g. with its folder) -> tokens the core reads them by; the first failure ends it. */
export async function registerFiles(picked: readonly { file: File; name: string }[]): Promise<Result<ChosenFile[]>> {
  const out: ChosenFile[] = []
  for (const { file, name } of picked) {
    const r = electronApi?.registerFile ? await electronApi.registerFile(file, name) : await upload(file, name)
    if (!r.ok) return r
    out.push(r.value)
  }
  return { ok: true, value: out }
}

/** Calls a method and throws its Dutch error, for code paths that show errors in one place. */
export class ApiError extends Error {
  readonly info: ErrorInfo
  constructor(info: ErrorInfo) {
    super(info.message)
    this.info = info
  }
}

export async function call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await invoke(method, input)
  if (!result.ok) throw new ApiError(result.error)
  return result.value
}

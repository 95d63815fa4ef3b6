// The only file in the renderer that knows the transport: Electron's preload when present,
// the web harness (tests and development) otherwise. In the desktop app the progress of long
// jobs arrives as events (the preload's onProgress); a page's progress question is answered here,
// from the last event, without a call to the core, which is busy with that very job.
import type { ApiInput, ApiOutput, Invoke, Method } from '../../shared/api.ts'
import type { ErrorInfo, Result } from '../../shared/errors.ts'
import type { ImportProgress } from '../../shared/imports.contract.ts'

declare global {
  interface Window {
    api?: {
      invoke: (method: string, input: unknown) => Promise<Result<unknown>>
      onProgress?: (listener: (event: unknown) => void) => void
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

// The only file in the renderer that knows the transport: Electron's preload when present,
// the web harness (tests and development) otherwise.
import type { ApiInput, ApiOutput, Invoke, Method } from '../../shared/api.ts'
import type { ErrorInfo, Result } from '../../shared/errors.ts'

declare global {
  interface Window {
    api?: { invoke: (method: string, input: unknown) => Promise<Result<unknown>> }
  }
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

const electronApi = window.api
export const invoke: Invoke = electronApi ? ((method, input) => electronApi.invoke(method, input) as never) : harnessInvoke()

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

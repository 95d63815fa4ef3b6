// Starts the core in its worker thread (worker.ts) and talks to it: calls and their Results,
// progress events, the desktop calls the worker asks for, a stop for a running job, and closing.
// Electron's main, the CLI and the web harness each host the core through this one module.
// A worker that ends by itself (out of memory on a hostile file) fails the calls it was running
// with a Dutch message and is started again: the app stays up.
import { Worker } from 'node:worker_threads'
import { AppError, type ErrorCode, type Result } from '../../shared/errors.ts'
import type { Desktop } from './context.ts'
import type { Dispatch } from './dispatch.ts'
import { createLogger } from './log.ts'
import type { ProgressEvent } from './progress.ts'
import type { CoreInfo, FromWorker, ToWorker, WorkerStart } from './worker-protocol.ts'

const log = createLogger('worker-host')

export const WORKER_OUT_OF_MEMORY_MESSAGE =
  'Deze opdracht had meer geheugen nodig dan het programma mag gebruiken en is gestopt. Er is niets opgeslagen. Is het een import, splits het bestand dan in kleinere bestanden en probeer het opnieuw.'
export const WORKER_ENDED_MESSAGE = 'Het programma liep vast bij deze opdracht en is opnieuw gestart. Er is niets half opgeslagen. Probeer het opnieuw; gebeurt het weer, start het programma dan opnieuw.'

export interface CoreHostOptions extends Omit<WorkerStart, 'desktop'> {
  /** The worker's file: electron/core/worker.ts (CLI, harness, tests) or out/main/worker.js (the app). */
  workerPath: string | URL
  desktop?: Desktop
  /** Heap cap of the worker: beyond it the worker ends (and is started again), not the app. */
  maxOldGenerationSizeMb?: number
}

export interface CoreHost {
  info: CoreInfo
  /** The Result of a call as JSON text. */
  call(method: unknown, input: unknown): Promise<string>
  /** The same as UTF-8 bytes, as the worker sent them: for a door that passes the answer on (IPC, HTTP) without reading it. */
  callBytes(method: unknown, input: unknown): Promise<Uint8Array>
  dispatch: Dispatch
  /**
   * A file this host vouches for (its own dialog, a dropped file's path from the preload, an upload
   * it wrote) -> a token the renderer may pass to the core (see chosen-files.ts); a Result as JSON text.
   */
  registerFile(path: string, name?: string): Promise<string>
  /** Every progress event of every job; returns the unsubscribe. */
  onProgress(listener: (event: ProgressEvent) => void): () => void
  /** Closes the register and waits for it without the event loop (Electron's will-quit is synchronous). */
  closeSync(): void
  close(): Promise<void>
}

type Answer = string | Uint8Array
const asText = (a: Answer): string => (typeof a === 'string' ? a : new TextDecoder().decode(a))
const asBytes = (a: Answer): Uint8Array => (typeof a === 'string' ? new TextEncoder().encode(a) : a)

interface Pending {
  resolve: (answer: Answer) => void
  progressId?: string
}

const failure = (code: ErrorCode, message: string): string => JSON.stringify({ ok: false, error: { code, message } } satisfies Result<never>)

/** Starts the worker and waits until the register is open; rejects as opening the core in-process would. */
export async function startCoreWorker(options: CoreHostOptions): Promise<CoreHost> {
  const { workerPath, desktop, maxOldGenerationSizeMb, ...rest } = options
  const start: WorkerStart = { ...rest, ...(desktop ? { desktop: true } : {}) }
  const listeners = new Set<(event: ProgressEvent) => void>()
  const pending = new Map<number, Pending>()
  const stopFlags = new Map<string, Int32Array>()
  let nextId = 0
  let closing = false
  /** The worker that has the register open now (a restart replaces it). */
  let live: Worker | undefined

  const answerDesktop = async (worker: Worker, message: Extract<FromWorker, { type: 'desktop' }>): Promise<void> => {
    const reply = (m: ToWorker): void => worker.postMessage(m)
    try {
      if (!desktop) throw new Error('no desktop')
      const value =
        message.call === 'chooseSavePath'
          ? await desktop.chooseSavePath(...message.args)
          : message.call === 'chooseOpenPath'
            ? await desktop.chooseOpenPath?.(...message.args)
            : message.call === 'chooseOpenPaths'
              ? ((await desktop.chooseOpenPaths?.(...message.args)) ?? [])
              : (await desktop.openPath(...message.args), undefined)
      reply({ type: 'desktop-reply', id: message.id, ok: true, value })
    } catch (e) {
      reply({ type: 'desktop-reply', id: message.id, ok: false, message: e instanceof Error ? e.message : String(e) })
    }
  }

  // Source TypeScript under Node: the same warning the npm scripts silence, silenced in the worker too (vitest starts it without).
  const execArgv = String(workerPath).endsWith('.ts') ? [...process.execArgv, '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'] : process.execArgv

  /** One worker; resolves with it once the register is open. */
  const launch = (): Promise<{ worker: Worker; info: CoreInfo }> =>
    new Promise((ok, fail) => {
      const worker = new Worker(workerPath, { workerData: start, execArgv, ...(maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb } } : {}) })
      let opened = false
      let lastError: unknown
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          opened = true
          live = worker
          ok({ worker, info: message.info })
        } else if (message.type === 'failed') {
          fail(message.userMessage ? new AppError('io', message.userMessage) : new Error(message.detail))
        } else if (message.type === 'result' || message.type === 'registered') {
          const p = pending.get(message.id)
          pending.delete(message.id)
          if (p?.progressId) stopFlags.delete(p.progressId)
          p?.resolve(message.type === 'result' ? message.bytes : message.json)
        } else if (message.type === 'progress') {
          for (const listener of listeners) listener(message.event)
        } else if (message.type === 'desktop') {
          void answerDesktop(worker, message)
        }
      })
      worker.on('error', (e) => {
        lastError = e
        log.error('the core worker failed', e)
      })
      worker.on('exit', (code) => {
        if (!opened) return fail(lastError instanceof Error ? lastError : new Error(`the core worker ended (${code}) before it opened the register`))
        if (closing) return
        const oom = (lastError as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
        const answer = failure(oom ? 'resources' : 'internal', oom ? WORKER_OUT_OF_MEMORY_MESSAGE : WORKER_ENDED_MESSAGE)
        for (const [id, p] of pending) {
          pending.delete(id)
          p.resolve(answer)
        }
        stopFlags.clear()
        current = launch()
        current.catch((e: unknown) => log.error('restarting the core worker failed', e))
      })
    })

  let current = launch()
  const first = await current

  const raw = async (method: unknown, input: unknown): Promise<Answer> => {
    if (closing) return failure('io', 'Het programma wordt afgesloten. Deze opdracht is niet uitgevoerd.')
    let worker: Worker
    try {
      worker = (await current).worker
    } catch {
      return failure('internal', WORKER_ENDED_MESSAGE)
    }
    const progressId = (input as { progressId?: unknown } | null)?.progressId
    if (method === 'jobs.cancel' && typeof progressId === 'string') {
      // Raised here, so the busy worker sees it at its next progress report without reading this message.
      const flag = stopFlags.get(progressId)
      if (flag) Atomics.store(flag, 0, 1)
    }
    const id = ++nextId
    const stop = typeof progressId === 'string' && method !== 'jobs.cancel' ? new Int32Array(new SharedArrayBuffer(4)) : undefined
    if (stop && typeof progressId === 'string') stopFlags.set(progressId, stop)
    return new Promise((resolve) => {
      pending.set(id, { resolve, ...(stop && typeof progressId === 'string' ? { progressId } : {}) })
      worker.postMessage({ type: 'call', id, method, input, ...(stop ? { stop } : {}) } satisfies ToWorker)
    })
  }

  const registerFile = async (path: string, name?: string): Promise<Answer> => {
    if (closing) return failure('io', 'Het programma wordt afgesloten. Er is niets gewijzigd.')
    let worker: Worker
    try {
      worker = (await current).worker
    } catch {
      return failure('internal', WORKER_ENDED_MESSAGE)
    }
    const id = ++nextId
    return new Promise<Answer>((resolve) => {
      pending.set(id, { resolve })
      worker.postMessage({ type: 'register-file', id, path, ...(name !== undefined ? { name } : {}) } satisfies ToWorker)
    })
  }

  const askToClose = async (): Promise<{ worker: Worker; done: Int32Array } | undefined> => {
    closing = true
    const worker = live ?? (await current.then((c) => c.worker).catch(() => undefined))
    live = undefined
    if (!worker) return undefined
    const done = new Int32Array(new SharedArrayBuffer(4))
    worker.postMessage({ type: 'close', done } satisfies ToWorker)
    return { worker, done }
  }

  return {
    info: first.info,
    call: async (method, input) => asText(await raw(method, input)),
    callBytes: async (method, input) => asBytes(await raw(method, input)),
    registerFile: async (path, name) => asText(await registerFile(path, name)),
    dispatch: async (method, input) => JSON.parse(asText(await raw(method, input))) as Result<unknown>,
    onProgress: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    closeSync: () => {
      closing = true
      const worker = live
      if (!worker) return
      live = undefined
      const done = new Int32Array(new SharedArrayBuffer(4))
      worker.postMessage({ type: 'close', done } satisfies ToWorker)
      // A job still running gets 5 s to reach a point where the worker reads its messages.
      if (Atomics.wait(done, 0, 0, 5000) === 'timed-out') log.warn('the core worker did not close in time')
      void worker.terminate()
    },
    close: async () => {
      const asked = await askToClose()
      if (!asked) return
      const exited = new Promise<void>((ok) => asked.worker.once('exit', () => ok()))
      const timer = setTimeout(() => void asked.worker.terminate(), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

// The core's own thread: opens the register and answers the host's calls (worker-host.ts), so a
// long job (an import, hundreds of forms) never holds up the window, the terminal or the harness.
// Every door starts this same file: Electron's main (built to out/main/worker.js), the CLI and
// the web harness (this .ts file, run by Node's type stripping).
import { parentPort, workerData } from 'node:worker_threads'
import { AppError, INTERNAL_ERROR_MESSAGE } from '../../shared/errors.ts'
import { dailyBackupIfDue } from './backup/backup.ts'
import { openCore, type Core } from './boot.ts'
import { registerChosenFile } from './chosen-files.ts'
import type { Desktop } from './context.ts'
import { createLogger, logToFile, silenceLog } from './log.ts'
import { attachStopFlag, listenToProgress, type ProgressEvent } from './progress.ts'
import { expireSafetyBackups } from './retention/backups.ts'
import type { DesktopCall, FromWorker, ToWorker, WorkerStart } from './worker-protocol.ts'

const port = parentPort
if (!port) throw new Error('worker.ts runs as a worker thread only')
const start = workerData as WorkerStart
if (start.logFile) logToFile(start.logFile)
if (start.silent) silenceLog()
const log = createLogger('worker')
const post = (message: FromWorker): void => port.postMessage(message)

/** The desktop calls, asked of the host by message; the host answers with desktop-reply. */
type Reply = string | string[] | undefined
const waiting = new Map<number, { ok: (value: Reply) => void; fail: (e: Error) => void }>()
let nextAsk = 0
function ask(call: DesktopCall): Promise<Reply> {
  const id = ++nextAsk
  return new Promise((ok, fail) => {
    waiting.set(id, { ok, fail })
    post({ type: 'desktop', id, ...call })
  })
}
const one = (value: Reply): string | undefined => (typeof value === 'string' ? value : undefined)
const desktop: Desktop = {
  chooseSavePath: async (name, filters) => one(await ask({ call: 'chooseSavePath', args: [name, filters] })),
  chooseOpenPath: async (title, filters) => one(await ask({ call: 'chooseOpenPath', args: [title, filters] })),
  chooseOpenPaths: async (title, filters, multiple) => {
    const paths = await ask({ call: 'chooseOpenPaths', args: [title, filters, multiple] })
    return Array.isArray(paths) ? paths.filter((p) => typeof p === 'string') : []
  },
  openPath: async (path) => void (await ask({ call: 'openPath', args: [path] })),
}

/** Progress goes out at most every 40 ms per job, but always when a phase starts or a job ends. */
function progressSender(): (event: ProgressEvent) => void {
  const last = new Map<string, { at: number; phase?: string }>()
  return (event) => {
    const now = performance.now()
    const before = last.get(event.progressId)
    const due = !before || !event.running || before.phase !== event.phase || event.done === event.total || now - before.at >= 40
    if (!event.running) last.delete(event.progressId)
    else if (due) last.set(event.progressId, { at: now, phase: event.phase })
    if (due) post({ type: 'progress', event })
  }
}

function open(): Core | undefined {
  try {
    const fixed = start.fixedNow ? new Date(start.fixedNow) : undefined
    const core = openCore({
      dbPath: start.dbPath,
      appVersion: start.appVersion,
      ...(fixed ? { now: () => new Date(fixed) } : {}),
      ...(start.resourcesDir ? { resourcesDir: start.resourcesDir } : {}),
      ...(start.desktop ? { desktop } : {}),
      ...(start.lock ? { lock: start.lock } : {}),
      ...(start.actor ? { actor: start.actor } : {}),
      ...(start.actorWithoutStaffName ? { actorWithoutStaffName: start.actorWithoutStaffName } : {}),
    })
    if (start.appStart) {
      // Documents an earlier run opened in a viewer, and other temporary files it left: removed now.
      core.ctx.temp.removeEarlierRuns()
      // The first start of each day makes a backup; a failure is logged and shown nowhere, the work goes on.
      if (!core.ctx.readOnly) dailyBackupIfDue(core.ctx).catch((e: unknown) => log.error('daily backup failed', e))
      // The backup made just before a retention removal still holds what was removed: deleted once its days are over.
      if (!core.ctx.readOnly) expireSafetyBackups(core.ctx)
    }
    listenToProgress(core.ctx, progressSender())
    return core
  } catch (e) {
    if (!(e instanceof AppError)) log.error('opening the database failed', e)
    post({ type: 'failed', ...(e instanceof AppError ? { userMessage: e.message } : {}), detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) })
    return undefined
  }
}

const core = open()
if (core) {
  post({ type: 'ready', info: { dbPath: core.ctx.dbPath, ...(core.ctx.readOnly ? { readOnly: core.ctx.readOnly } : {}), startupWarnings: core.ctx.startupWarnings ?? [] } })
  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      const progressId = (message.input as { progressId?: unknown } | null)?.progressId
      const detach = message.stop && typeof progressId === 'string' ? attachStopFlag(core.ctx, progressId, message.stop) : () => undefined
      void core.dispatch(message.method, message.input).then((result) => {
        detach()
        // TextEncoder gives the bytes an ArrayBuffer of their own, which can be transferred.
        const bytes = new TextEncoder().encode(JSON.stringify(result))
        port.postMessage({ type: 'result', id: message.id, bytes } satisfies FromWorker, [bytes.buffer])
      })
    } else if (message.type === 'register-file') {
      let json: string
      try {
        json = JSON.stringify({ ok: true, value: registerChosenFile(core.ctx, message.path, message.name) })
      } catch (e) {
        json = JSON.stringify({ ok: false, error: e instanceof AppError ? e.toInfo() : { code: 'internal', message: INTERNAL_ERROR_MESSAGE } })
      }
      post({ type: 'registered', id: message.id, json })
    } else if (message.type === 'desktop-reply') {
      const w = waiting.get(message.id)
      waiting.delete(message.id)
      if (message.ok) w?.ok(message.value)
      else w?.fail(new Error(message.message))
    } else if (message.type === 'close') {
      try {
        core.close()
      } finally {
        Atomics.store(message.done, 0, 1)
        Atomics.notify(message.done, 0)
        post({ type: 'closed' })
        port.close()
      }
    }
  })
}

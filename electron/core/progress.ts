// Progress of long work (hundreds of consent forms, an import of many files). The work reports
// how far it is; that is kept for a progress question (imports.progress, documents.progress) and,
// in the worker, sent as an event to whoever started the work (worker.ts). A job can be stopped
// while nothing is committed yet: reading, checking, rendering. Stopping is seen at the next
// report, which then throws JOB_CANCELLED_MESSAGE; phases that write ('backup', 'write') go on.
import { AppError } from '../../shared/errors.ts'
import { JOB_CANCELLED_MESSAGE } from '../../shared/jobs.contract.ts'
import type { CoreContext } from './context.ts'

interface Progress {
  done: number
  total: number
  /** What is being done now, for work in steps (an import: 'read', 'check', 'backup', 'write'). */
  phase?: string
}

/** What a listener hears: the state of one job, and `running: false` once it is over. */
export interface ProgressEvent extends Progress {
  progressId: string
  running: boolean
}

export { JOB_CANCELLED_MESSAGE } from '../../shared/jobs.contract.ts'

/** Phases in which the work commits: a stop asked for then is too late and is ignored. */
const COMMITTING = new Set(['backup', 'write'])

interface Jobs {
  running: Map<string, Progress>
  /** Stops asked for by the progress id while the job runs. */
  stopped: Set<string>
  /** Set by the worker: a flag the thread that started the job can raise without waiting for us. */
  flags: Map<string, Int32Array>
  listener?: (event: ProgressEvent) => void
}

const jobs = new WeakMap<CoreContext, Jobs>()

function jobsOf(ctx: CoreContext): Jobs {
  let entry = jobs.get(ctx)
  if (!entry) {
    entry = { running: new Map(), stopped: new Set(), flags: new Map() }
    jobs.set(ctx, entry)
  }
  return entry
}

/** Every report of every job of this core goes to `listener` as well (the worker forwards them). */
export function listenToProgress(ctx: CoreContext, listener: (event: ProgressEvent) => void): void {
  jobsOf(ctx).listener = listener
}

/** A shared flag for `id`: when its first element becomes 1, the job stops at its next report. */
export function attachStopFlag(ctx: CoreContext, id: string, flag: Int32Array): () => void {
  const { flags } = jobsOf(ctx)
  flags.set(id, flag)
  return () => {
    if (flags.get(id) === flag) flags.delete(id)
  }
}

/**
 * Asks the job `id` to stop; true when it runs now (it stops at its next report in a phase that
 * writes nothing). A stop for a job that is not running does nothing: it may be one that arrived
 * after its job ended, and must not stop the next job under the same id.
 */
export function cancelJob(ctx: CoreContext, id: string): boolean {
  const j = jobsOf(ctx)
  if (!j.running.has(id)) return false
  j.stopped.add(id)
  const flag = j.flags.get(id)
  if (flag) Atomics.store(flag, 0, 1)
  return true
}

function stopAsked(j: Jobs, id: string): boolean {
  const flag = j.flags.get(id)
  return j.stopped.has(id) || (flag !== undefined && Atomics.load(flag, 0) === 1)
}

/** Starts reporting under `id` (when given); call end() when the batch is over, also on failure. */
export function trackProgress(ctx: CoreContext, id: string | undefined, total: number): { update: (done: number, total?: number, phase?: string) => void; end: () => void } {
  if (!id) return { update: () => undefined, end: () => undefined }
  const j = jobsOf(ctx)
  const entry: Progress = { done: 0, total }
  j.running.set(id, entry)
  return {
    update: (done, newTotal, phase) => {
      entry.done = done
      if (newTotal !== undefined) entry.total = newTotal
      if (phase !== undefined) entry.phase = phase
      if (stopAsked(j, id) && !COMMITTING.has(entry.phase ?? '')) throw new AppError('cancelled', JOB_CANCELLED_MESSAGE)
      j.listener?.({ progressId: id, ...entry, running: true })
    },
    end: () => {
      j.running.delete(id)
      j.stopped.delete(id)
      j.listener?.({ progressId: id, ...entry, running: false })
    },
  }
}

export function progressOf(ctx: CoreContext, id: string): { done: number; total: number; phase?: string; running: boolean } {
  const entry = jobsOf(ctx).running.get(id)
  return entry ? { ...entry, running: true } : { done: 0, total: 0, running: false }
}

/** Lets waiting requests (a progress question) run between pages. */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

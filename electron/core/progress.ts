// Progress of long work (hundreds of consent forms, an import of many files), asked for by the
// screen while the work runs: the work yields now and then (between pages, between files), so the
// progress question is answered in the meantime.
import type { CoreContext } from './context.ts'

interface Progress {
  done: number
  total: number
  /** What is being done now, for work in steps (an import: 'read', 'check', 'backup', 'write'). */
  phase?: string
}

const running = new WeakMap<CoreContext, Map<string, Progress>>()

function table(ctx: CoreContext): Map<string, Progress> {
  let map = running.get(ctx)
  if (!map) {
    map = new Map()
    running.set(ctx, map)
  }
  return map
}

/** Starts reporting under `id` (when given); call end() when the batch is over, also on failure. */
export function trackProgress(ctx: CoreContext, id: string | undefined, total: number): { update: (done: number, total?: number, phase?: string) => void; end: () => void } {
  if (!id) return { update: () => undefined, end: () => undefined }
  const entry: Progress = { done: 0, total }
  table(ctx).set(id, entry)
  return {
    update: (done, newTotal, phase) => {
      entry.done = done
      if (newTotal !== undefined) entry.total = newTotal
      if (phase !== undefined) entry.phase = phase
    },
    end: () => {
      table(ctx).delete(id)
    },
  }
}

export function progressOf(ctx: CoreContext, id: string): { done: number; total: number; phase?: string; running: boolean } {
  const entry = table(ctx).get(id)
  return entry ? { ...entry, running: true } : { done: 0, total: 0, running: false }
}

/** Lets waiting requests (a progress question) run between pages. */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

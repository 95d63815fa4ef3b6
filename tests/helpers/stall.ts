// The longest stall of the thread that hosts the core's worker (Electron's main, in the app)
// while the worker does the heaviest jobs: a 10,000-row import (preview, then commit) and 500
// consent forms: the longest gap between the ticks of a 5 ms timer on this thread. On
// a loaded machine the OS alone keeps a thread waiting while other threads compute, so the same
// is measured beside two threads that only spin (the worker computes on one, V8 collects its
// garbage on another): the baseline. Used by the bench's 'stall' case and by
// tests/unit/electron-worker.test.ts, which runs it in a child process: a plain Node thread, as main is.
import { Worker } from 'node:worker_threads'
import { startCoreWorker } from '../../electron/core/worker-host.ts'

export interface Stalls {
  /** Beside two spinning threads, for 2 s: what the machine alone does to this thread. */
  spinning: number
  importPreview: number
  importCommit: number
  forms: number
  /**
   * The host thread's own work in its busiest turn (its CPU time, sampled every 5 ms) per job: what
   * our code costs the window, apart from the time the OS keeps the thread waiting on a busy machine.
   */
  hostTurn: { importPreview: number; importCommit: number; forms: number }
  /** The commit's batch id: the import really ran. */
  batchId: number | null
}

/**
 * The longest time this thread's event loop could not run a timer while `work` ran: the largest gap
 * between the ticks of a 5 ms interval, the interval taken off. (perf_hooks.monitorEventLoopDelay,
 * used before, missed blocks: a 500 ms block right after a setImmediate read as 0 ms, one at the
 * start of the work as 126 ms, so a commit blocking this thread for 3.6 s could read as 0.)
 */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const every = 5
  let last = performance.now()
  let longest = 0
  const tick = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, every)
  try {
    await work()
    // A block that ends the work resolves it before the next tick could fire: give the timer its turn.
    await new Promise((r) => setTimeout(r, 20))
  } finally {
    clearInterval(tick)
  }
  return Math.max(0, Math.max(longest, performance.now() - last) - every)
}

/** The longest stall of `work` and the host thread's own CPU time in its busiest 5 ms sample. */
export async function stallAndTurn(work: () => Promise<unknown>): Promise<{ stall: number; turn: number }> {
  const cpu = (): number => {
    const c = process.threadCpuUsage()
    return (c.user + c.system) / 1000
  }
  let last = cpu()
  let turn = 0
  const sample = setInterval(() => {
    const now = cpu()
    turn = Math.max(turn, now - last)
    last = now
  }, 5)
  try {
    const stall = await longestStall(work)
    return { stall, turn: Math.max(turn, cpu() - last) }
  } finally {
    clearInterval(sample)
  }
}

const spin = (): Promise<unknown> => Promise.all([0, 1].map(() => new Promise((done) => new Worker('const end = Date.now() + 2000; while (Date.now() < end);', { eval: true }).once('exit', done))))

/** `register`: a register with a staff name and at least `formPupils` pupils; `workbook`: the 10,000-row export. */
export async function measureStalls(register: string, workbook: string, formPupils: number[]): Promise<Stalls> {
  const host = await startCoreWorker({ workerPath: new URL('../../electron/core/worker.ts', import.meta.url), dbPath: register, appVersion: 'bench', resourcesDir: 'resources', silent: true })
  try {
    const spinning = Math.max(await longestStall(spin), 0)
    // As the wizard does it: the file by token (main registers its path), read once into a session,
    // then previewed and committed by the session's id. The answers are JSON text, passed on unread,
    // as main passes them to the window.
    let session = ''
    const preview = await stallAndTurn(async () => {
      const chosen = JSON.parse(await host.registerFile(workbook, 'stichting-10000.xlsx')) as { value: { token: string } }
      const opened = JSON.parse(await host.call('imports.open', { files: [{ token: chosen.value.token }] })) as { value: { session: string } }
      session = opened.value.session
      await host.callBytes('imports.preview', { session })
    })
    let committed: Uint8Array = new Uint8Array()
    const commit = await stallAndTurn(async () => (committed = await host.callBytes('imports.commit', { session })))
    const forms = await stallAndTurn(() => host.callBytes('documents.consentForms', { pupilIds: formPupils, onlyWithoutAnswer: false, delivery: 'data' }))
    const batch = (JSON.parse(new TextDecoder().decode(committed)) as { ok: boolean; value?: { batch: { id: number } | null } }).value?.batch
    return {
      spinning: Math.max(spinning, await longestStall(spin)),
      importPreview: preview.stall,
      importCommit: commit.stall,
      forms: forms.stall,
      hostTurn: { importPreview: preview.turn, importCommit: commit.turn, forms: forms.turn },
      batchId: batch?.id ?? null,
    }
  } finally {
    await host.close()
  }
}

if (import.meta.main) {
  const [register, workbook, pupils] = process.argv.slice(2)
  if (!register || !workbook || !pupils) throw new Error('usage: stall.ts REGISTER WORKBOOK PUPIL_IDS_JSON')
  process.stdout.write(JSON.stringify(await measureStalls(register, workbook, JSON.parse(pupils) as number[])) + '\n')
}

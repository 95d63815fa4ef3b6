// The longest stall of the thread that hosts the core's worker (Electron's main, in the app)
// while the worker does the heaviest jobs: a 10,000-row import (preview, then commit) and 500
// consent forms. perf_hooks.monitorEventLoopDelay on this thread, 10 ms resolution taken off. On
// a loaded machine the OS alone keeps a thread waiting while other threads compute, so the same
// is measured beside two threads that only spin (the worker computes on one, V8 collects its
// garbage on another): the baseline. Used by the bench's 'stall' case and by
// tests/unit/electron-worker.test.ts, which runs it in a child process: a plain Node thread, as main is.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { startCoreWorker } from '../../electron/core/worker-host.ts'

export interface Stalls {
  /** Beside two spinning threads, for 2 s: what the machine alone does to this thread. */
  spinning: number
  importPreview: number
  importCommit: number
  forms: number
  /** The commit's batch id: the import really ran. */
  batchId: number | null
}

/** The longest time this thread's event loop waited while `work` ran, 10 ms resolution taken off. */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  await work()
  // A block that ends the work resolves it before the delay timer could fire: give the timer its turn.
  await new Promise((r) => setTimeout(r, 20))
  h.disable()
  return Math.max(0, h.max / 1e6 - 10)
}

const spin = (): Promise<unknown> =>
  Promise.all([0, 1].map(() => new Promise((done) => new Worker('const end = Date.now() + 2000; while (Date.now() < end);', { eval: true }).once('exit', done))))

/** `register`: a register with a staff name and at least `formPupils` pupils; `workbook`: the 10,000-row export. */
export async function measureStalls(register: string, workbook: string, formPupils: number[]): Promise<Stalls> {
  const host = await startCoreWorker({ workerPath: new URL('../../electron/core/worker.ts', import.meta.url), dbPath: register, appVersion: 'bench', resourcesDir: 'resources', silent: true })
  try {
    const spinning = Math.max(await longestStall(spin), 0)
    // As the wizard does it: the file by token (main registers its path), read once into a session,
    // then previewed and committed by the session's id. The answers are JSON text, passed on unread,
    // as main passes them to the window.
    let session = ''
    const importPreview = await longestStall(async () => {
      const chosen = JSON.parse(await host.registerFile(workbook, 'stichting-10000.xlsx')) as { value: { token: string } }
      const opened = JSON.parse(await host.call('imports.open', { files: [{ token: chosen.value.token }] })) as { value: { session: string } }
      session = opened.value.session
      await host.callBytes('imports.preview', { session })
    })
    let committed: Uint8Array = new Uint8Array()
    const importCommit = await longestStall(async () => (committed = await host.callBytes('imports.commit', { session })))
    const forms = await longestStall(() => host.callBytes('documents.consentForms', { pupilIds: formPupils, onlyWithoutAnswer: false, delivery: 'data' }))
    const batch = (JSON.parse(new TextDecoder().decode(committed)) as { ok: boolean; value?: { batch: { id: number } | null } }).value?.batch
    return { spinning: Math.max(spinning, await longestStall(spin)), importPreview, importCommit, forms, batchId: batch?.id ?? null }
  } finally {
    await host.close()
  }
}

if (import.meta.main) {
  const [register, workbook, pupils] = process.argv.slice(2)
  if (!register || !workbook || !pupils) throw new Error('usage: stall.ts REGISTER WORKBOOK PUPIL_IDS_JSON')
  process.stdout.write(JSON.stringify(await measureStalls(register, workbook, JSON.parse(pupils) as number[])) + '\n')
}

// A job that needs more memory than the core's worker may use (a hostile file that slips past the
// import's caps) ends the worker, not the host: the call gets a Dutch message, the worker is
// started again on the same register, and the next call is answered.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCoreWorker, WORKER_OUT_OF_MEMORY_MESSAGE, type CoreHost } from '../../electron/core/worker-host.ts'

let dir: string
let host: CoreHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tr-worker-limits-'))
  // 80 MB: enough to open the register and answer, far too little for a 19 MB CSV of short rows.
  host = await startCoreWorker({ workerPath: new URL('../../electron/core/worker.ts', import.meta.url), dbPath: join(dir, 'school.sqlite'), appVersion: 'test', lock: 'hold', silent: true, maxOldGenerationSizeMb: 80 })
  const named = await host.dispatch('settings.update', { schoolName: 'OBS De Linde' })
  if (!named.ok) throw new Error(named.error.message)
}, 60_000)
afterAll(async () => {
  await host?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the worker out of memory', () => {
  it('answers the call with the Dutch message, starts again, and the register answers as before', async () => {
    // 19 MB in 190,000 rows: under the file size cap (20 MB) and the row cap (200,000), too big for an 80 MB heap.
    const csv = 'Roepnaam;Achternaam;Groep\n' + `${'a'.repeat(50)};${'b'.repeat(48)};1\n`.repeat(190_000)
    const r = await host.dispatch('imports.analyze', { files: [{ name: 'leerlingen.csv', data: Buffer.from(csv).toString('base64') }] })
    expect(r).toEqual({ ok: false, error: { code: 'resources', message: WORKER_OUT_OF_MEMORY_MESSAGE } })
    expect(await host.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolName: 'OBS De Linde' } })
    // Writable as before: the lock beside the file is this process's own, so the new worker is not shut out.
    expect(await host.dispatch('settings.update', { staffName: 'Ans de Wit' })).toMatchObject({ ok: true, value: { staffName: 'Ans de Wit' } })
    expect(await host.dispatch('app.info', {})).toMatchObject({ ok: true, value: { readOnly: null } })
  }, 120_000)
})

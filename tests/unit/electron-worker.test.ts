// The core in its worker thread, as Electron's main, the CLI and the harness host it: progress of
// long jobs arrives as events, a job stopped while it reads, checks or renders writes nothing, and
// the hosting thread (the one that keeps the window alive) never stalls while the worker works.
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDir } from '../../electron/core/backup/backup.ts'
import { openCore } from '../../electron/core/boot.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { JOB_CANCELLED_MESSAGE, type ProgressEvent } from '../../electron/core/progress.ts'
import { generateSchool } from '../../electron/core/school/generate.ts'
import { insertSchool } from '../../electron/core/school/school.service.ts'
import { startCoreWorker, type CoreHost } from '../../electron/core/worker-host.ts'
import { longestStall, type Stalls } from '../helpers/stall.ts'
import { bigWorkbook } from '../imports/big-workbook.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

const WORKER = new URL('../../electron/core/worker.ts', import.meta.url)
let dir: string
let dbPath: string
let host: CoreHost
let workbook: string
let workbookFile: string
let formPupils: number[]
let copies: { probe: string; inProcess: string }

/** What a user would see changed in the register: pupils, log entries, imports, backup files. */
function footprint(): { pupils: number; audit: number; batches: number; backups: string[] } {
  const db = openDatabase(dbPath, { readonly: true })
  const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  const result = { pupils: count('pupils'), audit: count('audit_log'), batches: count('import_batches'), backups: existsSync(backupDir(dbPath)) ? readdirSync(backupDir(dbPath)).sort() : [] }
  db.close()
  return result
}

/** Collects the progress events of `progressId`; `onFirst` runs once, at the first event that fits `when`. */
function listen(progressId: string, when?: (e: ProgressEvent) => boolean, onFirst?: () => void): ProgressEvent[] {
  const heard: ProgressEvent[] = []
  let fired = false
  host.onProgress((e) => {
    if (e.progressId !== progressId) return
    heard.push(e)
    if (!fired && when?.(e)) {
      fired = true
      onFirst?.()
    }
  })
  return heard
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tr-worker-'))
  dbPath = join(dir, 'school.sqlite')
  workbookFile = join(dir, 'stichting-10000.xlsx')
  copies = { probe: join(dir, 'probe.sqlite'), inProcess: join(dir, 'in-process.sqlite') }
  const setup = openCore({ dbPath, appVersion: 'test' })
  await setUpEmptySchool(setup)
  setup.ctx.db.transaction(() => insertSchool(setup.ctx, generateSchool({ pupils: 500 }), 'Ans de Wit'))()
  formPupils = setup.ctx.db.prepare(`SELECT id FROM pupils ORDER BY id`).pluck().all() as number[]
  setup.close()
  // Copies before the worker writes anything: one for the stall probe's child process, one for the run on this thread.
  copyFileSync(dbPath, copies.probe)
  copyFileSync(dbPath, copies.inProcess)
  const bytes = await bigWorkbook(10_000)
  writeFileSync(workbookFile, bytes)
  workbook = bytes.toString('base64')
  host = await startCoreWorker({ workerPath: WORKER, dbPath, appVersion: 'test', lock: 'hold', resourcesDir: 'resources', silent: true })
}, 120_000)

afterAll(async () => {
  await host?.close()
  rmSync(dir, { recursive: true, force: true })
})

const files = () => [{ name: 'stichting-10000.xlsx', data: workbook }]

/** A file the host vouches for (main's dialog, a drop, the harness's upload): its token. */
async function chosen(path: string): Promise<{ token: string; name: string; size: number }> {
  const r = JSON.parse(await host.registerFile(path)) as { ok: true; value: { token: string; name: string; size: number } }
  expect(r.ok).toBe(true)
  return r.value
}

describe('long jobs in the worker: progress events and stopping', () => {
  // Each stop is asked for at the job's first event, while a workbook not read before is read
  // (seconds for 10,000 rows): the job sees it at its next report, before it checks any row.
  it('an import opened from a chosen file and stopped while it reads says so in Dutch, wrote nothing and left no session', async () => {
    const before = footprint()
    const file = await chosen(workbookFile)
    const heard = listen(
      'p-stop-open',
      (e) => e.phase === 'read',
      () => void host.dispatch('jobs.cancel', { progressId: 'p-stop-open' }),
    )
    const r = await host.dispatch('imports.open', { files: [{ token: file.token }], progressId: 'p-stop-open' })
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: JOB_CANCELLED_MESSAGE } })
    expect(heard.some((e) => e.phase === 'check')).toBe(false)
    expect(heard.at(-1)).toMatchObject({ running: false })
    expect(footprint()).toEqual(before)
  }, 60_000)

  it('a session reads its file once: the preview by session id reports only checking, and a preview stopped while it checks wrote nothing', async () => {
    const before = footprint()
    const file = await chosen(workbookFile)
    const opening = listen('p-open')
    const opened = await ok(host, 'imports.open', { files: [{ token: file.token }], progressId: 'p-open' })
    expect(opening.some((e) => e.phase === 'read' && e.running)).toBe(true)
    expect(opened.files[0]).toMatchObject({ file: 'stichting-10000.xlsx', ok: true, size: file.size })

    // As the wizard sends it: the mapping it showed (so the rows are checked again, under it).
    const mappings = opened.layouts.map((l) => ({ signature: l.signature, columns: l.columns.map((c) => ({ key: c.key, target: c.target })) }))
    const heard = listen(
      'p-stop-check',
      (e) => e.phase === 'check' && e.done > 0,
      () => void host.dispatch('jobs.cancel', { progressId: 'p-stop-check' }),
    )
    const r = await host.dispatch('imports.preview', { session: opened.session, mappings, progressId: 'p-stop-check' })
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: JOB_CANCELLED_MESSAGE } })
    expect(heard.some((e) => e.phase === 'read')).toBe(false)
    expect(heard.filter((e) => e.running).at(-1)?.done).toBeLessThan(10_000)
    expect(footprint()).toEqual(before)

    const again = await ok(host, 'imports.preview', { session: opened.session, mappings })
    expect(again.summary).toMatchObject({ pupils: 10_000 })
    expect(footprint()).toEqual(before)
  }, 60_000)

  it('an import stopped before it writes says so, and wrote nothing: no pupil, no log entry, no import, no backup', async () => {
    const before = footprint()
    const other = [{ name: 'stichting-9999.xlsx', data: (await bigWorkbook(9_999)).toString('base64') }]
    const heard = listen(
      'p-stop-commit',
      (e) => e.phase === 'read',
      () => void host.dispatch('jobs.cancel', { progressId: 'p-stop-commit' }),
    )
    const r = await host.dispatch('imports.commit', { files: other, progressId: 'p-stop-commit' })
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: JOB_CANCELLED_MESSAGE } })
    expect(heard.some((e) => e.phase === 'backup' || e.phase === 'write')).toBe(false)
    expect(footprint()).toEqual(before)
  }, 60_000)

  it('a preview of 10,000 rows reports its progress as events: files read, then rows checked, then that it is over; an old stop does not touch it', async () => {
    const heard = listen('p-stop-preview') // the id of the stopped preview above: that stop is over
    const r = await host.dispatch('imports.preview', { files: files(), progressId: 'p-stop-preview' })
    expect(r).toMatchObject({ ok: true, value: { summary: { pupils: 10_000 } } })
    expect(heard.some((e) => e.phase === 'read' && e.running)).toBe(true)
    const checks = heard.filter((e) => e.phase === 'check' && e.running)
    expect(checks.length).toBeGreaterThan(3)
    expect(checks.map((e) => e.done)).toEqual([...checks.map((e) => e.done)].sort((a, b) => a - b))
    expect(checks.at(-1)).toMatchObject({ done: 10_000, total: 10_000 })
    expect(heard.at(-1)).toMatchObject({ running: false })
  }, 60_000)

  it('500 consent forms stopped after the first pages: the cancelled message, no PDF, and nothing in the log', async () => {
    const before = footprint()
    const heard = listen(
      'p-stop-forms',
      (e) => e.done >= 20,
      () => void host.dispatch('jobs.cancel', { progressId: 'p-stop-forms' }),
    )
    const r = await host.dispatch('documents.consentForms', { onlyWithoutAnswer: false, delivery: 'data', progressId: 'p-stop-forms' })
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: JOB_CANCELLED_MESSAGE } })
    expect(heard.filter((e) => e.running).at(-1)?.done).toBeLessThan(500)
    expect(footprint()).toEqual(before)
  }, 60_000)

  it('stopping a job that does not run answers running: false and changes nothing', async () => {
    expect(await host.dispatch('jobs.cancel', { progressId: 'p-nothing' })).toEqual({ ok: true, value: { running: false } })
    expect(await host.dispatch('jobs.cancel', { progressId: 'geen id' })).toMatchObject({ ok: false, error: { code: 'validation' } })
  })
})

const execFileAsync = promisify(execFile)

describe('the thread that hosts the worker is never blocked', () => {
  // Measured in a child process (tests/helpers/stall.ts, also the bench's 'stall' case): a plain
  // Node thread that hosts the worker, as Electron's main does, without the test runner's own work.
  // On a loaded 2-core machine the OS alone keeps a thread waiting while other threads of the process
  // compute (seen: 60-190 ms at a load of 9); the probe measures that beside two threads that only
  // spin. The 50 ms target is checked by `npm run bench` (case 'stall', figures in the README);
  // here, beside another test file on the same two cores (seen: a preview once at 79 ms), the test
  // guards the design with 150 ms on top: far below the second or more that a host running the core
  // itself stalls (the test below).
  it('during a 10,000-row import (preview, commit) and 500 consent forms, the host thread stalls no more than beside spinning threads (+ 150 ms)', async () => {
    const { stdout } = await execFileAsync(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'tests/helpers/stall.ts', copies.probe, workbookFile, JSON.stringify(formPupils)])
    const s = JSON.parse(stdout) as Stalls
    console.info(
      `host thread's longest stall: beside two spinning threads ${s.spinning.toFixed(1)} ms; import preview ${s.importPreview.toFixed(1)} ms, commit ${s.importCommit.toFixed(1)} ms; 500 forms ${s.forms.toFixed(1)} ms`,
    )
    expect(s.batchId).toEqual(expect.any(Number)) // the import really wrote its 10,000 rows
    const limit = s.spinning * 1.5 + 150
    expect(s.importPreview).toBeLessThan(limit)
    expect(s.importCommit).toBeLessThan(limit)
    expect(s.forms).toBeLessThan(limit)
  }, 300_000)

  it('the same import committed on this thread (the core before the worker) blocks it for long: the measure can fail', async () => {
    const inProcess = openCore({ dbPath: copies.inProcess, appVersion: 'test', resourcesDir: 'resources' })
    try {
      let r: unknown
      const stall = await longestStall(async () => (r = await inProcess.dispatch('imports.commit', { files: files() })))
      console.info(`the same commit on the host thread: longest stall ${stall.toFixed(0)} ms`)
      expect(r).toMatchObject({ ok: true, value: { batch: { id: expect.any(Number) } } })
      expect(stall).toBeGreaterThan(400)
    } finally {
      inProcess.close()
    }
  }, 120_000)
})

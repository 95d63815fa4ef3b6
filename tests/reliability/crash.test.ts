// Crash safety: the real CLI commits a 10,000-row import into a real SQLite file and is killed
// (SIGKILL: no cleanup, no exit handlers) at a seeded random moment. Afterwards the file must pass
// integrity_check, hold the whole batch or none of it, keep every row from before, list no broken
// backup, and open normally in the app. 20 kills by default (about a minute on two cores);
// CRASH_RUNS=100 for a longer run; CRASH_SEED=n to repeat a failing one (the seed is in every message).
// Also: a backup killed half-way is never listed as a backup.
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listBackups, verifyBackup } from '../../electron/core/backup/backup.ts'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { bigWorkbook } from '../imports/big-workbook.ts'
import { fileInput } from '../imports/helpers.ts'
import { ok } from '../helpers/register.ts'
import { COUNTED, counts, envInt, integrity, missingRows, seededRandom, snapshot, type Counts, type Snapshot } from './helpers.ts'

silenceLog()
const ROWS = 10_000
const RUNS = envInt('CRASH_RUNS', 20)
const SEED = envInt('CRASH_SEED', 20_261_122)
const REPO = resolve(import.meta.dirname, '..', '..')

let work = ''
let workbook = ''
let template = ''
let before: Snapshot
let beforeCounts: Counts
let full: Run
let fullDb = ''

/** The school as it was before the import: pupils, guardians, answers by hand and from an earlier import. */
async function makeTemplate(path: string): Promise<void> {
  const core = openCore({ dbPath: path, appVersion: 'test', now: () => new Date('2026-11-22T09:30:00Z') })
  try {
    await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    await ok(core, 'settings.update', { staffName: 'Ans de Wit' })
    const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
    const purposes = await ok(core, 'purposes.list', {})
    for (const [i, [first, prefix, last]] of [
      ['Zoë', 'van der', 'Berg'],
      ['Łukasz', '', 'Nowak'],
      ['Sem', 'de', 'Vries'],
    ].entries()) {
      const pupil = await ok(core, 'pupils.save', { firstName: first ?? '', lastNamePrefix: prefix ?? '', lastName: last ?? '', birthDate: '2017-04-07', studentNumber: `90${i}`, groupId: group.id })
      await ok(core, 'guardians.save', { pupilId: pupil.id, name: `Ouder van ${first}`, relation: 'moeder', phone: '06-12345678' })
      await ok(core, 'consent.record', {
        pupilId: pupil.id,
        decisions: purposes.map((p, k) => ({ purposeId: p.id, decision: (i + k) % 3 === 0 ? ('refused' as const) : ('granted' as const) })),
        effectiveFrom: '2026-09-01',
        source: 'paper_form',
      })
    }
    // An earlier import (a CSV as a parent portal exports it), so import_batches is not empty before.
    const earlier = await ok(core, 'imports.commit', { files: [fileInput('komma-utf8-bom.csv')] })
    expect(earlier.batch).not.toBeNull()
  } finally {
    core.close()
  }
  // Cleanly closed: the WAL is folded into the file, so one file is the whole state.
  expect(existsSync(`${path}-wal`)).toBe(false)
}

/** The state a crashed run left, as the app sees it when it starts again. */
function inspect(path: string) {
  const core = openCore({ dbPath: path, appVersion: 'test', lock: 'hold' })
  try {
    return { readOnly: core.ctx.readOnly, integrity: integrity(core.ctx.db), counts: counts(core.ctx.db), rows: snapshot(core.ctx.db) }
  } finally {
    core.close()
  }
}

interface Run {
  exitCode: number | null
  signal: NodeJS.Signals | null
  elapsedMs: number
  /** When the backup before the write appeared, and when the commit began to fill the WAL (ms after the start). */
  backupAt: number | null
  commitAt: number | null
  /** The WAL's size at the moment of the kill; null when the run ended by itself. */
  walAtKill: number | null
  stderr: string
}

/**
 * When to kill: `ms` after the start, after the backup before the write appeared, or after the
 * commit began to write the WAL. The import computes its transaction in memory (a 64 MB page
 * cache) and writes it at the commit, in some tens of ms, followed by the checkpoint into the
 * file: anchoring kills to those moments keeps them there even on a machine busier than during
 * the measured run (reading the workbook is what varies most).
 */
type KillAt = { after: 'start' | 'backup' | 'commit'; ms: number } | null

/** Starts `cli.ts import --commit` on a copy of the template, and kills it with SIGKILL at `killAt`. */
async function runImport(dir: string, killAt: KillAt): Promise<Run> {
  mkdirSync(dir, { recursive: true })
  const db = join(dir, 'school.sqlite')
  const backups = join(dir, 'backups')
  const walSize = (): number => (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0)
  copyFileSync(template, db)
  const started = performance.now()
  const child = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'electron/cli.ts', 'import', '--commit', '--json', workbook, '--db', db], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const run: Pick<Run, 'backupAt' | 'commitAt' | 'walAtKill'> = { backupAt: null, commitAt: null, walAtKill: null }
  let timer: NodeJS.Timeout | undefined
  const kill = (): void => {
    if (run.walAtKill !== null) return
    run.walAtKill = walSize()
    child.kill('SIGKILL')
  }
  const at = (ms: number): void => {
    if (ms <= 0) kill()
    else timer = setTimeout(kill, ms)
  }
  if (killAt?.after === 'start') at(killAt.ms)
  const watch = setInterval(() => {
    const now = performance.now() - started
    if (run.backupAt === null && existsSync(backups) && readdirSync(backups).length > 0) {
      run.backupAt = now
      if (killAt?.after === 'backup') at(killAt.ms)
    }
    if (run.backupAt !== null && run.commitAt === null && walSize() > 0) {
      run.commitAt = now
      if (killAt?.after === 'commit') at(killAt.ms)
    }
  }, 1)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('exit', (c, s) => done([c, s])))
  clearTimeout(timer)
  clearInterval(watch)
  return { ...run, exitCode, signal, elapsedMs: performance.now() - started, stderr }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tr-crash-'))
  workbook = join(work, 'inschrijvingen-10000.xlsx')
  writeFileSync(workbook, await bigWorkbook(ROWS))
  template = join(work, 'template.sqlite')
  await makeTemplate(template)
  const state = inspect(template)
  before = state.rows
  beforeCounts = state.counts
  // One run without a kill: how long a run takes, and a database with a whole batch in it.
  full = await runImport(join(work, 'full'), null)
  fullDb = join(work, 'full', 'school.sqlite')
}, 180_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe(`an import killed at a random moment (${RUNS} runs, seed ${SEED})`, () => {
  it(
    'leaves a whole database with all of the batch or none of it, and everything from before intact',
    async () => {
      // The run without a kill: what a whole batch adds.
      expect(full.exitCode, full.stderr).toBe(0)
      const done = inspect(fullDb)
      expect(done.integrity).toBe('ok')
      const added = Object.fromEntries(COUNTED.map((t) => [t, done.counts[t] - beforeCounts[t]])) as Counts
      expect(added.pupils).toBe(ROWS)
      expect(added.import_batches).toBe(1)
      expect(added.consent_records).toBeGreaterThan(ROWS)
      // A committed batch changes no row from before: the workbook's pupils are all new.
      expect(missingRows(before, done.rows)).toEqual({})
      // The backup made before it is one whole file, without -wal or -shm files beside it.
      const backups = listBackups(fullDb)
      expect(backups.map((b) => b.reason)).toEqual(['import'])
      expect(readdirSync(join(work, 'full', 'backups'))).toEqual(backups.map((b) => b.name))

      expect(full.backupAt).not.toBeNull()
      expect(full.commitAt).not.toBeNull()
      const span = full.elapsedMs
      const backupAt = full.backupAt ?? span
      const commitAt = full.commitAt ?? span

      // Three in four kills spread over the whole run: one in each of that many equal slices, at a
      // seeded random point in it. The rest spread over the commit and checkpoint, the only moments
      // the batch is on its way to the file (a few percent of the run, which the spread alone would
      // mostly miss).
      const random = seededRandom(SEED)
      const atCommit = Math.floor(RUNS / 4)
      const spread = RUNS - atCommit
      const plan: KillAt[] = []
      for (let i = 0; i < spread; i++) {
        const ms = (span * (i + random())) / spread
        plan.push(ms < backupAt ? { after: 'start', ms } : ms < commitAt ? { after: 'backup', ms: ms - backupAt } : { after: 'commit', ms: ms - commitAt })
      }
      for (let i = 0; i < atCommit; i++) plan.push({ after: 'commit', ms: ((span - commitAt) * (i + random())) / atCommit })

      const outcomes = { none: 0, all: 0, finished: 0 }
      const phases = { reading: 0, inMemory: 0, walHalfWritten: 0, afterCommit: 0 }
      for (const [i, killAt] of plan.entries()) {
        const dir = join(work, `run-${i}`)
        const run = await runImport(dir, killAt)
        const state = inspect(join(dir, 'school.sqlite'))
        const where = `run ${i}, kill ${Math.round(killAt?.ms ?? 0)} ms after the ${killAt?.after} (exit ${run.exitCode}, ${run.signal}), seed ${SEED}`
        expect(state.integrity, where).toBe('ok')
        expect(state.readOnly, where).toBeUndefined() // the app opens it for writing again: quick_check passed
        const delta = Object.fromEntries(COUNTED.map((t) => [t, state.counts[t] - beforeCounts[t]]))
        const none = Object.fromEntries(COUNTED.map((t) => [t, 0]))
        expect([none, added], `${where}: counts added ${JSON.stringify(delta)}`).toContainEqual(delta)
        const committed = delta.pupils === ROWS
        // Every row from before is still there, unchanged ...
        expect(missingRows(before, state.rows), where).toEqual({})
        // ... and without the batch nothing at all was written: every table exactly as before.
        expect(committed ? {} : missingRows(state.rows, before), where).toEqual({})
        // A backup that a kill cut short is never offered for a restore.
        for (const b of listBackups(join(dir, 'school.sqlite'))) expect(verifyBackup(b.file), `${where}: ${b.name}`).toBe(true)

        if (run.signal !== 'SIGKILL') outcomes.finished++
        else {
          outcomes[committed ? 'all' : 'none']++
          if (committed) phases.afterCommit++
          else if (run.backupAt === null) phases.reading++
          else if ((run.walAtKill ?? 0) > 0) phases.walHalfWritten++
          else phases.inMemory++
        }
        rmSync(dir, { recursive: true, force: true })
      }
      console.log(
        `crash test: ${ROWS} rows; one run without a kill ${Math.round(span)} ms (backup at ${Math.round(backupAt)} ms, commit at ${Math.round(commitAt)} ms); ` +
          `${RUNS} kills (${spread} spread over the run, ${atCommit} in the commit; seed ${SEED}): ${outcomes.none} left none of the batch, ${outcomes.all} all of it, ` +
          `${outcomes.finished} finished before the kill. Killed while reading ${phases.reading}, during the backup or the transaction in memory ${phases.inMemory}, ` +
          `with the commit half in the WAL ${phases.walHalfWritten}, after the commit (checkpoint, exit) ${phases.afterCommit}`,
      )
      expect(outcomes.none + outcomes.all + outcomes.finished).toBe(RUNS)
    },
    60_000 + RUNS * 30_000,
  )

  it('a backup cut short by a kill is never listed, and the database itself is untouched', async () => {
    const wanted = inspect(fullDb).counts
    for (const delayMs of [0, 10, 30]) {
      const dir = join(work, `backup-${delayMs}`)
      mkdirSync(dir, { recursive: true })
      const db = join(dir, 'school.sqlite')
      copyFileSync(fullDb, db) // 10,000 pupils: the copy takes long enough to be cut short
      const backups = join(dir, 'backups')
      const child = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'electron/cli.ts', 'backup', '--db', db], { cwd: REPO, stdio: 'ignore' })
      // Killed once the copy has begun to fill its file.
      let partialSeen = false
      const watch = setInterval(() => {
        const copy = existsSync(backups) ? readdirSync(backups).find((f) => /\.sqlite(\.part)?$/.test(f)) : undefined
        if (partialSeen || !copy || statSync(join(backups, copy)).size === 0) return
        partialSeen = true
        setTimeout(() => child.kill('SIGKILL'), delayMs)
      }, 1)
      const signal = await new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_, s) => done(s)))
      clearInterval(watch)
      expect(partialSeen, `${delayMs} ms: the backup was under way`).toBe(true)
      const where = `killed ${delayMs} ms into the backup (${signal ?? 'finished'})`
      for (const b of listBackups(db)) expect(verifyBackup(b.file), `${where}: ${b.name} is listed`).toBe(true)
      const state = inspect(db)
      expect(state.integrity, where).toBe('ok')
      expect(state.counts, where).toEqual(wanted)
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})

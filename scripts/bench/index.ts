// npm run bench [-- --json FILE] [--only id,id]
// The benchmark: each case through the app's API (core.dispatch) side by side with its baseline
// (the raw libraries doing the same job), on generated data in a temporary folder. Every side of
// every case runs in child processes of its own, so each has its own honest peak RSS; app and
// baseline children take turns, so that a busy spell on the machine falls on both.
// Prints a table with min and median, the ratio of the medians, and the target beside each figure
// (MIST when missed); --json FILE writes the same and the raw samples.
process.env.TZ = 'Europe/Amsterdam'
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchFiles } from '../../tests/helpers/bench-files.ts'
import { machine, printTable } from './report.ts'
import type { BenchCase, Measured, Row, Samples } from './types.ts'

/** The cases in the order they run; each module is loaded only where it is needed. */
const CASES: Record<string, () => Promise<BenchCase>> = {
  start: async () => (await import('./cases/start.ts')).startCase,
  search: async () => (await import('./cases/register.ts')).searchCase,
  'no-consent': async () => (await import('./cases/register.ts')).noConsentCase,
  overview: async () => (await import('./cases/register.ts')).overviewCase,
  record: async () => (await import('./cases/register.ts')).recordCase,
  'class-list': async () => (await import('./cases/documents.ts')).classListCase,
  dossier: async () => (await import('./cases/documents.ts')).dossierCase,
  forms: async () => (await import('./cases/documents.ts')).formsCase,
  import: async () => (await import('./cases/import.ts')).importCase,
  stall: async () => (await import('./cases/stall.ts')).stallCase,
  screen: async () => (await import('./cases/screen.ts')).screenCase,
  scan: async () => (await import('./cases/scan.ts')).scanCase,
  'scan-jbig2': async () => (await import('./cases/scan-drawn.ts')).scanJbig2Case,
  'scan-vector': async () => (await import('./cases/scan-drawn.ts')).scanVectorCase,
}

type ChildMessage = { samples: Samples; peakRssMb: number } | { error: string }

/** In a child: run one side of one case, report samples and peak RSS to the parent. */
async function child(id: string, side: 'app' | 'baseline', dir: string, runs: number): Promise<void> {
  const load = CASES[id]
  let message: ChildMessage
  try {
    if (!load) throw new Error(`unknown case ${id}`)
    const samples = await (await load())[side].run(benchFiles(dir), runs)
    message = { samples, peakRssMb: process.resourceUsage().maxRSS / 1024 }
  } catch (e) {
    message = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) }
  }
  process.send?.(message, () => process.exit(0))
}

function runChild(id: string, side: 'app' | 'baseline', dir: string, runs: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const proc = fork(import.meta.filename, ['--child', id, '--side', side, '--dir', dir, '--runs', String(runs)], { execArgv: process.execArgv })
    let result: ChildMessage | undefined
    proc.on('message', (m) => (result = m as ChildMessage))
    proc.on('error', reject)
    proc.on('exit', (code) => {
      if (!result) reject(new Error(`${id} (${side}): the child process stopped (exit code ${code}) without a result`))
      else if ('error' in result) reject(new Error(`${id} (${side}): ${result.error}`))
      else resolve(result)
    })
  })
}

/** Children per side of a case that is not fresh; app and baseline children take turns. */
const ROUNDS = 2

function merge(parts: Measured[]): Measured {
  const samples: Samples = {}
  for (const p of parts) for (const [k, v] of Object.entries(p.samples)) (samples[k] ??= []).push(...v)
  return { samples, peakRssMb: Math.max(...parts.map((p) => p.peakRssMb)) }
}

/**
 * Both sides of a case, app and baseline children taking turns (ROUNDS each, or one per run for a
 * fresh case), so that a busy spell on the machine falls on both and the ratio stays fair.
 */
async function measure(c: BenchCase, dir: string): Promise<{ app: Measured; baseline: Measured }> {
  const rounds = c.fresh ? c.runs : ROUNDS
  const perChild = c.fresh ? 1 : Math.ceil(c.runs / rounds)
  const parts: Record<'app' | 'baseline', Measured[]> = { app: [], baseline: [] }
  for (let i = 0; i < rounds; i++) for (const side of ['app', 'baseline'] as const) parts[side].push(await runChild(c.id, side, dir, perChild))
  return { app: merge(parts.app), baseline: merge(parts.baseline) }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      only: { type: 'string' },
      child: { type: 'string' },
      side: { type: 'string' },
      dir: { type: 'string' },
      runs: { type: 'string' },
    },
  })
  if (values.child) {
    await child(values.child, values.side === 'baseline' ? 'baseline' : 'app', values.dir ?? '', Number(values.runs ?? 1))
    return 0
  }
  const only = values.only?.split(',')
  const ids = Object.keys(CASES).filter((id) => !only || only.includes(id))
  if (only && ids.length !== only.length) {
    process.stderr.write(`Onbekend geval in --only. Kies uit: ${Object.keys(CASES).join(', ')}\n`)
    return 2
  }
  const started = Date.now()
  const before = machine()
  const dir = mkdtempSync(join(tmpdir(), 'toestemmingsregister-bench-'))
  const cleanUp = (): void => rmSync(dir, { recursive: true, force: true })
  process.on('SIGINT', () => {
    cleanUp()
    process.exit(130)
  })
  try {
    process.stderr.write(`Gegevens maken in ${dir} ...`)
    const { prepare } = await import('../../tests/helpers/bench-data.ts')
    await prepare(dir)
    process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
    const results: { case: BenchCase; app: Measured; baseline: Measured; rows: Row[] }[] = []
    for (const id of ids) {
      const c = await (CASES[id] as () => Promise<BenchCase>)()
      const t = performance.now()
      process.stderr.write(`${c.title} ...`)
      const { app, baseline } = await measure(c, dir)
      process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(0)} s\n`)
      results.push({ case: c, app, baseline, rows: c.rows(app, baseline) })
    }
    const after = machine()
    const seconds = (Date.now() - started) / 1000
    printTable(
      results.map((r) => ({ title: r.case.title, runs: r.case.runs, fresh: r.case.fresh ?? false, rounds: ROUNDS, rows: r.rows })),
      before,
      after,
      seconds,
    )
    if (values.json) {
      const json = {
        machine: before,
        loadAfter: after.load,
        seconds,
        cases: results.map((r) => ({
          id: r.case.id,
          title: r.case.title,
          runs: r.case.runs,
          freshProcessPerRun: r.case.fresh ?? false,
          rows: r.rows,
          samples: { app: r.app.samples, baseline: r.baseline.samples },
          peakRssMb: { app: r.app.peakRssMb, baseline: r.baseline.peakRssMb },
        })),
      }
      writeFileSync(values.json, JSON.stringify(json, null, 2) + '\n')
      process.stdout.write(`JSON geschreven naar ${values.json}\n`)
    }
    return 0
  } finally {
    cleanUp()
  }
}

process.exitCode = await main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  return 1
})

// Cold start of the core on the register of 10,000: load the modules, open the database (file
// checks, pragmas, migrations, SQLite's quick check), and the first query of the first screen
// (pupils.list: all 10,000, in Dutch name order). Every sample in a fresh process; the file is in
// the OS's cache (it was just written), as it is on a second start of the day. Baseline:
// better-sqlite3 loaded, opened with the same pragmas, and the same SELECT without the sort in JS.
// The app's own way is measured first, in the fresh process: the core's worker thread started as
// the app, the CLI and the harness start it, up to the JSON of the first list in the host's hands.
// Only light imports at the top: loading the core is part of what is measured.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { NOW } from '../../../tests/helpers/bench-files.ts'
import { time } from '../../../tests/helpers/stats.ts'
import { row, series, under, type BenchCase } from '../types.ts'

const LIST_SQL = `SELECT p.id, p.student_number, p.first_name, p.last_name_prefix, p.last_name, p.birth_date, g.id AS groupId, g.name AS groupName, p.left_on
  FROM pupils p LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = ? LEFT JOIN groups g ON g.id = m.group_id
 WHERE p.left_on IS NULL ORDER BY p.last_name, p.first_name`

const BUILT_WORKER = resolve('out/main/worker.js')

/** Start the core's worker on `register` and wait for the first list's JSON: the ms it took. */
async function inWorker(register: string, workerPath: string | URL): Promise<number> {
  let count = 0
  const ms = await time(async () => {
    const { startCoreWorker } = await import('../../../electron/core/worker-host.ts')
    const host = await startCoreWorker({ workerPath, dbPath: register, appVersion: 'bench', fixedNow: NOW.toISOString(), resourcesDir: 'resources', silent: true })
    const json = await host.call('pupils.list', {})
    count = json.split('"studentNumber"').length - 1
    await host.close()
  })
  if (count !== 10_000) throw new Error(`pupils.list in the worker gave ${count} pupils`)
  return ms
}

export const startCase: BenchCase = {
  id: 'start',
  title: 'Koude start van de core, 10.000 leerlingen',
  runs: 5,
  fresh: true,
  app: {
    async run(files) {
      const worker = await inWorker(files.register, new URL('../../../electron/core/worker.ts', import.meta.url))
      // The bundle the app ships (npm run build), when there is one: no type stripping, one file.
      const built: Record<string, number[]> = existsSync(BUILT_WORKER) ? { built: [await inWorker(files.register, BUILT_WORKER)] } : {}
      let boot: typeof import('../../../electron/core/boot.ts') | undefined
      const load = await time(async () => {
        boot = await import('../../../electron/core/boot.ts')
        ;(await import('../../../electron/core/log.ts')).silenceLog()
      })
      let core: ReturnType<NonNullable<typeof boot>['openCore']> | undefined
      const open = await time(() => (core = boot?.openCore({ dbPath: files.register, appVersion: 'bench', now: () => NOW, resourcesDir: 'resources' })))
      let count = 0
      const query = await time(async () => {
        const r = await core?.dispatch('pupils.list', {})
        count = r?.ok ? (r.value as unknown[]).length : -1
      })
      core?.close()
      if (count !== 10_000) throw new Error(`pupils.list gave ${count} pupils`)
      return { worker: [worker], ...built, load: [load], open: [open], query: [query], openQuery: [open + query], all: [load + open + query] }
    },
  },
  baseline: {
    async run(files) {
      let Database: typeof import('better-sqlite3') | undefined
      const load = await time(async () => (Database = (await import('better-sqlite3')).default))
      let db: import('better-sqlite3').Database | undefined
      const open = await time(() => {
        if (!Database) return
        db = new Database(files.register)
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = FULL')
        db.pragma('foreign_keys = ON')
      })
      const query = await time(() => {
        const year = db?.prepare(`SELECT school_year_id FROM groups LIMIT 1`).pluck().get()
        if (db?.prepare(LIST_SQL).all(year).length !== 10_000) throw new Error('baseline list')
      })
      db?.close()
      return { worker: [load + open + query], built: [load + open + query], load: [load], open: [open], query: [query], openQuery: [open + query], all: [load + open + query] }
    },
  },
  rows(app, b) {
    const base = (key: string, label: string) => ({ label, ...series(b, key) })
    return [
      row(this, 'modules laden', series(app, 'load'), base('load', 'better-sqlite3 laden'), () => []),
      row(this, 'openen + migreren + controle', series(app, 'open'), base('open', 'new Database + pragma’s'), () => []),
      row(this, 'eerste query (pupils.list, 10.000)', series(app, 'query'), base('query', 'dezelfde SELECT'), () => []),
      row(this, 'totaal: laden + openen + eerste query', series(app, 'all'), base('all', 'idem, better-sqlite3'), () => []),
      row(this, 'worker starten tot eerste lijst (TypeScript: CLI, harness)', series(app, 'worker'), base('worker', 'idem, better-sqlite3 in dit proces'), () => []),
      ...(app.samples.built?.length ? [row(this, 'zoals het programma: gebouwde worker tot eerste lijst', series(app, 'built'), base('built', 'idem, better-sqlite3 in dit proces'), (m) => [under(400, m)])] : []),
    ]
  },
}

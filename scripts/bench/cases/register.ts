// The register at the desk: search as you type on 10,000 pupils, the no-consent list of a school
// of 1,500, the group overview, and recording a consent. Baselines: better-sqlite3 running the
// plain SQL for the same result, without the app's rules (current answer per guardian, wording
// versions, Dutch name order) around it.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Core } from '../../../electron/core/boot.ts'
import { NOW, STAFF, TODAY, type BenchFiles } from '../../../tests/helpers/bench-files.ts'
import { percentile, repeat, time } from '../../../tests/helpers/stats.ts'
import { baselineSeries, row, series, under, type BenchCase, type Samples } from '../types.ts'

/** The app, loaded only in the app's child process: a baseline's peak RSS is its own. */
const loadApp = () => import('../../../tests/helpers/bench-data.ts')

/** A raw connection with the app's pragmas. */
function rawDb(path: string, readonly = false): Database.Database {
  const db = new Database(path, { readonly, fileMustExist: true })
  if (!readonly) db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  return db
}

// ---- search as you type ----

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase()

/** 50 queries as a user types them: surnames with tussenvoegsel, names without their accents, numbers, codes, parents, a miss. */
function searchQueries(path: string): string[] {
  const db = rawDb(path, true)
  const pupil = db.prepare(`SELECT first_name AS f, last_name_prefix AS pre, last_name AS l, student_number AS nr, form_code AS code FROM pupils WHERE id = ?`)
  const parent = db.prepare(`SELECT g.name FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = ? ORDER BY pg.sort_order`).pluck()
  const queries = Array.from({ length: 50 }, (_, i) => {
    const id = 1 + ((i * 197) % 10_000)
    const p = pupil.get(id) as { f: string; pre: string; l: string; nr: string; code: string }
    const surname = [p.pre, p.l].filter(Boolean).join(' ')
    switch (i % 8) {
      case 0:
        return surname.toLowerCase()
      case 1:
        return fold(p.f)
      case 2:
        return `${p.f} ${surname}`
      case 3:
        return p.nr
      case 4:
        return (parent.get(id) as string).split(' ')[0] as string
      case 5:
        return fold(p.l).slice(0, 4)
      case 6:
        return p.code.toLowerCase()
      default:
        return i % 16 === 7 ? 'xqz' : `${fold(p.f)} ${fold(p.l).slice(0, 3)}`
    }
  })
  db.close()
  return queries
}

/** Every prefix of every query: one search per keystroke. */
const keystrokes = (queries: string[]): string[] => queries.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1))).filter((k) => k.trim())

/** Per run, the median (p50) and the 95th percentile (p95) of the `count` calls timed one after the other. */
async function percentilesPerRun(runs: number, count: number, call: (run: number, i: number) => unknown): Promise<Samples> {
  const out: Samples = { p50: [], p95: [] }
  for (let r = 0; r < runs; r++) {
    const ms: number[] = []
    for (let i = 0; i < count; i++) ms.push(await time(() => call(r, i)))
    out.p50?.push(percentile(ms, 0.5))
    out.p95?.push(percentile(ms, 0.95))
  }
  return out
}

async function searchRuns(runs: number, strokes: string[], search: (q: string) => unknown): Promise<Samples> {
  for (const k of strokes) await search(k) // warm-up
  return percentilesPerRun(runs, strokes.length, (_, i) => search(strokes[i] as string))
}

export const searchCase: BenchCase = {
  id: 'search',
  title: 'Zoeken tijdens typen, 10.000 leerlingen',
  runs: 4,
  app: {
    async run(files, runs) {
      const { call, openBenchCore } = await loadApp()
      const strokes = keystrokes(searchQueries(files.register))
      const core = openBenchCore(files.register)
      const out = await searchRuns(runs, strokes, (query) => call(core, 'pupils.search', { query }))
      core.close()
      return { ...out, keystrokes: [strokes.length] }
    },
  },
  baseline: {
    async run(files, runs) {
      const strokes = keystrokes(searchQueries(files.register))
      const db = rawDb(files.register, true)
      const stmts = new Map<number, Database.Statement>()
      const out = await searchRuns(runs, strokes, (query) => {
        const words = fold(query)
          .split(/[\s,]+/)
          .filter(Boolean)
        let stmt = stmts.get(words.length)
        if (!stmt) {
          const where = words.map(() => `search_text LIKE ?`).join(' AND ')
          stmt = db.prepare(`SELECT id, first_name, last_name_prefix, last_name FROM pupils WHERE ${where} AND left_on IS NULL ORDER BY last_name, first_name LIMIT 50`)
          stmts.set(words.length, stmt)
        }
        return stmt.all(...words.map((w) => `%${w}%`))
      })
      db.close()
      return out
    },
  },
  rows(app, b) {
    const n = app.samples.keystrokes?.[0] ?? 0
    return [
      row(this, `p50 per toetsaanslag (${n} aanslagen, 50 zoekopdrachten)`, series(app, 'p50'), baselineSeries(b, 'p50', 'better-sqlite3 LIKE, 50 op naam'), () => []),
      row(this, 'p95 per toetsaanslag', series(app, 'p95'), baselineSeries(b, 'p95', 'better-sqlite3 LIKE, 50 op naam'), (m, ratio) => [under(20, m), { text: '≤ LIKE', met: ratio !== undefined && ratio <= 1 }]),
    ]
  },
}

// ---- lists: no-consent list and group overview, school of 1,500 ----

const CURRENT = `WITH cur AS (
  SELECT pupil_id, purpose_id, decision, row_number() OVER (PARTITION BY pupil_id, purpose_id ORDER BY effective_from DESC, id DESC) AS n
    FROM consent_records WHERE effective_from <= @today)`

const NO_CONSENT_SQL = `${CURRENT}
SELECT p.id, p.first_name, p.last_name_prefix, p.last_name, g.name AS groupName, pu.id AS purposeId, coalesce(c.decision, 'unknown') AS decision
  FROM pupils p
  JOIN purposes pu ON pu.active = 1
  LEFT JOIN group_memberships m ON m.pupil_id = p.id AND m.school_year_id = @year
  LEFT JOIN groups g ON g.id = m.group_id
  LEFT JOIN cur c ON c.pupil_id = p.id AND c.purpose_id = pu.id AND c.n = 1
 WHERE p.left_on IS NULL AND coalesce(c.decision, 'unknown') <> 'granted'
 ORDER BY pu.sort_order, g.name, p.last_name, p.first_name`

const OVERVIEW_SQL = `${CURRENT}
SELECT g.id, g.name, pu.id AS purposeId, sum(c.decision = 'granted') AS granted, sum(c.decision = 'refused') AS refused, sum(c.decision IS NULL) AS unknown
  FROM group_memberships m
  JOIN pupils p ON p.id = m.pupil_id AND p.left_on IS NULL
  JOIN groups g ON g.id = m.group_id
  JOIN purposes pu ON pu.active = 1
  LEFT JOIN cur c ON c.pupil_id = p.id AND c.purpose_id = pu.id AND c.n = 1
 WHERE m.school_year_id = @year
 GROUP BY g.id, pu.id`

type Call = Awaited<ReturnType<typeof loadApp>>['call']

function listCase(id: string, title: string, label: string, target: number | null, method: (core: Core, call: Call) => Promise<unknown>, sql: string): BenchCase {
  return {
    id,
    title,
    runs: 20,
    app: {
      async run(files, runs) {
        const { call, openBenchCore } = await loadApp()
        const core = openBenchCore(files.school)
        const ms = await repeat(runs, () => method(core, call))
        core.close()
        return { ms }
      },
    },
    baseline: {
      async run(files, runs) {
        const db = rawDb(files.school, true)
        const year = db.prepare(`SELECT school_year_id FROM groups LIMIT 1`).pluck().get()
        const stmt = db.prepare(sql)
        const ms = await repeat(runs, () => stmt.all({ today: TODAY, year }))
        db.close()
        return { ms }
      },
    },
    rows(a, b) {
      return [row(this, label, series(a, 'ms'), baselineSeries(b, 'ms', 'better-sqlite3, één SQL-query'), (m) => (target === null ? [] : [under(target, m)]))]
    },
  }
}

export const noConsentCase = listCase('no-consent', 'Geen-toestemmingslijst, 1.500 leerlingen', 'consent.noConsentList, hele school', 50, (core, call) => call(core, 'consent.noConsentList', {}), NO_CONSENT_SQL)
export const overviewCase = listCase('overview', 'Groepsoverzicht, 1.500 leerlingen', 'groups.overview, 56 groepen × 8 doelen', null, (core, call) => call(core, 'groups.overview', {}), OVERVIEW_SQL)

// ---- recording a consent (a form handed in at the desk: an answer for all 8 purposes) ----

const RECORDINGS = 50

function copySchool(files: BenchFiles, name: string): string {
  const path = join(files.dir, name)
  copyFileSync(files.school, path)
  return path
}
const removeDb = (path: string): void => ['', '-wal', '-shm'].forEach((s) => rmSync(path + s, { force: true }))

async function recordRuns(runs: number, record: (i: number) => unknown): Promise<Samples> {
  for (let i = 0; i < 5; i++) await record(i) // warm-up
  return percentilesPerRun(runs, RECORDINGS, (r, i) => record(10 + r * RECORDINGS + i))
}

export const recordCase: BenchCase = {
  id: 'record',
  title: 'Toestemming vastleggen (8 doelen)',
  runs: 4,
  app: {
    async run(files, runs) {
      const { call, openBenchCore } = await loadApp()
      const path = copySchool(files, 'record-app.sqlite')
      const core = openBenchCore(path)
      const purposes = await call(core, 'purposes.list', {})
      const out = await recordRuns(runs, (i) =>
        call(core, 'consent.record', {
          pupilId: 1 + ((i * 37) % 1500),
          decisions: purposes.map((p, k) => ({ purposeId: p.id, decision: (i + k) % 4 === 0 ? ('refused' as const) : ('granted' as const) })),
          effectiveFrom: TODAY,
          source: 'paper_form',
          sourceDetail: 'toestemmingsformulier',
        }),
      )
      core.close()
      removeDb(path)
      return out
    },
  },
  baseline: {
    async run(files, runs) {
      const path = copySchool(files, 'record-baseline.sqlite')
      const db = rawDb(path)
      const purposes = db.prepare(`SELECT id, version FROM purposes WHERE active = 1`).all() as { id: number; version: number }[]
      const insert = db.prepare(
        `INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, source_detail, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, 'paper_form', 'toestemmingsformulier', ?, ?)`,
      )
      const record = db.transaction((i: number) => {
        purposes.forEach((p, k) => insert.run(1 + ((i * 37) % 1500), p.id, p.version, (i + k) % 4 === 0 ? 'refused' : 'granted', TODAY, STAFF, NOW.toISOString()))
      })
      const out = await recordRuns(runs, (i) => record(i))
      db.close()
      removeDb(path)
      return out
    },
  },
  rows(app, b) {
    return [
      row(this, `consent.record p50 (${RECORDINGS} keer)`, series(app, 'p50'), baselineSeries(b, 'p50', 'better-sqlite3, 8 INSERTs in 1 transactie'), () => []),
      row(this, 'consent.record p95', series(app, 'p95'), baselineSeries(b, 'p95', 'better-sqlite3, 8 INSERTs in 1 transactie'), (m) => [under(10, m)]),
    ]
  },
}

// Import of a foundation's export of 10,000 pupils, as the wizard calls it: analyze, preview,
// commit (backup first, one transaction). Each run in a fresh process, since the importer keeps
// the read workbook in a small cache between the steps of one import (as it does for a user).
// Baselines: exceljs only reading the workbook; better-sqlite3 only inserting the same rows
// (groups, guardians, pupils, memberships, links, consent records) in one transaction.
// The app is loaded only in the app's child process (dynamic import), so a baseline's peak RSS is its own.
import { copyFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import type { ApiOutputs } from '../../../shared/api.ts'
import { generateSchool } from '../../../electron/core/school/generate.ts'
import { EXPORT, NOW, STAFF, type BenchFiles } from '../../../tests/helpers/bench-files.ts'
import { summarize, time } from '../../../tests/helpers/stats.ts'
import { rateAtLeast, row, under, type BenchCase, type Measured, type Samples } from '../types.ts'

const sum = (m: Measured, ...keys: string[]): number[] => (m.samples[keys[0] as string] ?? []).map((_, i) => keys.reduce((s, k) => s + (m.samples[k]?.[i] ?? 0), 0))

function freshRegister(files: BenchFiles, name: string): string {
  const path = join(files.dir, name)
  copyFileSync(files.emptyRegister, path)
  return path
}

function removeRegister(files: BenchFiles, path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  rmSync(join(files.dir, 'backups'), { recursive: true, force: true })
}

async function appRun(files: BenchFiles): Promise<Samples> {
  const { call, openBenchCore } = await import('../../../tests/helpers/bench-data.ts')
  const path = freshRegister(files, 'import-app.sqlite')
  const core = openBenchCore(path)
  const input = { files: [{ name: 'stichting-10000.xlsx', data: readFileSync(files.workbook).toString('base64') }], mappings: [], decisions: [] }
  let analysis: ApiOutputs['imports.analyze'] | undefined
  let preview: ApiOutputs['imports.preview'] | undefined
  let commit: ApiOutputs['imports.commit'] | undefined
  const analyze = await time(async () => (analysis = await call(core, 'imports.analyze', { files: input.files })))
  const previewMs = await time(async () => (preview = await call(core, 'imports.preview', input)))
  const commitMs = await time(async () => (commit = await call(core, 'imports.commit', input)))
  core.close()
  removeRegister(files, path)
  // A figure for a file read wrongly would be worthless: the export must come in whole.
  const s = preview?.summary
  if (analysis?.layouts[0]?.layout !== 'table' || s?.pupils !== 10_000 || s.rowErrors !== 0 || (commit?.batch?.counts.pupilsCreated ?? 0) < 9_900) {
    throw new Error(`import read wrongly: layout ${analysis?.layouts[0]?.layout}, summary ${JSON.stringify(s)}`)
  }
  return { analyze: [analyze], preview: [previewMs], commit: [commitMs] }
}

/** The same rows, written with prepared statements in one transaction, with the app's pragmas. */
function insertRows(path: string, school: ReturnType<typeof generateSchool>): void {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  const now = NOW.toISOString()
  const today = now.slice(0, 10)
  db.transaction(() => {
    const yearId = db.prepare(`SELECT id FROM school_years ORDER BY starts_on DESC LIMIT 1`).pluck().get() as number
    const purposes = new Map((db.prepare(`SELECT code, id, version FROM purposes`).all() as { code: string; id: number; version: number }[]).map((p) => [p.code, p]))
    const group = db.prepare(`INSERT INTO groups (school_year_id, name, created_at) VALUES (?, ?, ?)`)
    const groups = new Map(school.groups.map((g) => [g.name, group.run(yearId, g.name, now).lastInsertRowid]))
    const guardian = db.prepare(`INSERT INTO guardians (name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
    const guardians = new Map(school.guardians.map((g) => [g.key, guardian.run(g.name, g.email, g.phone, now, now).lastInsertRowid]))
    const pupil = db.prepare(`INSERT INTO pupils (student_number, first_name, last_name_prefix, last_name, birth_date, form_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    const member = db.prepare(`INSERT INTO group_memberships (pupil_id, school_year_id, group_id) VALUES (?, ?, ?)`)
    const link = db.prepare(`INSERT INTO pupil_guardians (pupil_id, guardian_id, sort_order) VALUES (?, ?, ?)`)
    const consent = db.prepare(`INSERT INTO consent_records (pupil_id, purpose_id, purpose_version, decision, effective_from, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, 'enrolment_form', ?, ?)`)
    school.pupils.forEach((p, i) => {
      const id = pupil.run(p.studentNumber, p.firstName, p.lastNamePrefix, p.lastName, p.birthDate, `TR-B${String(i).padStart(5, '0')}`, now, now).lastInsertRowid
      member.run(id, yearId, groups.get(p.group))
      p.guardianKeys.forEach((k, order) => link.run(id, guardians.get(k), order))
      for (const [code, decision] of Object.entries(p.consents)) {
        const purpose = purposes.get(code)
        if (purpose) consent.run(id, purpose.id, purpose.version, decision, today, STAFF, now)
      }
    })
  })()
  db.close()
}

async function baselineRun(files: BenchFiles): Promise<Samples> {
  const bytes = readFileSync(files.workbook)
  const read = await time(async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
    if ((wb.worksheets[0]?.rowCount ?? 0) < 10_000) throw new Error('exceljs read too few rows')
  })
  const school = generateSchool(EXPORT)
  const path = freshRegister(files, 'import-baseline.sqlite')
  const insert = await time(() => insertRows(path, school))
  removeRegister(files, path)
  return { read: [read], insert: [insert] }
}

export const importCase: BenchCase = {
  id: 'import',
  title: 'Import 10.000 rijen (xlsx)',
  runs: 3,
  fresh: true,
  app: { run: (files) => appRun(files) },
  baseline: { run: (files) => baselineRun(files) },
  rows(app, base) {
    const read = { label: 'exceljs leest', value: summarize(base.samples.read ?? []), rss: base.peakRssMb }
    const readAndInsert = { label: 'exceljs leest + better-sqlite3 schrijft', value: summarize(sum(base, 'read', 'insert')), rss: base.peakRssMb }
    const insert = { label: 'better-sqlite3 schrijft (1 transactie)', value: summarize(base.samples.insert ?? []), rss: base.peakRssMb }
    const a = (...keys: string[]) => ({ value: summarize(sum(app, ...keys)), rss: app.peakRssMb })
    return [
      row(this, 'inlezen (imports.analyze)', a('analyze'), read, () => []),
      row(this, 'voorbeeld (imports.preview, na analyze)', a('preview'), undefined, () => []),
      row(this, 'bestand tot voorbeeld (analyze + preview)', a('analyze', 'preview'), read, (m, r) => [under(3000, m), rateAtLeast(3, r)]),
      row(this, 'opslaan (imports.commit, na preview)', a('commit'), insert, (m) => [under(2000, m)]),
      row(this, 'hele import (analyze + preview + commit)', a('analyze', 'preview', 'commit'), readAndInsert, () => []),
    ]
  },
}

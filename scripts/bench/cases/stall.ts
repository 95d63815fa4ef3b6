// The thread that keeps the window alive, during the heaviest jobs: its longest stall (event-loop
// delay) while the core's worker imports 10,000 rows (preview, commit) and makes 500 consent forms
// (see tests/helpers/stall.ts). Baseline: the same jobs run on that thread itself, as the core ran before it
// had a worker. Each run in a fresh process, on a fresh copy of the school of 1,500.
import { copyFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { FORM_PUPILS, type BenchFiles } from '../../../tests/helpers/bench-files.ts'
import { longestStall } from '../../../tests/helpers/stall.ts'
import { row, series, under, type BenchCase } from '../types.ts'

function freshSchool(files: BenchFiles, name: string): string {
  const path = join(files.dir, name)
  copyFileSync(files.school, path)
  return path
}

function removeSchool(files: BenchFiles, path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  rmSync(join(files.dir, 'backups'), { recursive: true, force: true })
}

export const stallCase: BenchCase = {
  id: 'stall',
  title: 'Langste hapering van de hoofdthread tijdens zwaar werk',
  runs: 3,
  fresh: true,
  app: {
    async run(files) {
      const { measureStalls } = await import('../../../tests/helpers/stall.ts')
      const path = freshSchool(files, 'stall-app.sqlite')
      const s = await measureStalls(path, files.workbook, FORM_PUPILS)
      removeSchool(files, path)
      if (s.batchId === null) throw new Error('the import in the worker wrote nothing')
      return {
        spinning: [s.spinning],
        preview: [s.importPreview],
        commit: [s.importCommit],
        forms: [s.forms],
        previewTurn: [s.hostTurn.importPreview],
        commitTurn: [s.hostTurn.importCommit],
        formsTurn: [s.hostTurn.forms],
      }
    },
  },
  baseline: {
    async run(files) {
      const { call, openBenchCore } = await import('../../../tests/helpers/bench-data.ts')
      const path = freshSchool(files, 'stall-baseline.sqlite')
      const core = openBenchCore(path)
      const input = { files: [{ name: 'stichting-10000.xlsx', data: readFileSync(files.workbook).toString('base64') }] }
      const preview = await longestStall(() => call(core, 'imports.preview', input))
      let batch: unknown = null
      const commit = await longestStall(async () => (batch = (await call(core, 'imports.commit', input)).batch))
      const forms = await longestStall(() => call(core, 'documents.consentForms', { pupilIds: FORM_PUPILS, onlyWithoutAnswer: false, delivery: 'data' }))
      core.close()
      removeSchool(files, path)
      if (batch === null) throw new Error('the import on the main thread wrote nothing')
      return { spinning: [0], preview: [preview], commit: [commit], forms: [forms], previewTurn: [0], commitTurn: [0], formsTurn: [0] }
    },
  },
  rows(app, b) {
    const base = (key: string, label: string) => ({ label, ...series(b, key) })
    return [
      row(this, 'naast twee draaiende threads (wat de machine zelf doet)', series(app, 'spinning'), undefined, () => []),
      row(this, 'import 10.000 rijen: voorbeeld', series(app, 'preview'), base('preview', 'de core op de hoofdthread'), (m) => [under(50, m)]),
      row(this, 'import 10.000 rijen: opslaan', series(app, 'commit'), base('commit', 'de core op de hoofdthread'), (m) => [under(50, m)]),
      row(this, '500 toestemmingsformulieren', series(app, 'forms'), base('forms', 'de core op de hoofdthread'), (m) => [under(50, m)]),
      // What our own code costs the host thread in its busiest 5 ms (CPU time): the stall minus the OS's waiting.
      row(this, 'eigen werk van de hoofdthread, drukste beurt: voorbeeld', series(app, 'previewTurn'), undefined, () => []),
      row(this, 'eigen werk van de hoofdthread, drukste beurt: opslaan', series(app, 'commitTurn'), undefined, () => []),
      row(this, 'eigen werk van de hoofdthread, drukste beurt: 500 formulieren', series(app, 'formsTurn'), undefined, () => []),
    ]
  },
}

// The layering rules in .oxlintrc.json, broken on purpose: each case writes one file with a
// forbidden import at a real place of the tree, in a temporary copy (the repo's lint config and
// that one file), runs the linter there and expects it to fail with that rule's tag; the allowed
// imports beside them must pass, so a rule that is too broad fails too.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const oxlint = join(root, 'node_modules', 'oxlint', 'bin', 'oxlint')
const work = mkdtempSync(join(tmpdir(), 'lint-rules-'))
copyFileSync(join(root, '.oxlintrc.json'), join(work, '.oxlintrc.json'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let probes = 0
/** Lints `code` as if it were the file at `path` in the tree: the linter's exit code and report. */
function lintAs(path: string, code: string): { status: number | null; report: string } {
  const dir = join(work, `probe-${++probes}`)
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  copyFileSync(join(work, '.oxlintrc.json'), join(dir, '.oxlintrc.json'))
  writeFileSync(join(dir, path), code)
  const run = spawnSync(process.execPath, [oxlint, '--deny-warnings', '-c', '.oxlintrc.json', path], { cwd: dir, encoding: 'utf8' })
  return { status: run.status, report: `${run.stdout}${run.stderr}` }
}

const broken: [rule: string, path: string, code: string][] = [
  ['core-no-electron', 'electron/core/consent/consent.service.ts', "import { app } from 'electron'\nexport const probe = app\n"],
  ['core-no-electron', 'electron/core/worker.ts', "import { ipcMain } from 'electron/main'\nexport const probe = ipcMain\n"],
  ['pure-no-database', 'electron/core/documents/qr.ts', "import type { Db } from '../db/open.ts'\nexport type Probe = Db\n"],
  ['pure-no-database', 'electron/core/documents/dossier.ts', "import { consentHistory } from '../consent/consent.service.ts'\nexport const probe = consentHistory\n"],
  ['pure-no-database', 'electron/core/imports/csv.ts', "import Database from 'better-sqlite3'\nexport const probe = Database\n"],
  ['pure-no-database', 'electron/core/imports/read.ts', "import type { CoreContext } from '../context.ts'\nexport type Probe = CoreContext\n"],
  ['renderer-no-electron', 'renderer/src/api.ts', "import { handlers } from '../../electron/core/api.ts'\nexport const probe = handlers\n"],
  ['renderer-no-electron', 'renderer/src/main.tsx', "import { ipcRenderer } from 'electron'\nexport const probe = ipcRenderer\n"],
  ['page-no-page', 'renderer/src/pages/groups/GroupsPage.tsx', "import { GroupPage } from '../group/GroupPage.tsx'\nexport const probe = GroupPage\n"],
  ['page-no-page', 'renderer/src/pages/settings/DocumentSettings.tsx', "import '../print/print.css'\nexport const probe = 1\n"],
  ['component-no-page', 'renderer/src/components/Tabs.tsx', "import { PupilPage } from '../pages/pupil/PupilPage.tsx'\nexport const probe = PupilPage\n"],
  ['shared-stays-shared', 'shared/domain.ts', "import { readFileSync } from 'node:fs'\nexport const probe = readFileSync\n"],
  ['shared-stays-shared', 'shared/text.ts', "import type { Db } from '../electron/core/db/open.ts'\nexport type Probe = Db\n"],
  ['cli-through-table', 'electron/cli/print.ts', "import { consentForms } from '../core/documents/documents.service.ts'\nexport const probe = consentForms\n"],
  ['cli-through-table', 'electron/cli.ts', "import { openDatabase } from './core/db/open.ts'\nexport const probe = openDatabase\n"],
  ['cli-through-table', 'electron/cli/import.ts', "import { importsHandlers } from '../core/imports/imports.handlers.ts'\nexport const probe = importsHandlers\n"],
  ['tests-no-scripts', 'tests/unit/probe.test.ts', "import { summarize } from '../../scripts/bench/report.ts'\nexport const probe = summarize\n"],
]

const allowed: [what: string, path: string, code: string][] = [
  ['a service reads the database', 'electron/core/consent/consent.service.ts', "import type { Db } from '../db/open.ts'\nexport type Probe = Db\n"],
  [
    'a page uses components, its own files and shared/',
    'renderer/src/pages/groups/GroupsPage.tsx',
    "import { GroupForm } from '../../components/GroupForm.tsx'\nimport { formatMoment } from '../../../../shared/dates.ts'\nimport './groups.css'\nexport const probe = [GroupForm, formatMoment]\n",
  ],
  [
    'a layout uses the other layouts and shared/',
    'electron/core/documents/dossier.ts',
    "import { createDocument } from './pdf-base.ts'\nimport { formatPrintedMoment } from '../../../shared/dates.ts'\nexport const probe = [createDocument, formatPrintedMoment]\n",
  ],
  [
    'the CLI uses the typed call, the worker host and shared/',
    'electron/cli/print.ts',
    "import { call } from '../core/call.ts'\nimport type { CoreHost } from '../core/worker-host.ts'\nimport { writeFileAtomic } from '../core/documents/write-file.ts'\nexport const probe = [call, writeFileAtomic]\nexport type Probe = CoreHost\n",
  ],
  [
    'a test uses tests/helpers and the core',
    'tests/unit/probe.test.ts',
    "import { best } from '../helpers/stats.ts'\nimport { openDatabase } from '../../electron/core/db/open.ts'\nexport const probe = [best, openDatabase]\n",
  ],
]

describe('the layering rules fail on a deliberate violation', () => {
  it.each(broken)('%s: a forbidden import in %s', (rule, path, code) => {
    const { status, report } = lintAs(path, code)
    expect(status, report).toBe(1)
    expect(report).toContain('no-restricted-imports')
    expect(report).toContain(`[${rule}]`)
  })

  it.each(allowed)('and pass what is allowed: %s', (_what, path, code) => {
    const { status, report } = lintAs(path, code)
    expect(report).not.toContain('no-restricted-imports')
    expect(status, report).toBe(0)
  })

  it('name only files that exist, so a renamed layout or reader does not silently leave its rule', () => {
    const config = JSON.parse(readFileSync(join(root, '.oxlintrc.json'), 'utf8')) as { overrides: { files: string[] }[] }
    const named = config.overrides.flatMap((o) => o.files).filter((f) => !f.includes('*'))
    expect(named.length).toBeGreaterThan(30)
    expect(named.filter((f) => !existsSync(join(root, f)))).toEqual([])
  })
})

// The import benchmark: a 10,000-row workbook read by exceljs alone, previewed, and committed,
// side by side. Used by tests/imports/performance.test.ts and scripts/bench-import.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { openCore } from '../../electron/core/boot.ts'
import { commitImport, previewImport } from '../../electron/core/imports/imports.service.ts'
import { clearReadCache } from '../../electron/core/imports/prepare.ts'
import { bigWorkbook } from './big-workbook.ts'

export interface BenchResult {
  rows: number
  bytes: number
  /** exceljs merely reading the workbook (load + visiting every row), ms. */
  exceljsRead: number
  /** Read, find the table, map, check every row, match against the register, ms. */
  preview: number
  /** After the preview (the wizard's order): backup, one transaction, ms. */
  commit: number
  /** Pipeline rate / exceljs rate (>= 1/3 required). */
  ratio: number
}

const best = (xs: number[]): number => Math.min(...xs)

export async function benchImport(rounds = 3, rows = 10_000): Promise<BenchResult> {
  const workbook = await bigWorkbook(rows)
  const files = [{ name: 'leerlingen-10000.xlsx', data: workbook.toString('base64') }]
  const read: number[] = []
  const preview: number[] = []
  const commit: number[] = []
  for (let round = 0; round < rounds; round++) {
    let t = performance.now()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(workbook as unknown as ExcelJS.Buffer)
    let cells = 0
    wb.worksheets[0]?.eachRow((row) => (cells += (row.values as unknown[]).length))
    read.push(performance.now() - t)

    const dir = mkdtempSync(join(tmpdir(), 'tr-bench-'))
    const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'bench' })
    try {
      await core.dispatch('school.setup', { mode: 'empty' })
      clearReadCache()
      t = performance.now()
      const p = await previewImport(core.ctx, { files, mappings: [], decisions: [] })
      preview.push(performance.now() - t)
      if (p.summary.new !== rows) throw new Error(`preview found ${p.summary.new} new pupils`)
      t = performance.now()
      const c = await commitImport(core.ctx, { files, mappings: [], decisions: [] }, { actor: 'bench' })
      commit.push(performance.now() - t)
      if (c.batch?.counts.pupilsCreated !== rows) throw new Error('commit did not create every pupil')
    } finally {
      core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const r = { rows, bytes: workbook.length, exceljsRead: best(read), preview: best(preview), commit: best(commit), ratio: 0 }
  r.ratio = r.exceljsRead / r.preview
  return r
}

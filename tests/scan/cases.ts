// Small seeded scans for the reader's hard cases: a few of the round's pages, marked by markSheet or
// row by row as a case plans it (plus any extra ink it draws, with the answers that changes), put
// through the copier with the exact options a failure of the big corpus had, into one PDF; read
// back and scored like the corpus.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import { readScan } from '../../electron/core/scan/read.ts'
import type { BoxReading, ScannedPage } from '../../shared/scan.ts'
import { boxMark, copierPdf, copy, layoutOf, markSheet, prng, rasterise, score, type CopierOptions, type ExpectedPage, type MarkStyle, type Round, type Score } from './corpus.ts'

export interface CaseExtra {
  /** More ink on the page, in pixels (`s` pixels per point). */
  svg: string
  /** What a careful person reads on the rows the extra ink changes, by row index. */
  answers?: Record<number, BoxReading>
  /** The signature lines the extra ink signs, by slot. */
  signed?: number[]
}

/** A row's mark: which box, how; undefined leaves the row empty. */
export type RowPlan = { box: 'ja' | 'nee'; style: MarkStyle } | undefined

export interface CasePage {
  /** 1-based page of the round's printed forms. */
  formPage: number
  dpi: 150 | 200 | 300
  seed: number
  copier: CopierOptions
  /** Marks row by row (signature lines left blank); without it markSheet marks the page. */
  rows?: RowPlan[]
  extra?: (layout: SheetLayout, s: number) => CaseExtra
}

export const plainCopier: CopierOptions = { rotate: 0.8, shiftX: 0.002, shiftY: -0.003, scale: 0.99, blur: 0, speckles: 0, blackWhite: false, fold: false, upsideDown: false, quality: 75 }

function planned(r: () => number, layout: SheetLayout, s: number, rows: RowPlan[]): ReturnType<typeof markSheet> {
  const svg: string[] = []
  const answers = layout.rows.map((row, k) => {
    const plan = rows[k]
    if (plan) svg.push(boxMark(r, plan.box === 'ja' ? row.ja : row.nee, s, plan.style))
    return { purposeId: row.purposeId ?? 0, expected: plan?.box ?? ('geen' as const), style: plan?.style ?? ('none' as const) }
  })
  return { svg: svg.join(''), expected: { answers, signatures: layout.signatures.map((l) => ({ slot: l.slot, signed: false })) } }
}

/** The pages through the copier and the reader: what was read, what was on paper, and the score. */
export async function readCases(round: Round, dir: string, pages: CasePage[]): Promise<{ read: ScannedPage[]; expected: ExpectedPage[]; score: Score }> {
  const jpegs: Buffer[] = []
  const expected: ExpectedPage[] = []
  for (const [i, c] of pages.entries()) {
    const [p] = rasterise(round.pdf, join(dir, `case-${i}`), c.dpi, c.formPage, c.formPage)
    if (!p) throw new Error(`no page ${c.formPage}`)
    const layout = layoutOf(round.core, p.qr)
    const r = prng(c.seed)
    const s = c.dpi / 72
    const marking = c.rows ? planned(r, layout, s, c.rows) : markSheet(r, layout, s)
    const extra = c.extra?.(layout, s)
    const answers = marking.expected.answers.map((a, k) => {
      const changed = extra?.answers?.[k]
      return changed === undefined ? a : { ...a, expected: changed }
    })
    jpegs.push(await copy(r, p.png, marking.svg + (extra?.svg ?? ''), c.copier))
    const code = p.qr.split(' ')[0] as string
    const signatures = marking.expected.signatures.map((l) => (extra?.signed?.includes(l.slot) ? { ...l, signed: true } : l))
    expected.push({ code, pupilId: round.pupilByCode.get(code) ?? 0, upsideDown: c.copier.upsideDown, ...marking.expected, answers, signatures })
  }
  const file = join(dir, 'cases.pdf')
  writeFileSync(file, await copierPdf(jpegs))
  const read = await readScan(round.core.ctx, [{ name: 'cases.pdf', path: file }], { outDir: join(dir, 'out') })
  return { read, expected, score: score(read, expected) }
}

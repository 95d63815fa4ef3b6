// Reading a scan whose pages only pdf.js can draw: 100 marked pages from a black-and-white copier's
// 'high compression' (JBIG2, tests/scan/drawn-pages.ts), and 100 pages of a born-digital PDF (the
// round's printed forms: text and lines). Through the reader (core/scan/read.ts) as the review's job
// calls it, with its page readers; beside the time, the longest stall of the thread that runs the
// reader (the core's thread in the app: the front desk's look-ups wait that long) and that thread's
// own CPU time in its busiest 5 ms, and for the JBIG2 pages the reader's checks of what it read.
// Baseline: pdf.js drawing the same pages at 150 dpi in one thread, as the core did before.
// Made once per bench folder (SCAN_DRAWN_CORPUS=DIR keeps it in DIR to compare two versions).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchFiles } from '../../../tests/helpers/bench-files.ts'
import { summarize, time } from '../../../tests/helpers/stats.ts'
import { rateAtLeast, row, under, type BenchCase, type Measured } from '../types.ts'
import { pdfjsDrawingEveryPage } from './scan.ts'

const PAGES = Number(process.env.SCAN_DRAWN_PAGES ?? 100)
type Kind = 'jbig2' | 'vector'
const dirOf = (files: BenchFiles): string => process.env.SCAN_DRAWN_CORPUS ?? join(files.dir, 'scan-drawn')
const paths = (files: BenchFiles) => {
  const dir = dirOf(files)
  return { dir, jbig2: join(dir, 'scan-jbig2.pdf'), vector: join(dir, 'scan-vector.pdf'), db: join(dir, 'round.sqlite'), expected: join(dir, 'expected.json') }
}

async function corpus(files: BenchFiles): Promise<void> {
  const p = paths(files)
  if (existsSync(p.expected)) return
  mkdirSync(p.dir, { recursive: true })
  const { demoRound } = await import('../../../tests/scan/corpus.ts')
  const { drawnScan } = await import('../../../tests/scan/drawn-pages.ts')
  const round = await demoRound()
  const made = await drawnScan(round, join(p.dir, 'make'), PAGES, ['jbig2'], 20261201)
  writeFileSync(p.jbig2, made.pdf)
  // The printed forms, page 1 to PAGES (from the start again when the round has fewer).
  const printed = join(p.dir, 'make', 'round.pdf')
  writeFileSync(printed, round.pdf)
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [printed], { encoding: 'utf8' }))?.[1] ?? 0)
  execFileSync('pdfseparate', ['-l', String(Math.min(count, PAGES)), printed, join(p.dir, 'make', 'form-%d.pdf')])
  const parts = Array.from({ length: PAGES }, (_, i) => join(p.dir, 'make', `form-${(i % Math.min(count, PAGES)) + 1}.pdf`))
  execFileSync('pdfunite', [...parts, p.vector])
  writeFileSync(p.db, round.core.ctx.db.serialize())
  writeFileSync(p.expected, JSON.stringify(made.expected))
  round.core.close()
}

function drawnCase(kind: Kind): BenchCase {
  const what = kind === 'jbig2' ? `${PAGES} pagina’s JBIG2 (zwart-wit, hoge compressie)` : `${PAGES} pagina’s van een PDF zonder plaatjes (tekst en lijnen)`
  return {
    id: `scan-${kind}`,
    title: `Een scan lezen die pdf.js moet tekenen: ${what}`,
    runs: 1,
    fresh: true,
    app: {
      async run(files, runs) {
        await corpus(files)
        const p = paths(files)
        const { openCore } = await import('../../../electron/core/boot.ts')
        const { readScan } = await import('../../../electron/core/scan/read.ts')
        const { score } = await import('../../../tests/scan/corpus.ts')
        const { stallAndTurn } = await import('../../../tests/helpers/stall.ts')
        const core = openCore({ dbPath: p.db, appVersion: 'bench', now: () => new Date('2026-12-01T09:00:00Z'), lock: 'respect' })
        const out: Record<string, number[]> = { ms: [], stall: [], turn: [], wrongPupil: [], silent: [], unread: [] }
        for (let i = 0; i < runs; i++) {
          let pages: Awaited<ReturnType<typeof readScan>> = []
          let ms = 0
          const s = await stallAndTurn(async () => (ms = await time(async () => (pages = await readScan(core.ctx, [{ name: `${kind}.pdf`, path: p[kind] }], { outDir: core.ctx.temp.newDir() })))))
          out.ms?.push(ms)
          out.stall?.push(s.stall)
          out.turn?.push(s.turn)
          out.unread?.push(pages.filter((x) => x.status !== 'read').length)
          if (kind === 'jbig2') {
            const sc = score(pages, JSON.parse(readFileSync(p.expected, 'utf8')))
            out.wrongPupil?.push(sc.wrongPupil)
            out.silent?.push(sc.wrong.filter((w) => w.got !== 'onduidelijk').length + sc.falseSigned + (sc.signedBlocks - sc.signedFound))
          }
        }
        core.close()
        return out
      },
    },
    baseline: {
      async run(files, runs) {
        await corpus(files)
        const p = paths(files)
        const wasmUrl = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'pdfjs-dist', 'wasm') + '/'
        return { ms: await pdfjsDrawingEveryPage(p[kind], runs, wasmUrl) }
      },
    },
    rows(app: Measured, b: Measured) {
      const s = (key: string) => ({ value: summarize(app.samples[key] ?? []), rss: app.peakRssMb })
      const worst = (key: string): number => Math.max(...(app.samples[key] ?? [Number.NaN]))
      const checks = kind === 'jbig2' ? `; verkeerde leerling ${worst('wrongPupil')}, stil fout ${worst('silent')}` : ''
      return [
        row(this, `scan.read, ${what} (niet gelezen ${worst('unread')}${checks})`, s('ms'), { label: 'pdf.js, pagina’s tekenen op 150 dpi', value: summarize(b.samples.ms ?? []), rss: b.peakRssMb }, (m, r) => [
          // pdf.js alone draws these pages in one thread; the readers draw them side by side and then read each one
          // (marks, QR code, straightening, the page's picture), which costs about as much again: the same bound as the
          // copier scan's (scan.ts), where the pages are decoded instead of drawn.
          rateAtLeast(4, r),
          {
            text: kind === 'jbig2' ? 'alles gelezen, geen verkeerde leerling, niets stil fout' : 'alles gelezen',
            met: worst('unread') === 0 && (kind === 'vector' || (worst('wrongPupil') === 0 && worst('silent') === 0)),
          },
        ]),
        row(this, 'langste hapering van de thread van de core', s('stall'), undefined, (m) => [under(100, m)]),
        row(this, 'eigen werk van die thread, drukste beurt', s('turn'), undefined, (m) => [under(50, m)]),
      ]
    },
  }
}

export const scanJbig2Case = drawnCase('jbig2')
export const scanVectorCase = drawnCase('vector')

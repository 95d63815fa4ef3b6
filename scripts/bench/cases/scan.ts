// Reading a copier's scan of returned consent forms: 500 marked pages of a demo school's round
// (tests/scan/corpus.ts: 150/200/300 dpi, turned, blurred, specks, black and white, JPEG 30-90)
// in one PDF, through the reader (core/scan/read.ts) as the review's job calls it, with its checks
// of what it read (wrong pupil, wrong answers, signatures). The corpus is made once, by the first
// app child (minutes: pdftoppm and the marking), and kept in the bench folder with its register.
// Baseline: pdf.js rendering the same pages at 150 dpi into a canvas, which every reading needs.
// Beside the time, the CPU time of the whole process (the page readers' threads and sharp's
// included): on a machine shared with other work the time says little, the CPU time stays put.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchFiles } from '../../../tests/helpers/bench-files.ts'
import { summarize, time } from '../../../tests/helpers/stats.ts'
import { rateAtLeast, row, under, type BenchCase, type Measured } from '../types.ts'

const PAGES = Number(process.env.SCAN_BENCH_PAGES ?? 500)
/** SCAN_BENCH_CORPUS=DIR keeps the corpus in DIR (made there once, reused after), to compare two versions on the same pages. */
const corpusDir = (files: BenchFiles): string => process.env.SCAN_BENCH_CORPUS ?? join(files.dir, 'scan')
const paths = (files: BenchFiles) => ({ dir: corpusDir(files), pdf: join(corpusDir(files), 'scan-copier.pdf'), db: join(corpusDir(files), 'round.sqlite'), expected: join(corpusDir(files), 'expected.json') })

async function corpus(files: BenchFiles): Promise<void> {
  const p = paths(files)
  if (existsSync(p.expected)) return
  mkdirSync(p.dir, { recursive: true })
  const { buildScan, demoRound } = await import('../../../tests/scan/corpus.ts')
  const round = await demoRound()
  const built = await buildScan(round, join(p.dir, 'make'), PAGES, 20261201)
  writeFileSync(p.db, round.core.ctx.db.serialize())
  writeFileSync(p.pdf, readFileSync(built.file))
  writeFileSync(p.expected, JSON.stringify(built.expected))
  round.core.close()
}

export const scanCase: BenchCase = {
  id: 'scan',
  title: `Een scan van ${PAGES} teruggekomen formulieren lezen`,
  // One run per side, each in a process of its own: a run is long (500 pages) and reads no cache.
  runs: 1,
  fresh: true,
  app: {
    async run(files, runs) {
      await corpus(files)
      const p = paths(files)
      const { openCore } = await import('../../../electron/core/boot.ts')
      const { readScan } = await import('../../../electron/core/scan/read.ts')
      const { score } = await import('../../../tests/scan/corpus.ts')
      const core = openCore({ dbPath: p.db, appVersion: 'bench', now: () => new Date('2026-12-01T09:00:00Z'), lock: 'respect' })
      const ms: number[] = []
      const cpuMs: number[] = []
      const wrongPupil: number[] = []
      const wrongShare: number[] = []
      const silent: number[] = []
      const signatures: number[] = []
      for (let i = 0; i < runs; i++) {
        let pages: Awaited<ReturnType<typeof readScan>> = []
        const cpu = process.cpuUsage()
        ms.push(await time(async () => (pages = await readScan(core.ctx, [{ name: 'scan-copier.pdf', path: p.pdf }], { outDir: core.ctx.temp.newDir() }))))
        const used = process.cpuUsage(cpu)
        cpuMs.push((used.user + used.system) / 1000)
        const s = score(pages, JSON.parse(readFileSync(p.expected, 'utf8')))
        wrongPupil.push(s.wrongPupil)
        wrongShare.push((100 * s.wrong.length) / s.purposes)
        silent.push(s.wrong.filter((w) => w.got !== 'onduidelijk').length + s.falseSigned + (s.pages - s.read))
        signatures.push((100 * s.signedFound) / s.signedBlocks)
      }
      core.close()
      return { ms, cpuMs, wrongPupil, wrongShare, silent, signatures }
    },
  },
  baseline: {
    async run(files, runs) {
      return { ms: await pdfjsDrawingEveryPage(paths(files).pdf, runs) }
    },
  },
  rows(app: Measured, b: Measured) {
    const s = (key: string) => ({ value: summarize(app.samples[key] ?? []), rss: app.peakRssMb })
    const worst = (key: string, pick: (v: number[]) => number) => pick(app.samples[key] ?? [Number.NaN])
    const q = {
      wrongPupil: worst('wrongPupil', (v) => Math.max(...v)),
      wrongShare: worst('wrongShare', (v) => Math.max(...v)),
      silent: worst('silent', (v) => Math.max(...v)),
      signatures: worst('signatures', (v) => Math.min(...v)),
      cpuSeconds: worst('cpuMs', (v) => Math.max(...v)) / 1000,
    }
    const nl = (n: number): string => n.toFixed(2).replace('.', ',')
    return [
      row(
        this,
        `scan.read, ${PAGES} pagina’s (CPU ${nl(q.cpuSeconds)} s; verkeerde leerling ${q.wrongPupil}, fout ${nl(q.wrongShare)} %, stil ${q.silent}, handtekeningen ${nl(q.signatures)} %)`,
        s('ms'),
        { label: 'pdf.js, pagina’s tekenen op 150 dpi', value: summarize(b.samples.ms ?? []), rss: b.peakRssMb },
        (m, r) => [
          under(60_000, m),
          rateAtLeast(4, r),
          { text: 'geen verkeerde leerling', met: q.wrongPupil === 0 },
          { text: '≤ 0,5 % fout, alle onduidelijk', met: q.wrongShare <= 0.5 && q.silent === 0 },
          { text: '≥ 98 % handtekeningen', met: q.signatures >= 98 },
        ],
      ),
    ]
  },
}

/**
 * The scan cases' baseline: pdf.js alone drawing every page of the file at 150 dpi in one thread, the time of each
 * run. `wasmUrl`: where pdf.js finds its decoders (a JBIG2 picture needs them).
 */
export async function pdfjsDrawingEveryPage(path: string, runs: number, wasmUrl?: string): Promise<number[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const { createCanvas } = await import('@napi-rs/canvas')
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    ms.push(
      await time(async () => {
        const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0, ...(wasmUrl ? { wasmUrl } : {}) })
        const doc = await task.promise
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n)
          const viewport = page.getViewport({ scale: 150 / 72 })
          const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
          await page.render({ canvas: canvas as never, canvasContext: canvas.getContext('2d') as never, viewport }).promise
          page.cleanup()
        }
        await task.destroy()
      }),
    )
  }
  return ms
}

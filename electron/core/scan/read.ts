// The scan reader's entry: files in (PDFs from the copier, pictures of pages), one ScannedPage per
// page out, in order, with progress after each page and a stop between pages. The pages are read
// side by side by the page readers (pool.ts, one per core), a few under way at once; they come out
// in the order of the input all the same. A file that cannot be read becomes one 'unreadable' entry
// with the Dutch reason, and the other files go on. Reads the register to find forms and pupils;
// writes nothing there (the review's confirm does that). A stopped or failed read waits for the
// pages under way, ends the readers and throws: the caller removes the pictures written so far.
import { mkdirSync } from 'node:fs'
import { basename } from 'node:path'
import type { ScannedPage } from '../../../shared/scan.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { openScanFile, ScanInputProblem, type ScanFile } from './input.ts'
import { readPage } from './page.ts'
import type { PixelReading } from './page-pixels.ts'
import { readersInThisThread, startPageReaders, type PageReaders } from './pool.ts'

export interface ReadScanOptions {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** Where the straightened page PNGs go: a folder in ctx.temp. */
  outDir: string
  /** How many page readers (threads); 0 reads in this thread. Default: one per core, at most three. */
  readers?: number
}

const stopped = (): AppError => new AppError('cancelled', 'Het lezen van de scan is gestopt. Er is niets vastgelegd.')

/** One page of the input, read when its turn comes; `lastOf`: the PDF whose last page it is. */
type Job = { read: () => Promise<ScannedPage>; lastOf?: string }

export async function readScan(ctx: CoreContext, files: { name: string; path: string }[], options: ReadScanOptions): Promise<ScannedPage[]> {
  mkdirSync(options.outDir, { recursive: true })
  const opened: (ScanFile | { name: string; problem: string })[] = []
  let readers: PageReaders | undefined
  const underWay: Promise<ScannedPage>[] = []
  // A PDF is opened by a page reader's pdf.js (the readers start for it): this thread loads no pdf.js.
  const inReaders = options.readers === 0 ? undefined : (file: string, bytes: Uint8Array) => (readers ??= startPageReaders(options.readers)).openPdf(file, bytes)
  try {
    for (const f of files) {
      const name = basename(f.name)
      if (options.signal?.aborted) throw stopped()
      try {
        opened.push(await openScanFile(name, f.path, inReaders))
      } catch (e) {
        if (!(e instanceof ScanInputProblem)) throw e
        opened.push({ name, problem: e.message })
      }
    }
    const total = opened.reduce((n, f) => n + ('problem' in f ? 1 : f.pages), 0)
    const pool = (readers ??= options.readers === 0 || total < 2 ? readersInThisThread() : startPageReaders(options.readers))
    const jobs: Job[] = []
    for (const f of opened) {
      if ('problem' in f) {
        const base = { index: jobs.length, source: f.name }
        jobs.push({ read: async () => ({ ...base, status: 'unreadable', message: f.problem, answers: [], signatures: [] }) })
        continue
      }
      for (let i = 0; i < f.pages; i++) {
        const base = { index: jobs.length, source: f.pages > 1 || /\.pdf$/i.test(f.name) ? `${f.name}, pagina ${i + 1}` : f.name }
        const read = (): Promise<ScannedPage> => readPage(ctx, base, options.outDir, (layoutFor, imagePath) => pixelsOf(pool, f, i, layoutFor, imagePath))
        jobs.push(i === f.pages - 1 && f.pdfFile ? { read, lastOf: f.pdfFile } : { read })
      }
    }
    const pages: ScannedPage[] = []
    options.onProgress?.(0, total)
    let next = 0
    while (pages.length < jobs.length) {
      while (next < jobs.length && underWay.length < pool.width) {
        if (options.signal?.aborted) throw stopped()
        const page = (jobs[next++] as Job).read()
        page.catch(() => undefined) // awaited in turn below; a failure is not left unhandled meanwhile
        underWay.push(page)
      }
      pages.push(await (underWay.shift() as Promise<ScannedPage>))
      // The file's pages are all read (in order): the readers let their copies of it go.
      const lastOf = jobs[pages.length - 1]?.lastOf
      if (lastOf) pool.forgetPdf(lastOf)
      options.onProgress?.(pages.length, total)
      if (options.signal?.aborted && pages.length < jobs.length) throw stopped()
    }
    return pages
  } finally {
    // Nothing goes on writing once this returns or throws: the pages under way end first.
    await Promise.allSettled(underWay.splice(0))
    await readers?.close()
    for (const f of opened) if (!('problem' in f)) await f.close().catch(() => undefined)
  }
}

/** A page's pixels read by the pool; a copier's picture that cannot be decoded as it is goes back to a reader's pdf.js to draw. */
async function pixelsOf(pool: PageReaders, file: ScanFile, i: number, layoutFor: Parameters<PageReaders['read']>[1], imagePath: string): Promise<PixelReading> {
  let source
  try {
    source = await file.source(i)
  } catch {
    return { kind: 'undecodable' }
  }
  const reading = await pool.read(source, layoutFor, imagePath)
  if (reading.kind !== 'undecodable' || source.kind === 'pixels' || source.kind === 'pdfPage' || !file.drawn) return reading
  return pool.read(file.drawn(i), layoutFor, imagePath)
}

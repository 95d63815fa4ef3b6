// The scan reader's entry: files in (PDFs from the copier, pictures of pages), one ScannedPage per
// page out, in order, with progress after each page and a stop between pages. A file that cannot be
// read becomes one 'unreadable' entry with the Dutch reason, and the other files go on. Reads the
// register to find forms and pupils; writes nothing there (the review's confirm does that).
import { mkdirSync } from 'node:fs'
import { basename } from 'node:path'
import type { ScannedPage } from '../../../shared/scan.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { openScanFile, ScanInputProblem, type ScanFile } from './input.ts'
import { readPage } from './page.ts'
import type { Gray } from './pixels.ts'

export interface ReadScanOptions {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** Where the straightened page PNGs go: a folder in ctx.temp. */
  outDir: string
}

const stopped = (): AppError => new AppError('cancelled', 'Het lezen van de scan is gestopt. Er is niets vastgelegd.')

export async function readScan(ctx: CoreContext, files: { name: string; path: string }[], options: ReadScanOptions): Promise<ScannedPage[]> {
  mkdirSync(options.outDir, { recursive: true })
  const opened: (ScanFile | { name: string; problem: string })[] = []
  const writing: Promise<unknown>[] = []
  try {
    for (const f of files) {
      const name = basename(f.name)
      if (options.signal?.aborted) throw stopped()
      try {
        opened.push(await openScanFile(name, f.path))
      } catch (e) {
        if (!(e instanceof ScanInputProblem)) throw e
        opened.push({ name, problem: e.message })
      }
    }
    const total = opened.reduce((n, f) => n + ('problem' in f ? 1 : f.pages), 0)
    const pages: ScannedPage[] = []
    options.onProgress?.(0, total)
    for (const f of opened) {
      if ('problem' in f) {
        pages.push({ index: pages.length, source: f.name, status: 'unreadable', message: f.problem, answers: [], signatures: [] })
        options.onProgress?.(pages.length, total)
        continue
      }
      // The next page decodes (in sharp's threads) while this one is read; pictures are written behind.
      let next: Promise<Gray | undefined> | undefined = f.pages > 0 ? f.page(0).catch(() => undefined) : undefined
      for (let i = 0; i < f.pages; i++) {
        if (options.signal?.aborted) throw stopped()
        const source = f.pages > 1 || /\.pdf$/i.test(f.name) ? `${f.name}, pagina ${i + 1}` : f.name
        const base = { index: pages.length, source }
        const img = await next
        next = i + 1 < f.pages ? f.page(i + 1).catch(() => undefined) : undefined
        if (!img) {
          pages.push({
            ...base,
            status: 'unreadable',
            message: `${source} is niet te lezen (beschadigd of een soort afbeelding die het programma niet kent). Er is niets vastgelegd. Scan deze pagina opnieuw.`,
            answers: [],
            signatures: [],
          })
        } else {
          pages.push(await readPage(ctx, img, base, options.outDir, writing))
          while (writing.length > 3) await writing.shift()
        }
        options.onProgress?.(pages.length, total)
      }
      await next
    }
    await Promise.all(writing.splice(0))
    return pages
  } finally {
    await Promise.allSettled(writing)
    for (const f of opened) if (!('problem' in f)) await f.close().catch(() => undefined)
  }
}

// The page readers: a few worker threads (page-worker.ts) that decode and read pages side by side,
// so a 500-page scan uses every core while the core's own thread stays free for the register's
// look-ups, progress and Stoppen. Each reader asks this thread for the layout of the code it finds
// (the register lives here) and writes the straightened picture itself. The readers live for one
// scan. Under the app the built reader (out/main/scan-reader.js, an entry of electron.vite.config.ts)
// sits beside the built core; the CLI, the harness and the tests run the source.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors.ts'
import type { SheetLayout } from '../documents/consent-form-layout.ts'
import { sharpImages } from '../libraries.ts'
import { createLogger } from '../log.ts'
import { decodePage, type PageSource } from './input.ts'
import { readPixels, type LayoutFor, type PixelReading } from './page-pixels.ts'
import { forgetPdf, openPdf, type PdfOpening } from './pdf-pages.ts'

const log = createLogger('scan-readers')

export type ToReader =
  | { type: 'read'; id: number; source: PageSource; imagePath: string }
  | { type: 'layout'; id: number; layout: SheetLayout | undefined }
  | { type: 'open'; id: number; file: string; bytes: Uint8Array }
  | { type: 'forget'; file: string }
  | { type: 'close' }
export type FromReader =
  { type: 'layout?'; id: number; text: string } | { type: 'done'; id: number; reading: PixelReading } | { type: 'failed'; id: number; detail: string } | { type: 'opened'; id: number; opening: PdfOpening }

export interface PageReaders {
  /** Reads one page's pixels; `layoutFor` is answered in this thread. */
  read(source: PageSource, layoutFor: LayoutFor, imagePath: string): Promise<PixelReading>
  /** Opens a PDF (its bytes in shared memory) in a reader's pdf.js and counts its pages, so this thread never loads pdf.js. */
  openPdf(file: string, bytes: Uint8Array): Promise<PdfOpening>
  /** Every page of the PDF has been read: each reader lets its copy go. */
  forgetPdf(file: string): void
  /** How many pages to keep under way at once: two per reader, so one decodes while the other is read. */
  readonly width: number
  /** Ends the readers once their pages are done. */
  close(): Promise<void>
}

/** Readers for this machine: one per core, at most three (each holds a few pages of pixels). */
export const readerCount = (): number => Math.max(1, Math.min(3, availableParallelism()))

export const READERS_ENDED_MESSAGE =
  'Het lezen van de scan liep vast (een pagina had meer geheugen nodig dan het programma mag gebruiken, of is beschadigd). Er is niets vastgelegd. Scan de formulieren in delen, bijvoorbeeld per groep, en probeer het opnieuw.'

/** Reading in the calling thread: for a single page (a picture given by hand) and as the measure the pool is held to. */
export function readersInThisThread(): PageReaders {
  return {
    width: 2,
    openPdf,
    forgetPdf: (file) => void forgetPdf(file),
    read: async (source, layoutFor, imagePath) => {
      const img = await decodePage(source)
      return img ? readPixels(img, layoutFor, imagePath) : { kind: 'undecodable' }
    },
    close: async () => undefined,
  }
}

function readerFile(): string | URL {
  // Bundled, this module is part of out/main/worker.js (or a chunk beside it).
  const here = dirname(fileURLToPath(import.meta.url))
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, 'scan-reader.js')
    if (existsSync(built)) return built
  }
  return new URL('./page-worker.ts', import.meta.url)
}

let live = 0
/** Page reader threads running now, in this thread's pools (for the tests: a finished or stopped read leaves none). */
export const liveReaders = (): number => live

interface Reader {
  worker: Worker
  pages: Map<number, { layoutFor: LayoutFor; ok: (r: PixelReading) => void; fail: (e: Error) => void }>
  opening: Map<number, { ok: (r: PdfOpening) => void; fail: (e: Error) => void }>
  exited: Promise<void>
}

export function startPageReaders(count = readerCount()): PageReaders {
  // sharp stays loaded in this thread for as long as it lives, not only while a reader runs
  // (sharp's advice for worker threads on glibc).
  sharpImages()
  const entry = readerFile()
  const execArgv = String(entry).endsWith('.ts') ? [...process.execArgv, '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'] : process.execArgv
  let nextId = 0
  let broken: Error | undefined
  const readers: Reader[] = []
  const failAll = (reader: Reader, e: Error): void => {
    for (const page of [...reader.pages.values(), ...reader.opening.values()]) page.fail(e)
    reader.pages.clear()
    reader.opening.clear()
  }
  for (let i = 0; i < count; i++) {
    const worker = new Worker(entry, { execArgv, resourceLimits: { maxOldGenerationSizeMb: 512 } })
    live++
    const reader: Reader = {
      worker,
      pages: new Map(),
      opening: new Map(),
      exited: new Promise((ok) =>
        worker.once('exit', () => {
          live--
          ok()
        }),
      ),
    }
    worker.on('message', (m: FromReader) => {
      if (m.type === 'opened') {
        reader.opening.get(m.id)?.ok(m.opening)
        reader.opening.delete(m.id)
        return
      }
      const page = reader.pages.get(m.id)
      if (!page) return
      if (m.type === 'layout?') {
        Promise.resolve()
          .then(() => page.layoutFor(m.text))
          .then(
            (layout) => worker.postMessage({ type: 'layout', id: m.id, layout } satisfies ToReader),
            (e: unknown) => {
              reader.pages.delete(m.id)
              page.fail(e instanceof Error ? e : new Error(String(e)))
              worker.postMessage({ type: 'layout', id: m.id, layout: undefined } satisfies ToReader)
            },
          )
        return
      }
      reader.pages.delete(m.id)
      if (m.type === 'done') page.ok(m.reading)
      else page.fail(new Error(`a page reader failed: ${m.detail}`))
    })
    worker.on('error', (e) => {
      log.error('a page reader failed', e)
      broken ??= new AppError('resources', READERS_ENDED_MESSAGE)
      failAll(reader, broken)
    })
    worker.on('exit', () => {
      if (reader.pages.size === 0 && reader.opening.size === 0) return
      broken ??= new AppError('resources', READERS_ENDED_MESSAGE)
      failAll(reader, broken)
    })
    readers.push(reader)
  }
  return {
    width: count * 2,
    openPdf(file, bytes) {
      if (broken) return Promise.reject(broken)
      const reader = readers.reduce((a, b) => (b.pages.size + b.opening.size < a.pages.size + a.opening.size ? b : a))
      const id = ++nextId
      return new Promise((ok, fail) => {
        reader.opening.set(id, { ok, fail })
        reader.worker.postMessage({ type: 'open', id, file, bytes } satisfies ToReader)
      })
    },
    forgetPdf(file) {
      for (const r of readers) r.worker.postMessage({ type: 'forget', file } satisfies ToReader)
    },
    read(source, layoutFor, imagePath) {
      if (broken) return Promise.reject(broken)
      const reader = readers.reduce((a, b) => (b.pages.size < a.pages.size ? b : a))
      const id = ++nextId
      return new Promise((ok, fail) => {
        reader.pages.set(id, { layoutFor, ok, fail })
        reader.worker.postMessage({ type: 'read', id, source, imagePath } satisfies ToReader)
      })
    },
    async close() {
      for (const r of readers) r.worker.postMessage({ type: 'close' } satisfies ToReader)
      // A reader ends once its pages are done; one that does not within 10 s is ended.
      const timer = setTimeout(() => {
        for (const r of readers) void r.worker.terminate()
      }, 10_000)
      await Promise.all(readers.map((r) => r.exited))
      clearTimeout(timer)
    },
  }
}

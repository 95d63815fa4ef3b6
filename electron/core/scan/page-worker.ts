// A page reader's thread (started by pool.ts): opens the PDFs it is given (pdf-pages.ts), decodes
// or draws the pages it is given and reads their pixels (page-pixels.ts), asking the core's thread
// for the layout of each code it finds, and writes each straightened picture. It holds no register and logs nothing of a page. Ends when asked to, once
// its pages are done. Built as out/main/scan-reader.js for the app; Node runs this file as it is.
import { parentPort } from 'node:worker_threads'
import type { SheetLayout } from '../documents/consent-form-layout.ts'
import { decodePage } from './input.ts'
import { readPixels, type PixelReading } from './page-pixels.ts'
import { forgetPdf, openPdf } from './pdf-pages.ts'
import type { FromReader, ToReader } from './pool.ts'

if (!parentPort) throw new Error('page-worker.ts runs as a worker thread only')
const port = parentPort
const post = (m: FromReader): void => port.postMessage(m)
const layouts = new Map<number, (layout: SheetLayout | undefined) => void>()
let running = 0
let closing = false

async function read(m: Extract<ToReader, { type: 'read' }>): Promise<void> {
  running++
  try {
    const img = await decodePage(m.source)
    const layoutFor = (text: string): Promise<SheetLayout | undefined> =>
      new Promise((ok) => {
        layouts.set(m.id, ok)
        post({ type: 'layout?', id: m.id, text })
      })
    const reading: PixelReading = img ? await readPixels(img, layoutFor, m.imagePath) : { kind: 'undecodable' }
    post({ type: 'done', id: m.id, reading })
  } catch (e) {
    post({ type: 'failed', id: m.id, detail: e instanceof Error ? (e.stack ?? e.message) : String(e) })
  } finally {
    running--
    if (closing && running === 0) port.close()
  }
}

async function open(m: Extract<ToReader, { type: 'open' }>): Promise<void> {
  running++
  try {
    post({ type: 'opened', id: m.id, opening: await openPdf(m.file, m.bytes) })
  } finally {
    running--
    if (closing && running === 0) port.close()
  }
}

port.on('message', (m: ToReader) => {
  if (m.type === 'read') void read(m)
  else if (m.type === 'open') void open(m)
  else if (m.type === 'forget') void forgetPdf(m.file)
  else if (m.type === 'layout') {
    layouts.get(m.id)?.(m.layout)
    layouts.delete(m.id)
  } else if (m.type === 'close') {
    closing = true
    if (running === 0) port.close()
  }
})

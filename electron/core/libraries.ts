// The heavy libraries (exceljs, pdfkit, qrcode, the e-mail readers postal-mime and msgreader, and for
// reading scans sharp, zxing-wasm, pdf.js and its canvas), loaded the first time a feature needs them, so opening the register and the first
// screen do not wait for them (about half of the core's load time). Synchronous where the caller is
// (the PDF and QR code are built in synchronous steps; require() of an installed package is a cache
// lookup after the first time); pdf.js is an ES module only, so it comes through import().
// Node under the CLI, the harness and the tests then loads the same builds the bundled app requires.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const load = createRequire(import.meta.url)

let exceljs: typeof import('exceljs') | undefined
let pdfkit: typeof import('pdfkit') | undefined
let qrcode: typeof import('qrcode') | undefined
type Sharp = typeof import('sharp').default
let sharpLib: Sharp | undefined
let zxing: typeof import('zxing-wasm/reader') | undefined
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined

export const excel = (): typeof import('exceljs') => (exceljs ??= load('exceljs') as typeof import('exceljs'))
export const pdfKit = (): typeof import('pdfkit') => (pdfkit ??= load('pdfkit') as typeof import('pdfkit'))
export const qrCode = (): typeof import('qrcode') => (qrcode ??= load('qrcode') as typeof import('qrcode'))

type PostalMime = typeof import('postal-mime').default
type MsgReader = typeof import('@kenjiuno/msgreader').default
let postalMime: PostalMime | undefined
let msgReader: MsgReader | undefined
/** An .eml's reader (its CommonJS build is the class itself). */
export const emlReader = (): PostalMime => (postalMime ??= load('postal-mime') as PostalMime)
/** An Outlook .msg's reader (its CommonJS build exports the class as default). */
export const msgFileReader = (): MsgReader => (msgReader ??= (load('@kenjiuno/msgreader') as { default: MsgReader }).default)

/** sharp, with its cache off (every scan page is read once) and its own threads kept to the cores there are. */
export function sharpImages(): Sharp {
  if (!sharpLib) {
    sharpLib = load('sharp') as Sharp
    sharpLib.cache(false)
  }
  return sharpLib
}

/**
 * zxing's QR reader, its WebAssembly read from the installed package: never the CDN the library
 * would fetch it from by default (the app makes no network requests).
 */
export function qrReader(): typeof import('zxing-wasm/reader') {
  if (!zxing) {
    const lib = load('zxing-wasm/reader') as typeof import('zxing-wasm/reader')
    const wasm = readFileSync(load.resolve('zxing-wasm/reader/zxing_reader.wasm'))
    lib.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } })
    zxing = lib
  }
  return zxing
}

/**
 * An installed file as it lies on disk: inside the packed app, its copy in app.asar.unpacked
 * (electron-builder.ts unpacks pdf.js and canvas); elsewhere the path itself. pdf.js is an ES
 * module, and Electron's ES module loader inside an asar has broken in several releases; from
 * real files it is Node's own. Canvas comes from the same place, so pdf.js (which requires it
 * from beside itself) and the reader share one copy of it.
 */
const onDisk = (path: string): string => path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked')

/** pdf.js (its Node build), for the pages of a scanned PDF. */
export const pdfJs = (): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> => (pdfjs ??= loadPdfJs())

const fileUrl = (resolved: string): string => pathToFileURL(onDisk(resolved)).href

/**
 * pdf.js in Node runs its worker in this thread and takes the worker it finds in globalThis.pdfjsWorker, where every
 * copy of pdf.js puts its own; another copy's (a test's PDF reader, a library's) cannot read for this one, and the
 * pages came back unreadable. So this copy loads its own worker and keeps it from the first document on (pdf.js asks
 * once); what was there before is put back, so no other copy picks up this one's.
 */
async function loadPdfJs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  const global = globalThis as { pdfjsWorker?: unknown }
  const other = global.pdfjsWorker
  const lib = (await import(fileUrl(load.resolve('pdfjs-dist/legacy/build/pdf.mjs')))) as typeof import('pdfjs-dist/legacy/build/pdf.mjs')
  const own = (await import(fileUrl(load.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')))) as { WorkerMessageHandler: unknown }
  global.pdfjsWorker = { WorkerMessageHandler: own.WorkerMessageHandler }
  // pdf.js's own (underscored, typed) getter that picks the worker and keeps its choice: asked now, it picks this one.
  // oxlint-disable-next-line no-underscore-dangle
  void lib.PDFWorker._setupFakeWorkerGlobal
  if (other === undefined) delete global.pdfjsWorker
  else global.pdfjsWorker = other
  return lib
}
export const canvas = (): typeof import('@napi-rs/canvas') => load(onDisk(load.resolve('@napi-rs/canvas'))) as typeof import('@napi-rs/canvas')

// The heavy libraries (exceljs, pdfkit, qrcode), loaded the first time a feature needs them, so
// opening the register and the first screen do not wait for them (about half of the core's load
// time). Synchronous on purpose: the PDF and QR code are built in synchronous steps, and
// require() of an installed package is a cache lookup after the first time. Node under the CLI,
// the harness and the tests then loads the same CommonJS builds the bundled app requires.
import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

let exceljs: typeof import('exceljs') | undefined
let pdfkit: typeof import('pdfkit') | undefined
let qrcode: typeof import('qrcode') | undefined

export const excel = (): typeof import('exceljs') => (exceljs ??= load('exceljs') as typeof import('exceljs'))
export const pdfKit = (): typeof import('pdfkit') => (pdfkit ??= load('pdfkit') as typeof import('pdfkit'))
export const qrCode = (): typeof import('qrcode') => (qrcode ??= load('qrcode') as typeof import('qrcode'))

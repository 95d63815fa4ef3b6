// A consent form as the app printed it before forms carried their layout: no corner marks, and a QR
// code with the form code alone (error correction M, two modules of quiet zone inside its square),
// where today's code is. Made from today's print, rasterised: the marks and the code painted over.
import QRCode from 'qrcode'
import sharp from 'sharp'
import { QR_SIDE, type SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import type { FormRect } from '../../shared/scan.ts'
import { readPgm } from './corpus.ts'

/** White over a rectangle of the form (points), a little wider than it, at `s` pixels per point. */
function blank(r: FormRect, pad: number, s: number): { input: Buffer; left: number; top: number } {
  const w = Math.ceil((r.width + 2 * pad) * s)
  const h = Math.ceil((r.height + 2 * pad) * s)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="white"/></svg>`
  return { input: Buffer.from(svg), left: Math.round((r.x - pad) * s), top: Math.round((r.y - pad) * s) }
}

/** The old form's page as a copier's JPEG, from a page of today's print (a PGM at `dpi`) and its layout. */
export async function oldFormJpeg(pgmPath: string, layout: SheetLayout, code: string, dpi: number): Promise<Buffer> {
  const s = dpi / 72
  const side = Math.round(QR_SIDE * s)
  const qr = await QRCode.toBuffer(code, { errorCorrectionLevel: 'M', margin: 2, width: side, type: 'png' })
  const pgm = readPgm(pgmPath)
  return sharp(pgm.data, { raw: { width: pgm.width, height: pgm.height, channels: 1 } })
    .composite([...layout.marks.map((m) => blank(m, 4, s)), blank(layout.qr, 2, s), { input: await sharp(qr).resize(side, side).toBuffer(), left: Math.round(layout.qr.x * s), top: Math.round(layout.qr.y * s) }])
    .jpeg({ quality: 85 })
    .toBuffer()
}

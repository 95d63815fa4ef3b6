// Reading the form's QR code from a part of the page with zxing (WebAssembly, loaded offline).
// Only the part where the code should be is handed over: quicker, and no other code on the page
// (a parent's own sticker, a QR code in a letter) is taken for the form's.
import { qrReader } from '../libraries.ts'
import type { Point } from './homography.ts'
import type { Gray } from './pixels.ts'

export interface QrHit {
  text: string
  /** The code's centre in the picture. */
  centre: Point
  /** The symbol's own corners in the picture (top-left, top-right, bottom-right, bottom-left of the code itself). */
  corners: [Point, Point, Point, Point]
  /** QR version: the symbol is 17 + 4 x version modules wide. */
  version: number
}

/** The first QR code inside the box (picture pixels, clipped to the picture). */
export async function readQr(img: Gray, box: { x0: number; y0: number; x1: number; y1: number }): Promise<QrHit | undefined> {
  const x0 = Math.max(0, Math.floor(box.x0))
  const y0 = Math.max(0, Math.floor(box.y0))
  const x1 = Math.min(img.width, Math.ceil(box.x1))
  const y1 = Math.min(img.height, Math.ceil(box.y1))
  const w = x1 - x0
  const h = y1 - y0
  if (w < 20 || h < 20) return undefined
  const rgba = new Uint8ClampedArray(w * h * 4)
  for (let y = 0; y < h; y++) {
    let src = (y0 + y) * img.width + x0
    let dst = y * w * 4
    for (let x = 0; x < w; x++, src++, dst += 4) {
      const v = img.data[src] as number
      rgba[dst] = v
      rgba[dst + 1] = v
      rgba[dst + 2] = v
      rgba[dst + 3] = 255
    }
  }
  const results = await qrReader().readBarcodes({ data: rgba, width: w, height: h, colorSpace: 'srgb' } as never, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 })
  const hit = results.find((r) => r.isValid && r.text)
  if (!hit) return undefined
  const p = hit.position
  const centre = { x: x0 + (p.topLeft.x + p.topRight.x + p.bottomRight.x + p.bottomLeft.x) / 4, y: y0 + (p.topLeft.y + p.topRight.y + p.bottomRight.y + p.bottomLeft.y) / 4 }
  const shift = (q: { x: number; y: number }): Point => ({ x: x0 + q.x, y: y0 + q.y })
  return { text: hit.text, centre, corners: [shift(p.topLeft), shift(p.topRight), shift(p.bottomRight), shift(p.bottomLeft)], version: Number(hit.version) || 0 }
}

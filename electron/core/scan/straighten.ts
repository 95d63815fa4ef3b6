// The page straightened onto the form's own coordinates, as a grey PNG: what the review crops its
// rows from and what is kept as the proof. Each output pixel takes the scan's pixel under it.
import { sharpImages } from '../libraries.ts'
import type { Homography } from './homography.ts'
import type { Gray } from './pixels.ts'

/** Pixels per point of the straightened page: 150 dpi. */
export const STRAIGHT_SCALE = 150 / 72

/** Straightens at once; the PNG is written in sharp's threads, and the promise settles when it is on disk at `path`. */
export function writeStraightened(img: Gray, h: Homography, page: { width: number; height: number }, path: string): Promise<unknown> {
  const width = Math.round(page.width * STRAIGHT_SCALE)
  const height = Math.round(page.height * STRAIGHT_SCALE)
  const out = new Uint8Array(width * height)
  const { data, width: iw, height: ih } = img
  const [h0, h1, h2, h3, h4, h5, h6, h7] = h as [number, number, number, number, number, number, number, number]
  // Along a row the homogeneous coordinates (x·w, y·w, w) grow by the same step per pixel: three
  // additions and one division per pixel, no call (a page is 2 million pixels). Half a pixel is
  // added ahead (as half of w), so truncating rounds to the nearest pixel.
  const step = 1 / STRAIGHT_SCALE
  for (let y = 0; y < height; y++) {
    const fy = (y + 0.5) * step
    const fx = 0.5 * step
    let w = h6 * fx + h7 * fy + 1
    let u = h0 * fx + h1 * fy + h2 + 0.5 * w
    let v = h3 * fx + h4 * fy + h5 + 0.5 * w
    const dw = h6 * step
    const du = h0 * step + 0.5 * dw
    const dv = h3 * step + 0.5 * dw
    let o = y * width
    for (let x = 0; x < width; x++, o++) {
      const r = 1 / w
      const sx = (u * r) | 0
      const sy = (v * r) | 0
      out[o] = u >= 0 && v >= 0 && w > 0 && sx >= 0 && sy >= 0 && sx < iw && sy < ih ? (data[sy * iw + sx] as number) : 255
      u += du
      v += dv
      w += dw
    }
  }
  return sharpImages()(Buffer.from(out.buffer), { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toFile(path)
}

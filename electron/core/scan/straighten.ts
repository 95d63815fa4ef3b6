// The page straightened onto the form's own coordinates, as a grey PNG: what the review crops its
// rows from and what is kept as the proof. Each output pixel takes the scan's pixel under it.
import { join } from 'node:path'
import { sharpImages } from '../libraries.ts'
import { apply, type Homography } from './homography.ts'
import type { Gray } from './pixels.ts'

/** Pixels per point of the straightened page: 150 dpi. */
export const STRAIGHT_SCALE = 150 / 72

/** Straightens at once; the PNG is written in the background (sharp's threads): `written` settles when it is on disk. */
export function writeStraightened(img: Gray, h: Homography, page: { width: number; height: number }, dir: string, name: string): { path: string; written: Promise<unknown> } {
  const width = Math.round(page.width * STRAIGHT_SCALE)
  const height = Math.round(page.height * STRAIGHT_SCALE)
  const out = new Uint8Array(width * height)
  const { data, width: iw, height: ih } = img
  for (let y = 0; y < height; y++) {
    const fy = (y + 0.5) / STRAIGHT_SCALE
    // The transform along a row, at its two ends; the perspective term varies slowly enough per row
    // to interpolate the homogeneous coordinates linearly.
    const a = apply(h, 0, fy)
    const b = apply(h, page.width, fy)
    const wa = (h[6] as number) * 0 + (h[7] as number) * fy + 1
    const wb = (h[6] as number) * page.width + (h[7] as number) * fy + 1
    for (let x = 0; x < width; x++) {
      const t = (x + 0.5) / width
      const w = wa + (wb - wa) * t
      const sx = Math.round((a.x * wa + (b.x * wb - a.x * wa) * t) / w)
      const sy = Math.round((a.y * wa + (b.y * wb - a.y * wa) * t) / w)
      out[y * width + x] = sx >= 0 && sy >= 0 && sx < iw && sy < ih ? (data[sy * iw + sx] as number) : 255
    }
  }
  const path = join(dir, name)
  const written = sharpImages()(Buffer.from(out.buffer), { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toFile(path)
  return { path, written }
}

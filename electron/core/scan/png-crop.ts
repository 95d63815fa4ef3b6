// Cuts rectangles out of a straightened page (a PNG the reader wrote) for the review screen: a
// purpose's row or a signature line, as a small PNG of its own. sharp decodes the page once and
// cuts each piece from its pixels (libraries.ts loads it when first needed).
import type { FormRect } from '../../../shared/scan.ts'
import { sharpImages } from '../libraries.ts'

export interface CropArea {
  left: number
  top: number
  width: number
  height: number
}

/** The pixels under `rect` (PDF points × scale pixels per point), with a margin, kept inside the page; undefined when nothing is left. */
export function cropArea(page: { width: number; height: number }, rect: FormRect, scale: number, marginPoints = 3): CropArea | undefined {
  const left = Math.max(0, Math.floor((rect.x - marginPoints) * scale))
  const top = Math.max(0, Math.floor((rect.y - marginPoints) * scale))
  const right = Math.min(page.width, Math.ceil((rect.x + rect.width + marginPoints) * scale))
  const bottom = Math.min(page.height, Math.ceil((rect.y + rect.height + marginPoints) * scale))
  if (right <= left || bottom <= top) return undefined
  return { left, top, width: right - left, height: bottom - top }
}

/** Each rect of `rects` cut from the page PNG at `path`, as PNG bytes (undefined for a rect outside the page); undefined when the page cannot be read. */
export async function cropPage(path: string, rects: FormRect[], scale: number, marginPoints = 3): Promise<(Buffer | undefined)[] | undefined> {
  const sharp = sharpImages()
  let page: { data: Buffer; info: { width: number; height: number; channels: number } }
  try {
    // A grey page is decoded as grey: sharp would hand out its pixels (and write its crops) as RGB.
    const grey = (await sharp(path).metadata()).channels === 1
    const decode = sharp(path, { failOn: 'truncated' })
    page = await (grey ? decode.extractChannel(0) : decode).raw().toBuffer({ resolveWithObject: true })
  } catch {
    return undefined
  }
  const { width, height, channels } = page.info
  const raw = { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } }
  return Promise.all(
    rects.map((rect) => {
      const area = cropArea(page.info, rect, scale, marginPoints)
      if (!area) return undefined
      const cut = sharp(page.data, raw).extract(area)
      return (channels === 1 ? cut.toColourspace('b-w') : cut).png().toBuffer()
    }),
  )
}

export const pngDataUrl = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`

// A copier's CCITT (fax) picture from a PDF (pdf-images.ts) made readable for sharp: the same
// bytes as the one strip of a small TIFF file, whose tags say what the PDF's parameters said
// (Group 3 or 4, width and rows, which bits are black). libtiff in sharp then decodes it.
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../attachments/image-size.ts'
import type { FaxPicture } from './pdf-images.ts'

/** The picture as a TIFF file (little-endian, one strip); undefined when it is over the caps. */
export function faxTiff(picture: FaxPicture): Buffer | undefined {
  const { width, height, k, photometric, bytes } = picture
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) return undefined
  const SHORT = 3
  const LONG = 4
  const tags: [number, number, number][] = [
    [256, LONG, width],
    [257, LONG, height],
    [258, SHORT, 1], // bits per sample
    [259, SHORT, k < 0 ? 4 : 3], // compression: Group 4, or Group 3
    [262, SHORT, photometric],
    [273, LONG, 0], // strip offset, set below
    [277, SHORT, 1], // samples per pixel
    [278, LONG, height], // rows per strip: all
    [279, LONG, bytes.length],
    ...(k < 0 ? [] : [[292, LONG, k > 0 ? 1 : 0] as [number, number, number]]), // Group 3 options: two-dimensional
  ]
  const ifdSize = 2 + tags.length * 12 + 4
  const dataAt = 8 + ifdSize
  const head = Buffer.alloc(dataAt)
  head.write('II', 0, 'latin1')
  head.writeUInt16LE(42, 2)
  head.writeUInt32LE(8, 4)
  head.writeUInt16LE(tags.length, 8)
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12
    head.writeUInt16LE(tag, at)
    head.writeUInt16LE(type, at + 2)
    head.writeUInt32LE(1, at + 4)
    if (type === SHORT) head.writeUInt16LE(value, at + 8)
    else head.writeUInt32LE(tag === 273 ? dataAt : value, at + 8)
  })
  head.writeUInt32LE(0, 10 + tags.length * 12) // no next IFD
  return Buffer.concat([head, bytes])
}

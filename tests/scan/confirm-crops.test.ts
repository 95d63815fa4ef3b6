// The crops the review shows are the page's own pixels: the PNG decoder that cuts them reads what
// another program wrote (poppler's pdftoppm, with its own choice of row filters) exactly as that
// program's raw output (PPM) holds it. (pdftoppm writes grey pages as RGB PNGs: grey is covered by
// the decoder's own round trip.)
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cropPixels, decodePng, encodePng } from '../../electron/core/scan/png-crop.ts'
import { bytesOf } from '../documents/helpers.ts'
import { ok } from '../helpers/register.ts'
import { scanSchool } from './confirm-school.ts'

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

/** The pixel bytes of a binary PPM (P6) as pdftoppm writes it. */
function ppm(bytes: Buffer): { width: number; height: number; data: Buffer } {
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.toString('latin1', 0, 64))
  if (!head) throw new Error('not a PPM')
  return { width: Number(head[1]), height: Number(head[2]), data: bytes.subarray(head[0].length) }
}

describe('the crops of a scanned page', () => {
  it('decode a real consent form rendered by pdftoppm to the same pixels as its raw output, and cut a rectangle at rect × scale', async () => {
    const s = await scanSchool()
    cleanup = s.done
    const pdf = join(s.dir, 'forms.pdf')
    writeFileSync(pdf, bytesOf(await ok(s.core, 'campaigns.printForms', { id: s.round.id })))
    for (const dpi of ['72', '100']) {
      const args = ['-r', dpi, '-f', '1', '-l', '1', '-singlefile']
      execFileSync('pdftoppm', [...args, '-png', pdf, join(s.dir, 'page')])
      execFileSync('pdftoppm', [...args, pdf, join(s.dir, 'page')])
      const png = decodePng(readFileSync(join(s.dir, 'page.png')))
      const raw = ppm(readFileSync(join(s.dir, 'page.ppm')))
      expect(png).toMatchObject({ width: raw.width, height: raw.height, channels: 3 })
      expect(Buffer.from(png?.data ?? []).equals(raw.data)).toBe(true)
      if (!png) continue
      // A rect of 100 x 20 points at (50, 60), no margin: at 72 dpi one pixel a point, at 100 dpi 100/72.
      const scale = Number(dpi) / 72
      const crop = cropPixels(png, { x: 50, y: 60, width: 100, height: 20 }, scale, 0)
      const [left, top, right] = [Math.floor(50 * scale), Math.floor(60 * scale), Math.ceil(150 * scale)]
      expect(crop).toMatchObject({ width: right - left, height: Math.ceil(80 * scale) - top })
      const c = png.channels
      expect(Buffer.from(crop?.data.subarray(0, (right - left) * c) ?? []).equals(Buffer.from(png.data.subarray((top * png.width + left) * c, (top * png.width + right) * c)))).toBe(true)
      // And back: the crop written as a PNG reads as the same pixels.
      expect(Buffer.from(decodePng(encodePng(crop ?? png))?.data ?? []).equals(Buffer.from(crop?.data ?? []))).toBe(true)
    }
  })

  it('gives no picture for a file that is not an 8-bit PNG, or is cut off', () => {
    const png = encodePng({ width: 4, height: 4, channels: 1, data: new Uint8Array(16).fill(9) })
    expect(decodePng(png)?.data).toEqual(new Uint8Array(16).fill(9))
    expect(decodePng(png.subarray(0, 40))).toBeUndefined()
    expect(decodePng(Buffer.from('%PDF-1.7'))).toBeUndefined()
  })
})

// The crops the review shows are the page's own pixels: a real consent form rendered by another
// program (poppler's pdftoppm, as a PNG), cut by the app at rect × scale, holds exactly the pixels
// that pdftoppm's raw output (PPM) has in that rectangle, row for row.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cropArea, cropPage } from '../../electron/core/scan/png-crop.ts'
import { bytesOf } from '../documents/helpers.ts'
import { ok } from '../helpers/register.ts'
import { pixelsOf, scanSchool } from './confirm-school.ts'

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

/** The pixel bytes of a binary PPM (P6) as pdftoppm writes it. */
function ppm(bytes: Buffer): { width: number; height: number; data: Buffer } {
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.toString('latin1', 0, 64))
  if (!head) throw new Error('not a PPM')
  return { width: Number(head[1]), height: Number(head[2]), data: bytes.subarray(head[0].length) }
}

describe('the crops of a scanned page', () => {
  it('cut a real consent form rendered by pdftoppm at rect × scale: the same pixels as its raw output there', async () => {
    const s = await scanSchool()
    cleanup = s.done
    const pdf = join(s.dir, 'forms.pdf')
    writeFileSync(pdf, bytesOf(await ok(s.core, 'campaigns.printForms', { id: s.round.id })))
    for (const dpi of ['72', '100']) {
      const args = ['-r', dpi, '-f', '1', '-l', '1', '-singlefile']
      execFileSync('pdftoppm', [...args, '-png', pdf, join(s.dir, 'page')])
      execFileSync('pdftoppm', [...args, pdf, join(s.dir, 'page')])
      const raw = ppm(readFileSync(join(s.dir, 'page.ppm')))
      const scale = Number(dpi) / 72
      // The form's heading (text, not blank paper) and a rect reaching over the page's edge.
      const rects = [
        { x: 50, y: 60, width: 300, height: 40 },
        { x: 500, y: 800, width: 300, height: 100 },
        { x: 700, y: 900, width: 10, height: 10 },
      ]
      const crops = await cropPage(join(s.dir, 'page.png'), rects, scale, 0)
      expect(crops?.map((c) => c !== undefined)).toEqual([true, true, false])
      const inks: number[] = []
      for (const [i, rect] of rects.slice(0, 2).entries()) {
        const area = cropArea(raw, rect, scale, 0) ?? { left: 0, top: 0, width: 0, height: 0 }
        const crop = await pixelsOf(crops?.[i] ?? Buffer.alloc(0))
        expect(crop).toMatchObject({ width: area.width, height: area.height, channels: 3 })
        let ink = 0
        for (let y = 0; y < area.height; y++) {
          const from = ((area.top + y) * raw.width + area.left) * 3
          const want = raw.data.subarray(from, from + area.width * 3)
          expect(crop.data.subarray(y * area.width * 3, (y + 1) * area.width * 3).equals(want)).toBe(true)
          ink += want.filter((v) => v < 128).length
        }
        inks.push(ink)
      }
      expect(inks[0]).toBeGreaterThan(100)
      // Kept inside the page: the rect over the edge ends at the page's last pixel.
      expect(cropArea(raw, { x: 500, y: 800, width: 300, height: 100 }, scale, 0)).toMatchObject({ width: raw.width - Math.floor(500 * scale), height: raw.height - Math.floor(800 * scale) })
    }
  })

  it('gives no picture for a page that is not a picture, or is cut off', async () => {
    const s = await scanSchool()
    cleanup = s.done
    const broken = join(s.dir, 'kapot.png')
    const whole = readFileSync(join(s.dir, 'school.sqlite')).subarray(0, 100)
    writeFileSync(broken, whole)
    expect(await cropPage(broken, [{ x: 0, y: 0, width: 10, height: 10 }], 1)).toBeUndefined()
  })
})

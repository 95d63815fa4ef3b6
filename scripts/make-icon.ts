// Renders resources/icon.svg (in Debian's Chromium, as the browser tests do) to the app's icons:
// resources/icon.png (512 px, Linux) and resources/icon.ico (16 to 256 px, Windows; PNG entries,
// which Windows reads since Vista). Run by hand after changing the SVG: node scripts/make-icon.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from 'playwright-core'

const root = resolve(import.meta.dirname, '..')
const svg = readFileSync(resolve(root, 'resources/icon.svg'), 'utf8')
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

/** An .ico file holding each PNG as is: a 6-byte header, a 16-byte entry per image, the images. */
function icoOf(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, at) // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1)
    header.writeUInt16LE(1, at + 4) // colour planes
    header.writeUInt16LE(32, at + 6) // bits per pixel
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  const render = async (size: number): Promise<Buffer> => {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="width:${size}px;height:${size}px" `)}</body></html>`)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    await page.close()
    return png
  }
  writeFileSync(resolve(root, 'resources/icon.png'), await render(512))
  const images = []
  for (const size of ICO_SIZES) images.push({ size, png: await render(size) })
  writeFileSync(resolve(root, 'resources/icon.ico'), icoOf(images))
} finally {
  await browser.close()
}

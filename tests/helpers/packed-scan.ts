// What the packed app must hold for the scan reader, and a returned consent form as a two-page
// copier PDF for running the packed reader (tests/unit/dist.test.ts). Made without sharp or canvas in the test's own process, so the packed
// copies are the only ones loaded and a native library missing from the pack cannot hide behind
// the repo's: poppler (pdftoppm) rasterises, the PDF is written here by hand.
//   page 1: one JPEG and nothing else (the reader's quick path: sharp decodes it), of page 2;
//   page 2: the printed form as a JPEG with the parent's marks drawn over it as vectors, and one
//           Ja box crossed by a small JPEG 2000 image, which pdf.js decodes only with the files of
//           its wasm/ folder (openjpeg): left out of the pack, that box reads empty;
//   page 3: page 2 as a black-and-white image mask (no picture the quick path hands over).
//   Pages 2 and 3 are drawn by pdf.js in a page reader's thread (out/main/scan-reader.js), which
//   must find pdf.js and canvas in app.asar.unpacked as the core does.
// tests/fixtures/scan/cross-48.jp2 is a 48 x 48 grey cross, made once with openjpeg's tool:
// `opj_compress -i cross.pgm -o cross-48.jp2 -r 20` (openjpeg 2.5.0).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import type { SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import type { BoxReading, FormRect } from '../../shared/scan.ts'

/** What the dynamic loader opens (addons, libvips, DLLs): Electron cannot load these from inside the asar. */
export const NATIVE = /\.(node|dll|dylib)$|\.so(\.\d+)*$/
/** sharp's and canvas's binaries for this machine: their own packages (better-sqlite3's is a file of its package). */
export const ownNatives = (f: string): boolean => new RegExp(`^node_modules/(@img/sharp-(libvips-)?${process.platform}-${process.arch}|@napi-rs/canvas-${process.platform}-${process.arch}-[a-z]+)(/|$)`).test(f)
export const windowsNatives = (f: string): boolean => /^node_modules\/(@img\/sharp-win32-x64|@napi-rs\/canvas-win32-x64-msvc)(\/|$)/.test(f)

/** The reader's files that the pack must hold as node_modules has them: zxing's reader .wasm, pdf.js's legacy build with its wasm/ and standard_fonts/. */
export function scanReaderFiles(root: string): string[] {
  const filesIn = (dir: string): string[] => readdirSync(join(root, dir)).map((f) => `${dir}/${f}`)
  return [
    'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm',
    'node_modules/pdfjs-dist/legacy/build/pdf.mjs',
    'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
    ...filesIn('node_modules/pdfjs-dist/wasm'),
    ...filesIn('node_modules/pdfjs-dist/standard_fonts'),
  ]
}

const A4 = { width: 595.28, height: 841.89 }
const JPX = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scan', 'cross-48.jp2'))

/** A JPEG as a PDF image: its size and colours from its start-of-frame marker (pdftoppm writes RGB even with -gray). */
function jpegImage(jpeg: Buffer): Image {
  let i = 2
  while (i + 9 < jpeg.length) {
    const marker = jpeg[i + 1] as number
    const length = jpeg.readUInt16BE(i + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { bytes: jpeg, filter: 'DCTDecode', height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7), grey: jpeg[i + 9] === 1 }
    }
    i += 2 + length
  }
  throw new Error('no JPEG frame')
}

type Image = { bytes: Buffer; filter: 'DCTDecode' | 'JPXDecode'; width: number; height: number; grey: boolean } | { bytes: Buffer; filter: 'FlateDecode'; mask: true; width: number; height: number }

/** A grey PGM (pdftoppm -gray) as an image mask: ink (below 160) painted, the rest left as paper. */
function maskImage(pgm: Buffer): Image {
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))
  if (!head) throw new Error('not a PGM')
  const [width, height] = [Number(head[1]), Number(head[2])]
  const grey = pgm.subarray(head[0].length)
  const rowBytes = Math.ceil(width / 8)
  const bits = Buffer.alloc(rowBytes * height, 0xff)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((grey[y * width + x] as number) < 160) bits[y * rowBytes + (x >> 3)] = (bits[y * rowBytes + (x >> 3)] as number) & ~(0x80 >> (x & 7))
  return { bytes: deflateSync(bits), filter: 'FlateDecode', mask: true, width, height }
}

/** A PDF of A4 pages, each drawing its images (full page or in a rectangle, PDF points from the top-left) and then its vector marks. */
function writePdf(pages: { images: { image: Image; at?: FormRect }[]; marks: string }[]): Buffer {
  const objects: Buffer[] = []
  const add = (body: Buffer | string): number => objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body)
  const stream = (dict: string, data: Buffer): Buffer => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')])
  const pagesId = 2
  add('<< /Type /Catalog /Pages 2 0 R >>')
  add('') // the page tree, filled in below
  const kids: number[] = []
  for (const page of pages) {
    const names: string[] = []
    let content = ''
    page.images.forEach(({ image, at }, n) => {
      const colour = 'mask' in image ? '/ImageMask true /BitsPerComponent 1 ' : image.filter === 'DCTDecode' ? `/ColorSpace /${image.grey ? 'DeviceGray' : 'DeviceRGB'} /BitsPerComponent 8 ` : ''
      const id = add(stream(`/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} ${colour}/Filter /${image.filter}`, image.bytes))
      names.push(`/Im${n} ${id} 0 R`)
      const r = at ?? { x: 0, y: 0, width: A4.width, height: A4.height }
      content += `q ${'mask' in image ? '0 g ' : ''}${r.width} 0 0 ${r.height} ${r.x} ${A4.height - r.y - r.height} cm /Im${n} Do Q\n`
    })
    content += page.marks
    const contentId = add(stream('', Buffer.from(content, 'latin1')))
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /XObject << ${names.join(' ')} >> >> /Contents ${contentId} 0 R >>`))
  }
  objects[pagesId - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1')
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let at = parts[0]!.length
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')])
    offsets.push(at)
    parts.push(obj)
    at += obj.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

/** A pen stroke through the points (PDF points from the top-left). */
const stroke = (points: [number, number][], width: number): string => `${width} w 1 J 1 j 0.1 G ${points.map(([x, y], i) => `${x.toFixed(2)} ${(A4.height - y).toFixed(2)} ${i ? 'l' : 'm'}`).join(' ')} S\n`
const cross = (b: FormRect): string =>
  stroke(
    [
      [b.x + 1.5, b.y + 1.5],
      [b.x + b.width - 1.5, b.y + b.height - 1.5],
    ],
    1.6,
  ) +
  stroke(
    [
      [b.x + b.width - 1.5, b.y + 1.5],
      [b.x + 1.5, b.y + b.height - 1.5],
    ],
    1.6,
  )
const scribble = (f: FormRect): string =>
  stroke(
    Array.from({ length: 9 }, (_, i): [number, number] => [f.x + f.width * (0.08 + i * 0.09), f.y + f.height * (i % 2 ? 0.35 : 0.8)]),
    1.2,
  )

export interface PackedScan {
  pdf: Buffer
  /** What each page should read as: per purpose row, in the layout's order; whether the first guardian signed. */
  answers: { purposeId: number; reading: BoxReading }[]
}

/** The printed form's first sheet, marked: row 1 Ja, row 2 Nee, row 3 Ja by the JPEG 2000 cross, the rest empty; the first signature line signed and dated. */
export function packedScan(formPdf: Buffer, layout: SheetLayout, dir: string): PackedScan {
  if (layout.rows.length < 4 || layout.signatures.length < 1) throw new Error('the form needs four purposes and a signature line')
  const [first, second, third] = layout.rows as [SheetLayout['rows'][0], SheetLayout['rows'][0], SheetLayout['rows'][0]]
  writeFileSync(join(dir, 'form.pdf'), formPdf)
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-jpeg', '-jpegopt', 'quality=90', '-f', '1', '-l', '1', '-singlefile', join(dir, 'form.pdf'), join(dir, 'printed')])
  const printed = readFileSync(join(dir, 'printed.jpg'))
  const background = jpegImage(printed)
  const line = layout.signatures[0] as SheetLayout['signatures'][0]
  const inset = (b: FormRect): FormRect => ({ x: b.x + 1, y: b.y + 1, width: b.width - 2, height: b.height - 2 })
  const marked = {
    images: [{ image: background }, { image: { bytes: JPX, filter: 'JPXDecode' as const, width: 48, height: 48, grey: true }, at: inset(third.ja) }],
    marks: cross(first.ja) + cross(second.nee) + scribble(line.sign) + scribble(line.date),
  }
  // The copier's JPEG of the marked sheet (poppler decodes the JPEG 2000 itself).
  writeFileSync(join(dir, 'marked.pdf'), writePdf([marked]))
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-jpeg', '-jpegopt', 'quality=90', '-singlefile', join(dir, 'marked.pdf'), join(dir, 'copied')])
  const copied = readFileSync(join(dir, 'copied.jpg'))
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-singlefile', join(dir, 'marked.pdf'), join(dir, 'copied')])
  const masked = maskImage(readFileSync(join(dir, 'copied.pgm')))
  const pdf = writePdf([{ images: [{ image: jpegImage(copied) }], marks: '' }, marked, { images: [{ image: masked }], marks: '' }])
  const answers = layout.rows.map((row, i) => ({ purposeId: row.purposeId ?? 0, reading: (['ja', 'nee', 'ja'] as const)[i] ?? ('geen' as const) }))
  return { pdf, answers }
}

// A corpus of returned consent forms, made by the test itself: a demo school's round printed by the
// app, rasterised with pdftoppm at 150, 200 or 300 dpi, marked the way parents mark (ticks, crosses,
// filled boxes, light pencil, a tick across the box's edge, a corrected answer, a note in the
// margin, signatures and dates), then put through a copier: turned up to 5 degrees, shifted,
// scaled, blurred, speckled, some thresholded to black and white, some with a fold's shadow, some
// upside down, JPEG at quality 30-90, and collected into a multi-page PDF with pdfkit. Seeded, so a
// failure reproduces. Everything lives in a temp folder, never in the repo.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import PdfKit from 'pdfkit'
import type { Core } from '../../electron/core/boot.ts'
import type { SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import { parseFormQr } from '../../electron/core/documents/consent-form-layout.ts'
import type { BoxReading, FormRect } from '../../shared/scan.ts'
import { bytesOf } from '../documents/helpers.ts'
import { ok } from '../helpers/register.ts'
import { testCore } from '../helpers/db.ts'
import { seededRandom } from '../../electron/core/school/seeded-random.ts'

/** A seeded generator (mulberry32), good enough to vary a corpus. */
export const prng = seededRandom

export type MarkStyle = 'tick' | 'cross' | 'filled' | 'pencil' | 'edge'

export interface ExpectedPage {
  code: string
  pupilId: number
  upsideDown: boolean
  /** Per printed row: what a careful person reads. */
  answers: { purposeId: number; expected: BoxReading; style: MarkStyle | 'correction' | 'none' }[]
  signatures: { slot: number; signed: boolean }[]
  /** The purpose whose row has a note in its margin, if any (for a person looking into a wrong reading). */
  notePurposeId?: number
  /** How the copier treated the page, and its dpi (for the same). */
  copier?: CopierOptions & { dpi: number }
}

export interface Round {
  core: Core
  campaignId: number
  pdf: Buffer
  /** The round's pupils by form code. */
  pupilByCode: Map<string, number>
}

/** The demo school with a consent round for everyone, its forms printed by the app. */
export async function demoRound(): Promise<Round> {
  const core = testCore(new Date('2026-12-01T09:00:00Z'))
  await ok(core, 'school.setup', { mode: 'demo' })
  const campaign = await ok(core, 'campaigns.start', { name: 'Toestemming 2026-2027' })
  const pdf = bytesOf(await ok(core, 'campaigns.printForms', { id: campaign.id }))
  const rows = core.ctx.db.prepare(`SELECT code, pupil_id AS pupilId FROM campaign_forms WHERE campaign_id = ?`).all(campaign.id) as { code: string; pupilId: number }[]
  return { core, campaignId: campaign.id, pdf, pupilByCode: new Map(rows.map((r) => [r.code, r.pupilId])) }
}

/** Pages first..last of the PDF as grey PGM files at `dpi`, with the QR code each carries (read by zbarimg). */
export function rasterise(pdf: Buffer, dir: string, dpi: number, first: number, last: number): { png: string; qr: string }[] {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `round.pdf`)
  writeFileSync(file, pdf)
  const prefix = join(dir, `p${dpi}`)
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(first), '-l', String(last), file, prefix])
  const files = execFileSync('ls', [dir], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.startsWith(`p${dpi}-`) && f.endsWith('.pgm'))
    .sort()
    .map((f) => join(dir, f))
  // One zbarimg for all pages: it prints each code on its own line, in the order of the files.
  const codes = execFileSync('zbarimg', ['-q', '--raw', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 })
    .trim()
    .split('\n')
  if (codes.length !== files.length) throw new Error(`zbarimg read ${codes.length} codes from ${files.length} pages`)
  return files.map((png, i) => ({ png, qr: codes[i] as string }))
}

/** A binary PGM (pdftoppm -gray) as raw grey pixels. */
export function readPgm(path: string): { data: Buffer; width: number; height: number } {
  const bytes = readFileSync(path)
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))
  if (!head) throw new Error(`not a PGM: ${path}`)
  return { width: Number(head[1]), height: Number(head[2]), data: bytes.subarray(head[0].length) }
}

const jitter = (r: () => number, n: number): number => (r() * 2 - 1) * n

/** A hand-drawn stroke through the points, a little shaky. */
function stroke(r: () => number, points: [number, number][], width: number, grey: number): string {
  const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${(x + jitter(r, width * 0.4)).toFixed(1)},${(y + jitter(r, width * 0.4)).toFixed(1)}`).join(' ')
  return `<path d="${d}" fill="none" stroke="rgb(${grey},${grey},${grey})" stroke-width="${width.toFixed(2)}" stroke-linecap="round" stroke-linejoin="round"/>`
}

/** The SVG of one box's mark, in pixels (`s` pixels per point). */
export function boxMark(r: () => number, box: FormRect, s: number, style: MarkStyle): string {
  const x = box.x * s
  const y = box.y * s
  const w = box.width * s
  const pen = (1 + r() * 0.8) * s
  const ink = Math.round(r() * 60)
  const cx = x + w / 2 + jitter(r, w * 0.08)
  const cy = y + w / 2 + jitter(r, w * 0.08)
  switch (style) {
    case 'tick':
      return stroke(
        r,
        [
          [x + w * 0.15, y + w * 0.5],
          [cx - w * 0.05, cy + w * 0.35],
          [x + w * 1.05, y - w * 0.1],
        ],
        pen,
        ink,
      )
    case 'cross':
      return (
        stroke(
          r,
          [
            [x + w * 0.1, y + w * 0.1],
            [x + w * 0.9, y + w * 0.9],
          ],
          pen,
          ink,
        ) +
        stroke(
          r,
          [
            [x + w * 0.9, y + w * 0.1],
            [x + w * 0.1, y + w * 0.9],
          ],
          pen,
          ink,
        )
      )
    case 'filled': {
      const lines: string[] = []
      for (let t = 0.12; t < 0.92; t += 0.14)
        lines.push(
          stroke(
            r,
            [
              [x + w * 0.08, y + w * t],
              [x + w * 0.92, y + w * (t + 0.05)],
            ],
            pen * 1.6,
            ink,
          ),
        )
      return lines.join('')
    }
    case 'pencil':
      return stroke(
        r,
        [
          [x + w * 0.2, y + w * 0.55],
          [cx, cy + w * 0.3],
          [x + w * 0.9, y + w * 0.15],
        ],
        1.2 * s,
        80 + Math.round(r() * 50),
      )
    case 'edge':
      // A tick that starts inside and ends well outside, across the box's right or top edge.
      return stroke(
        r,
        [
          [x + w * 0.35, y + w * 0.55],
          [x + w * 0.55, y + w * 0.8],
          [x + w * 1.5, y - w * 0.6],
        ],
        pen,
        ink,
      )
  }
}

/** A scribble like a signature or a written date, filling most of the field. */
function writing(r: () => number, field: FormRect, s: number, part: number): string {
  const points: [number, number][] = []
  const n = 8 + Math.floor(r() * 10)
  for (let i = 0; i <= n; i++) points.push([(field.x + field.width * (0.05 + (part * i) / n)) * s, (field.y + field.height * (0.25 + r() * 0.6)) * s])
  return stroke(r, points, (0.8 + r() * 0.6) * s, Math.round(r() * 80))
}

export interface Marking {
  svg: string
  expected: Omit<ExpectedPage, 'code' | 'pupilId' | 'upsideDown' | 'copier'>
}

/** Marks one sheet as a parent might; the expected reading comes with it. */
export function markSheet(r: () => number, layout: SheetLayout, s: number): Marking {
  const parts: string[] = []
  const answers: ExpectedPage['answers'] = layout.rows.map((row) => {
    const roll = r()
    const purposeId = row.purposeId ?? 0
    if (roll < 0.06) return { purposeId, expected: 'geen' as const, style: 'none' as const }
    if (roll < 0.09) {
      // A corrected answer: one box filled in solid, the other ticked.
      const solidJa = r() < 0.5
      parts.push(boxMark(r, solidJa ? row.ja : row.nee, s, 'filled'), boxMark(r, solidJa ? row.nee : row.ja, s, 'tick'))
      return { purposeId, expected: 'onduidelijk' as const, style: 'correction' as const }
    }
    const yes = r() < 0.6
    const styles: MarkStyle[] = ['tick', 'tick', 'cross', 'cross', 'filled', 'pencil', 'edge']
    const style = styles[Math.floor(r() * styles.length)] as MarkStyle
    parts.push(boxMark(r, yes ? row.ja : row.nee, s, style))
    return { purposeId, expected: yes ? ('ja' as const) : ('nee' as const), style }
  })
  const signatures = layout.signatures.map((line) => {
    const signed = line.slot === 0 ? r() < 0.95 : r() < 0.5
    if (signed) parts.push(writing(r, line.sign, s, 0.85), writing(r, line.date, s, 0.6))
    return { slot: line.slot, signed }
  })
  let notePurposeId: number | undefined
  if (r() < 0.25) {
    // A note in the margin beside the purposes, away from the boxes.
    const row = layout.rows[Math.floor(r() * layout.rows.length)]
    if (row) parts.push(writing(r, { x: row.row.x + 150, y: row.row.y + 2, width: 180, height: Math.min(12, row.row.height - 4) }, s, 0.9))
    notePurposeId = row?.purposeId ?? undefined
  }
  return { svg: parts.join(''), expected: { answers, signatures, ...(notePurposeId === undefined ? {} : { notePurposeId }) } }
}

export interface CopierOptions {
  rotate: number
  shiftX: number
  shiftY: number
  scale: number
  blur: number
  speckles: number
  blackWhite: boolean
  fold: boolean
  upsideDown: boolean
  quality: number
}

export function copierOptions(r: () => number): CopierOptions {
  return {
    rotate: jitter(r, 5),
    shiftX: jitter(r, 0.015),
    shiftY: jitter(r, 0.015),
    scale: 0.96 + r() * 0.06,
    blur: r() < 0.4 ? 0.4 + r() * 0.6 : 0,
    speckles: r() < 0.4 ? Math.floor(r() * 300) : 0,
    blackWhite: r() < 0.25,
    fold: r() < 0.2,
    upsideDown: r() < 0.06,
    quality: 30 + Math.floor(r() * 61),
  }
}

/** The marked page through the copier: a JPEG of an A4 page at the same dpi. */
export async function copy(r: () => number, pgm: string, svg: string, o: CopierOptions): Promise<Buffer> {
  const src = readPgm(pgm)
  const W = src.width
  const H = src.height
  const raw = (width: number, height: number) => ({ raw: { width, height, channels: 1 as const } })
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${svg}${speckles(r, W, H, o.speckles)}</svg>`)
  const marked = await grey(sharp(src.data, raw(W, H)).composite([{ input: overlay, blend: 'multiply' }]))
  // Turned, scaled and shifted on a page of the original size, as the copier's glass sees it; a
  // fold's shadow across it. Each output pixel takes the bilinear mix of the marked page under it.
  const turn = ((o.rotate + (o.upsideDown ? 180 : 0)) * Math.PI) / 180
  const cos = Math.cos(turn) / o.scale
  const sin = Math.sin(turn) / o.scale
  // The scanner's glass is a little bigger than A4 (about 218 x 306 mm), as a copier's is.
  const OW = Math.round(W * 1.04)
  const OH = Math.round(H * 1.03)
  const cx = OW / 2 + o.shiftX * W
  const cy = OH / 2 + o.shiftY * H
  const foldY = o.fold ? H * (0.3 + r() * 0.4) : -1
  const foldHalf = H * 0.04
  const flat = Buffer.alloc(OW * OH)
  for (let y = 0; y < OH; y++) {
    for (let x = 0; x < OW; x++) {
      const dx = x - cx
      const dy = y - cy
      const sx = cos * dx + sin * dy + W / 2
      const sy = -sin * dx + cos * dy + H / 2
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      let v = 255
      if (x0 >= 0 && y0 >= 0 && x0 < W - 1 && y0 < H - 1) {
        const fx = sx - x0
        const fy = sy - y0
        const i = y0 * W + x0
        const top = (marked[i] as number) * (1 - fx) + (marked[i + 1] as number) * fx
        const bottom = (marked[i + W] as number) * (1 - fx) + (marked[i + W + 1] as number) * fx
        v = top * (1 - fy) + bottom * fy
      }
      if (foldY >= 0) {
        const d = Math.abs(y - foldY) / foldHalf
        if (d < 1) v *= 1 - 0.4 * (1 - d)
      }
      flat[y * OW + x] = v
    }
  }
  let page = sharp(flat, raw(OW, OH))
  if (o.blur > 0) page = page.blur(0.3 + o.blur)
  if (o.blackWhite) page = page.threshold(150)
  return page.jpeg({ quality: o.quality }).toBuffer()
}

/** One grey channel out of a pipeline, whatever channels its last step made (sharp orders its steps itself). */
async function grey(img: Sharp): Promise<Buffer>
async function grey(img: Sharp, sized: true): Promise<{ data: Buffer; width: number; height: number }>
async function grey(img: Sharp, sized?: true): Promise<Buffer | { data: Buffer; width: number; height: number }> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true })
  const one =
    info.channels === 1
      ? data
      : await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
          .extractChannel(0)
          .raw()
          .toBuffer()
  return sized ? { data: one, width: info.width, height: info.height } : one
}

function speckles(r: () => number, W: number, H: number, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += `<circle cx="${(r() * W).toFixed(0)}" cy="${(r() * H).toFixed(0)}" r="${(0.5 + r() * 1.2).toFixed(1)}" fill="#333"/>`
  return out
}

/** JPEG pages into one PDF, each filling an A4 page, as a copier writes a scan. */
export function copierPdf(jpegs: Buffer[]): Promise<Buffer> {
  const doc = new PdfKit({ size: 'A4', margin: 0, autoFirstPage: false })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  for (const jpeg of jpegs) {
    doc.addPage()
    doc.image(jpeg, 0, 0, { width: 595.28, height: 841.89 })
  }
  doc.end()
  return done
}

/** The layout a page was printed with, from the register (printing stored it). */
export function layoutOf(core: Core, qr: string): SheetLayout {
  const digest = parseFormQr(qr)?.layout
  const json = core.ctx.db.prepare(`SELECT layout_json FROM form_layouts WHERE digest = ?`).pluck().get(digest) as string | undefined
  if (!json) throw new Error(`no layout for ${qr}`)
  return JSON.parse(json) as SheetLayout
}

export const readPngBytes = (path: string): Buffer => readFileSync(path)

export interface BuiltScan {
  /** The copier's PDF. */
  file: string
  /** Per page of it, what is on it. */
  expected: ExpectedPage[]
  /** The same kind of pages as single picture files (JPEG, PNG, TIFF), for the folder input. */
  pictures: { name: string; path: string; expected: ExpectedPage }[]
}

/**
 * `count` marked pages through the copier into one PDF: the round's pages in order (again from the
 * start when there are more pages than forms), at 150, 200 and 300 dpi in turn by blocks.
 */
export async function buildScan(round: Round, dir: string, count: number, seed: number, pictures = 0): Promise<BuiltScan> {
  const r = prng(seed)
  const formPages = round.pupilByCode.size
  const dpis = [150, 200, 300]
  const block = Math.ceil(count / dpis.length)
  const rendered: { png: string; qr: string; dpi: number }[] = []
  for (const [k, dpi] of dpis.entries()) {
    const end = Math.min(count, (k + 1) * block)
    // Pages k*block .. end-1 of the scan are the round's pages in turn, at this dpi.
    while (rendered.length < end) {
      const start = (rendered.length % formPages) + 1
      const last = Math.min(formPages, start + (end - rendered.length) - 1)
      for (const p of rasterise(round.pdf, join(dir, `r${dpi}-${start}`), dpi, start, last)) rendered.push({ ...p, dpi })
    }
  }
  const jpegs: Buffer[] = []
  const expected: ExpectedPage[] = []
  const pics: BuiltScan['pictures'] = []
  for (const [i, p] of rendered.entries()) {
    const layout = layoutOf(round.core, p.qr)
    const marking = markSheet(r, layout, p.dpi / 72)
    const o = copierOptions(r)
    const code = parseFormQr(p.qr)?.code ?? ''
    const e: ExpectedPage = { code, pupilId: round.pupilByCode.get(code) ?? 0, upsideDown: o.upsideDown, ...marking.expected, copier: { ...o, dpi: p.dpi } }
    const jpeg = await copy(r, p.png, marking.svg, o)
    if (i < pictures) {
      const kind = (['jpg', 'png', 'tif'] as const)[i % 3]
      const path = join(dir, `pagina-${i + 1}.${kind}`)
      if (kind === 'jpg') writeFileSync(path, jpeg)
      else await (kind === 'png' ? sharp(jpeg).png() : sharp(jpeg).tiff({ compression: 'lzw' })).toFile(path)
      pics.push({ name: `pagina-${i + 1}.${kind}`, path, expected: e })
    } else {
      jpegs.push(jpeg)
      expected.push(e)
    }
  }
  const file = join(dir, 'scan-copier.pdf')
  writeFileSync(file, await copierPdf(jpegs))
  return { file, expected, pictures: pics }
}

export interface Score {
  pages: number
  read: number
  wrongPupil: number
  purposes: number
  /** Purposes whose reading is not what is on the paper. */
  wrong: { page: number; purposeId: number; expected: BoxReading; got: BoxReading; style: string; ink?: { ja: number; nee: number } }[]
  signedBlocks: number
  signedFound: number
  blankBlocks: number
  falseSigned: number
}

/** The reader's pages against what is on the paper. */
export function score(pages: import('../../shared/scan.ts').ScannedPage[], expected: ExpectedPage[]): Score {
  const s: Score = { pages: expected.length, read: 0, wrongPupil: 0, purposes: 0, wrong: [], signedBlocks: 0, signedFound: 0, blankBlocks: 0, falseSigned: 0 }
  for (const [i, e] of expected.entries()) {
    const page = pages[i]
    if (!page) continue
    if (page.form && page.form.pupilId !== e.pupilId) s.wrongPupil++
    if (page.status !== 'read') continue
    s.read++
    for (const a of e.answers) {
      s.purposes++
      const answer = page.answers.find((x) => x.purposeId === a.purposeId)
      const got = answer?.reading ?? 'geen'
      if (got !== a.expected) s.wrong.push({ page: i, purposeId: a.purposeId, expected: a.expected, got, style: a.style, ...(answer ? { ink: answer.ink } : {}) })
    }
    for (const sig of e.signatures) {
      const got = page.signatures.find((x) => x.slot === sig.slot)?.signed ?? false
      if (sig.signed) {
        s.signedBlocks++
        if (got) s.signedFound++
      } else {
        s.blankBlocks++
        if (got) s.falseSigned++
      }
    }
  }
  return s
}

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
import sharp from 'sharp'
import PDFDocument from 'pdfkit'
import type { Core } from '../../electron/core/boot.ts'
import type { SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import { parseFormQr } from '../../electron/core/documents/consent-form-layout.ts'
import type { BoxReading, FormRect } from '../../shared/scan.ts'
import { bytesOf } from '../documents/helpers.ts'
import { ok } from '../helpers/register.ts'
import { testCore } from '../helpers/db.ts'

/** mulberry32: small, seeded, good enough to vary a corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type MarkStyle = 'tick' | 'cross' | 'filled' | 'pencil' | 'edge'

export interface ExpectedPage {
  code: string
  pupilId: number
  upsideDown: boolean
  /** Per printed row: what a careful person reads. */
  answers: { purposeId: number; expected: BoxReading; style: MarkStyle | 'correction' | 'none' }[]
  signatures: { slot: number; signed: boolean }[]
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

/** Pages first..last of the PDF as PNG files at `dpi`, with the QR code each carries (read by zbarimg). */
export function rasterise(pdf: Buffer, dir: string, dpi: number, first: number, last: number): { png: string; qr: string }[] {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `round-${dpi}.pdf`)
  writeFileSync(file, pdf)
  const prefix = join(dir, `p${dpi}`)
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', String(first), '-l', String(last), file, prefix])
  const pngs = execFileSync('ls', [dir], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.startsWith(`p${dpi}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f))
  return pngs.map((png) => ({ png, qr: execFileSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() }))
}

const jitter = (r: () => number, n: number): number => (r() * 2 - 1) * n

/** A hand-drawn stroke through the points, a little shaky. */
function stroke(r: () => number, points: [number, number][], width: number, grey: number): string {
  const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${(x + jitter(r, width * 0.4)).toFixed(1)},${(y + jitter(r, width * 0.4)).toFixed(1)}`).join(' ')
  return `<path d="${d}" fill="none" stroke="rgb(${grey},${grey},${grey})" stroke-width="${width.toFixed(2)}" stroke-linecap="round" stroke-linejoin="round"/>`
}

/** The SVG of one box's mark, in pixels (`s` pixels per point). */
function boxMark(r: () => number, box: FormRect, s: number, style: MarkStyle): string {
  const x = box.x * s
  const y = box.y * s
  const w = box.width * s
  const pen = (1 + r() * 0.8) * s
  const ink = Math.round(r() * 60)
  const cx = x + w / 2 + jitter(r, w * 0.08)
  const cy = y + w / 2 + jitter(r, w * 0.08)
  switch (style) {
    case 'tick':
      return stroke(r, [[x + w * 0.15, y + w * 0.5], [cx - w * 0.05, y + w * 0.85], [x + w * 1.05, y - w * 0.1]], pen, ink)
    case 'cross':
      return stroke(r, [[x + w * 0.1, y + w * 0.1], [x + w * 0.9, y + w * 0.9]], pen, ink) + stroke(r, [[x + w * 0.9, y + w * 0.1], [x + w * 0.1, y + w * 0.9]], pen, ink)
    case 'filled': {
      const lines: string[] = []
      for (let t = 0.12; t < 0.92; t += 0.14) lines.push(stroke(r, [[x + w * 0.08, y + w * t], [x + w * 0.92, y + w * (t + 0.05)]], pen * 1.6, ink))
      return lines.join('')
    }
    case 'pencil':
      return stroke(r, [[x + w * 0.2, y + w * 0.55], [cx, y + w * 0.8], [x + w * 0.9, y + w * 0.15]], 0.7 * s, 130 + Math.round(r() * 35))
    case 'edge':
      // A tick that starts inside and ends well outside, across the box's right or top edge.
      return stroke(r, [[x + w * 0.35, y + w * 0.55], [x + w * 0.55, y + w * 0.8], [x + w * 1.5, y - w * 0.6]], pen, ink)
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
  expected: Omit<ExpectedPage, 'code' | 'pupilId' | 'upsideDown'>
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
  if (r() < 0.25) {
    // A note in the margin beside the purposes, away from the boxes.
    const row = layout.rows[Math.floor(r() * layout.rows.length)]
    if (row) parts.push(writing(r, { x: row.row.x + 150, y: row.row.y + 2, width: 180, height: Math.min(12, row.row.height - 4) }, s, 0.9))
  }
  return { svg: parts.join(''), expected: { answers, signatures } }
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
export async function copy(r: () => number, png: string, svg: string, o: CopierOptions): Promise<Buffer> {
  const meta = await sharp(png).metadata()
  const W = meta.width as number
  const H = meta.height as number
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${svg}${speckles(r, W, H, o.speckles)}</svg>`)
  let img = sharp(png).composite([{ input: overlay, blend: 'multiply' }])
  let pixels = await img.greyscale().raw().toBuffer()
  img = sharp(pixels, { raw: { width: W, height: H, channels: 1 } })
    .rotate(o.rotate + (o.upsideDown ? 180 : 0), { background: '#ffffff' })
  const turned = await img.raw().toBuffer({ resolveWithObject: true })
  // Scaled and shifted onto a page of the original size, as the copier's glass sees it.
  const sw = Math.round(turned.info.width * o.scale)
  const sh = Math.round(turned.info.height * o.scale)
  const scaled = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 1 } }).resize(sw, sh).raw().toBuffer()
  const left = Math.round((W - sw) / 2 + o.shiftX * W)
  const top = Math.round((H - sh) / 2 + o.shiftY * H)
  const crop = { left: Math.max(0, -left), top: Math.max(0, -top) }
  const part = await sharp(scaled, { raw: { width: sw, height: sh, channels: 1 } })
    .extract({ left: crop.left, top: crop.top, width: Math.min(sw - crop.left, W - Math.max(0, left)), height: Math.min(sh - crop.top, H - Math.max(0, top)) })
    .raw()
    .toBuffer({ resolveWithObject: true })
  let page = sharp({ create: { width: W, height: H, channels: 1, background: 255 } } as never).composite([
    { input: part.data, raw: { width: part.info.width, height: part.info.height, channels: 1 }, left: Math.max(0, left), top: Math.max(0, top) },
  ])
  pixels = await page.greyscale().raw().toBuffer()
  page = sharp(pixels, { raw: { width: W, height: H, channels: 1 } })
  if (o.fold) {
    const y = Math.round(H * (0.3 + r() * 0.4))
    const band = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff"/><stop offset="0.5" stop-color="#9a9a9a"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect x="0" y="${y - H * 0.04}" width="${W}" height="${H * 0.08}" fill="url(#g)"/></svg>`)
    pixels = await page.composite([{ input: band, blend: 'multiply' }]).greyscale().raw().toBuffer()
    page = sharp(pixels, { raw: { width: W, height: H, channels: 1 } })
  }
  if (o.blur > 0) page = page.blur(0.3 + o.blur)
  if (o.blackWhite) page = page.threshold(150)
  return page.jpeg({ quality: o.quality }).toBuffer()
}

function speckles(r: () => number, W: number, H: number, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += `<circle cx="${(r() * W).toFixed(0)}" cy="${(r() * H).toFixed(0)}" r="${(0.5 + r() * 1.2).toFixed(1)}" fill="#333"/>`
  return out
}

/** JPEG pages into one PDF, each filling an A4 page, as a copier writes a scan. */
export function copierPdf(jpegs: Buffer[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false })
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

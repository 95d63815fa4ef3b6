// A demo register on a real SQLite file with a consent round for group 5, and scanned pages of its
// forms made as any reader could hand them over (ScannedPage values with a real PNG of the page):
// input data for the scan review and confirm tests, whatever reader produced it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openCore } from '../../electron/core/boot.ts'
import { registerChosenFile } from '../../electron/core/chosen-files.ts'
import type { CoreContext } from '../../electron/core/context.ts'
import { startScan, type ScanReader } from '../../electron/core/scan/scan.service.ts'
import type { BoxReading, ScannedAnswer, ScannedPage } from '../../shared/scan.ts'
import sharp from 'sharp'
import { ok } from '../helpers/register.ts'

export const NOW = new Date('2026-12-01T10:00:00Z')
/** Pixels per PDF point of the test pages: 2 (144 dpi), an A4 page of 1190 x 1684. */
export const SCALE = 2

export async function scanSchool() {
  const dir = mkdtempSync(join(tmpdir(), 'scan-confirm-'))
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: '0.0.0-test', now: () => NOW })
  await ok(core, 'school.setup', { mode: 'demo' })
  const group5 = (await ok(core, 'groups.list', {})).find((g) => g.name === '5')
  if (!group5) throw new Error('no group 5')
  const purposes = await ok(core, 'purposes.list', {})
  const round = await ok(core, 'campaigns.start', { name: 'Toestemming 2026-2027', groupIds: [group5.id] })
  const done = () => {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
  /** How many rows a table has now: what confirming did or did not write. */
  const count = (table: string): number => core.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  return { core, ctx: core.ctx, dir, purposes, round, forms: round.outstanding, done, count }
}

/** A PNG's pixels as another program decodes them (sharp), to check what the app made. */
export async function pixelsOf(png: Buffer | string): Promise<{ width: number; height: number; channels: number; data: Buffer }> {
  const bytes = typeof png === 'string' ? Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64') : png
  const grey = (await sharp(bytes).metadata()).channels === 1
  const { data, info } = await (grey ? sharp(bytes).extractChannel(0) : sharp(bytes)).raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, channels: info.channels, data }
}

/** A grey page with a dark bar where each row is, so a crop can be checked by its pixels. */
function pagePng(rows: { y: number }[]): Promise<Buffer> {
  const width = 595 * SCALE
  const height = 842 * SCALE
  const data = new Uint8Array(width * height).fill(235)
  for (const r of rows) data.fill(20, (r.y + 5) * SCALE * width, (r.y + 10) * SCALE * width)
  return sharp(data, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer()
}

export interface PageSpec {
  code?: string
  pupilId?: number
  campaignId?: number | null
  /** Per purpose id its reading (and confidence, default 0.97). */
  readings?: Map<number, { reading: BoxReading; confidence?: number }>
  /** Guardian ids whose line is signed; the other guardians' lines are left empty. */
  signedBy?: number[]
  guardianIds?: number[]
  status?: ScannedPage['status']
  /** For a form of several sheets: this page's sheet (1-based) of `sheets`. */
  sheet?: number
  sheets?: number
  /** The reader kept no picture of this page (as for a page without a code). */
  noImage?: boolean
}

/** Pages as a reader returns them; the PNGs are written into the job's own outDir. */
export function readerOf(specs: PageSpec[], hooks: { perPage?: (i: number) => void } = {}): ScanReader {
  return async (_ctx, files, { onProgress, outDir }) => {
    const pages: ScannedPage[] = []
    for (const [i, spec] of specs.entries()) {
      hooks.perPage?.(i)
      const answers: ScannedAnswer[] = [...(spec.readings ?? new Map()).entries()].map(([purposeId, r], n) => ({
        purposeId,
        reading: r.reading,
        confidence: r.confidence ?? 0.97,
        ink: { ja: r.reading === 'ja' ? 0.3 : 0, nee: r.reading === 'nee' ? 0.3 : 0 },
        row: { x: 40, y: 200 + n * 40, width: 515, height: 30 },
      }))
      const imagePath = join(outDir, `page-${i}.png`)
      if (!spec.noImage) writeFileSync(imagePath, await pagePng(answers.map((a) => a.row)))
      pages.push({
        index: i,
        source: files.length > 1 ? (files[i]?.name ?? '') : `${files[0]?.name ?? 'scan.pdf'}, pagina ${i + 1}`,
        status: spec.status ?? (spec.code ? 'read' : 'no_code'),
        ...(spec.code ? { form: { code: spec.code, sheet: spec.sheet ?? 1, sheets: spec.sheets ?? 1, layoutVersion: 1, pupilId: spec.pupilId ?? 0, campaignId: spec.campaignId ?? null } } : {}),
        answers,
        signatures: (spec.guardianIds ?? []).map((g, slot) => ({
          guardianId: g,
          slot,
          signed: spec.signedBy?.includes(g) ?? false,
          dated: true,
          confidence: 0.95,
          block: { x: 40 + slot * 260, y: 700, width: 250, height: 60 },
        })),
        ...(spec.noImage ? {} : { imagePath, scale: SCALE }),
      })
      onProgress(i + 1, specs.length)
      await new Promise((resolve) => setImmediate(resolve))
    }
    return pages
  }
}

/** A file the user chose, as the core knows it: a token for a real file beside the register (its bytes do not matter to a reader made of data). */
export function chooseScan(ctx: CoreContext, name = 'scan-0912.pdf', bytes: string | Buffer = '%PDF-1.7 scan'): { token: string } {
  const path = join(mkdtempSync(join(dirname(ctx.dbPath), 'chosen-')), name)
  writeFileSync(path, bytes)
  return { token: registerChosenFile(ctx, path).token }
}

export function scan(ctx: CoreContext, reader: ScanReader, progressId?: string, files = [chooseScan(ctx)]) {
  return startScan(ctx, { files, ...(progressId ? { progressId } : {}) }, reader)
}

/** A page photographed or scanned as a picture file: grey paper with a dark band (a letter, say). */
export const letterPng = (): Promise<Buffer> => pagePng([{ y: 100 }, { y: 300 }])

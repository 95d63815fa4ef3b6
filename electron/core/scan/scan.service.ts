// The scan job: the chosen files (tokens) are read where they lie, in the background (progress,
// stop), and the pages are kept as a scan session in the core's memory, their pictures in a folder
// of this run's temp folder. A scan over the reader's cap is refused from the sizes the tokens
// know, before a byte is read. Nothing goes into the register here: only confirming a form writes.
import { mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiParsed } from '../../../shared/api.ts'
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import { scanTooLargeMessage, type ScanOutputs, type ScanSessionView } from '../../../shared/scan.contract.ts'
import type { ScannedPage } from '../../../shared/scan.ts'
import { chosenFile } from '../chosen-files.ts'
import type { CoreContext } from '../context.ts'
import { trackProgress } from '../progress.ts'
import { getPupil } from '../pupils/pupils.service.ts'
import { pageImage } from './hand-page.ts'
import { MAX_SCAN_BYTES } from './input.ts'
import { cropPage, pngDataUrl } from './png-crop.ts'
import { findSessionForm, sessionForms, sessionView } from './review.ts'
import { dropSession, keepSession, newSessionId, requireSession, type ScanSession } from './scan-session.ts'

/** The reader (read.ts): files on disk -> pages, PNGs written to outDir; reports progress, stops on the signal. */
export type ScanReader = (ctx: CoreContext, files: { name: string; path: string }[], options: { onProgress: (done: number, total: number) => void; signal: AbortSignal; outDir: string }) => Promise<ScannedPage[]>

/**
 * The chosen files, where they lie; refused (nothing read) when one of them, or all together, is over
 * the reader's cap. The reader holds a file whole while it reads its pages, and keeps the files of
 * one scan open together, so the cap is on the sum too. The size is the file's own now, not only
 * what it was when chosen (a copier may still be writing it).
 */
function chosenScans(ctx: CoreContext, tokens: { token: string }[]): { name: string; path: string }[] {
  const files = tokens.map((t) => chosenFile(ctx, t.token))
  let total = 0
  for (const f of files) {
    let size = f.size
    try {
      size = Math.max(size, statSync(f.path).size)
    } catch {
      // Gone since it was chosen: the reader says so for this file, and reads the others.
    }
    total += size
    if (size > MAX_SCAN_BYTES) throw new AppError('validation', scanTooLargeMessage(`De scan ${f.name}`, size, MAX_SCAN_BYTES))
  }
  if (total > MAX_SCAN_BYTES) throw new AppError('validation', scanTooLargeMessage('De gekozen scans samen', total, MAX_SCAN_BYTES))
  return files.map((f) => ({ name: f.name.split(/[\\/]/).pop() ?? f.name, path: f.path }))
}

/** The reader alone (`scan read` on the CLI): files chosen by token, read where they lie; the pictures go in a temp folder that is removed again. */
export async function readChosenFiles(ctx: CoreContext, tokens: { token: string }[], read: ScanReader): Promise<ScannedPage[]> {
  // No cap here: the reader refuses a file too large as that file's page and reads the others (for scripts).
  const files = tokens.map((t) => chosenFile(ctx, t.token))
  const dir = ctx.temp.newDir()
  try {
    const pages = await read(
      ctx,
      files.map((f) => ({ name: f.name, path: f.path })),
      { outDir: dir, signal: new AbortController().signal, onProgress: () => {} },
    )
    return pages.map(({ imagePath: _picture, ...page }) => page)
  } finally {
    ctx.temp.remove(dir)
  }
}

export async function startScan(ctx: CoreContext, input: ApiParsed<'scan.start'>, read: ScanReader): Promise<ScanSessionView> {
  const files = chosenScans(ctx, input.files)
  const dir = ctx.temp.newDir()
  // The total is the number of pages, known once the reader has opened the files.
  const progress = trackProgress(ctx, input.progressId, 0)
  const stop = new AbortController()
  try {
    const outDir = join(dir, 'pages')
    mkdirSync(outDir)
    progress.update(0, 0, 'read')
    const pages = await read(ctx, files, {
      outDir,
      signal: stop.signal,
      onProgress: (done, total) => {
        try {
          progress.update(done, total, 'read')
        } catch (e) {
          stop.abort()
          throw e
        }
      },
    })
    const session: ScanSession = { id: newSessionId(), db: ctx.db, dir, scannedOn: localIsoDate(ctx.now()), files, pages, assigned: new Map(), confirmed: new Set() }
    keepSession(ctx, session)
    return sessionView(ctx, session)
  } catch (e) {
    ctx.temp.remove(dir)
    throw e
  } finally {
    progress.end()
  }
}

export function scanSession(ctx: CoreContext, id: string): ScanSessionView {
  return sessionView(ctx, requireSession(ctx, id))
}

/** The rows and signature lines of one form, cut from its pages: small PNGs, one decode per page. */
export async function formCrops(ctx: CoreContext, input: ApiParsed<'scan.crops'>): Promise<ScanOutputs['scan.crops']> {
  const session = requireSession(ctx, input.sessionId)
  const found = findSessionForm(ctx, session, input.formKey)
  if (!found) throw new AppError('not_found', 'Dit formulier staat niet (meer) in deze scan. Vernieuw het scherm.')
  const rows: ScanOutputs['scan.crops']['rows'] = []
  const signatures: ScanOutputs['scan.crops']['signatures'] = []
  const wanted = new Set(found.view.rows.map((r) => r.purposeId))
  for (const page of found.form.pages) {
    if (!page.imagePath || !page.scale) continue
    const answers = page.answers.filter((a) => wanted.has(a.purposeId))
    const crops = await cropPage(page.imagePath, [...answers.map((a) => a.row), ...page.signatures.map((s) => s.block)], page.scale)
    if (!crops) continue
    answers.forEach((a, i) => {
      const png = crops[i]
      if (png) rows.push({ purposeId: a.purposeId, image: pngDataUrl(png) })
    })
    page.signatures.forEach((s, i) => {
      const png = crops[answers.length + i]
      if (png) signatures.push({ slot: s.slot, image: pngDataUrl(png) })
    })
  }
  return { rows, signatures }
}

function pageOf(session: ScanSession, index: number): ScannedPage {
  const page = session.pages.find((p) => p.index === index)
  if (!page) throw new AppError('not_found', 'Deze pagina staat niet in deze scan. Vernieuw het scherm.')
  return page
}

/** One whole page (for a page without a code: to see what it is). */
export async function wholePage(ctx: CoreContext, input: ApiParsed<'scan.page'>): Promise<ScanOutputs['scan.page']> {
  const session = requireSession(ctx, input.sessionId)
  const page = pageOf(session, input.pageIndex)
  const path = await pageImage(session, page)
  if (!path) throw new AppError('not_found', `Van ${page.source} kan geen afbeelding worden gemaakt: ${page.message ?? 'de pagina kon niet worden gelezen.'}`)
  return { image: pngDataUrl(readFileSync(path)) }
}

/** A page without a (known) code, given to a pupil by hand: it becomes a form of that pupil, answers to fill in. */
export async function assignPage(ctx: CoreContext, input: ApiParsed<'scan.assign'>): Promise<ScanSessionView> {
  const session = requireSession(ctx, input.sessionId)
  const page = pageOf(session, input.pageIndex)
  getPupil(ctx, input.pupilId)
  if (!(await pageImage(session, page))) throw new AppError('validation', `Van ${page.source} kan geen afbeelding worden gemaakt, dus er is geen bewijs om te bewaren. Er is niets vastgelegd. Scan deze pagina opnieuw.`)
  // Checked after the picture is made: another call may have given the page away meanwhile.
  if (session.assigned.has(page.index)) throw new AppError('conflict', 'Deze pagina is al aan een leerling gegeven. Vernieuw het scherm.')
  if (!sessionForms(ctx, session, '').pages.some((p) => p.pageIndex === page.index)) throw new AppError('conflict', 'Deze pagina hoort al bij een formulier uit de scan.')
  session.assigned.set(page.index, input.pupilId)
  return sessionView(ctx, session)
}

export function closeScan(ctx: CoreContext, id: string): { closed: boolean } {
  return { closed: dropSession(ctx, id) }
}

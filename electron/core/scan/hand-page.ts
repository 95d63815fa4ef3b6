// The picture of a page the reader kept none of (no code on it, or its corners not found): made
// again from the chosen file, as it lies, when the user looks at the page or gives it to a pupil by
// hand, so it can be seen and kept as the proof. Uses the reader's own file opening (input.ts).
import { join } from 'node:path'
import type { ScannedPage } from '../../../shared/scan.ts'
import { sharpImages } from '../libraries.ts'
import { openScanFile, ScanInputProblem } from './input.ts'
import type { ScanSession } from './scan-session.ts'

/** Which chosen file and which of its pages (0-based) a page of the session came from, by the reader's order and its source text. */
function origin(session: ScanSession, index: number): { name: string; path: string; page: number } | undefined {
  let f = 0
  for (const p of session.pages) {
    const named = (i: number): boolean => {
      const file = session.files[i]
      return file !== undefined && (p.source === file.name || p.source.startsWith(`${file.name}, pagina `))
    }
    while (f < session.files.length && !named(f)) f++
    const file = session.files[f]
    if (!file) return undefined
    if (p.index === index) return { ...file, page: Number(/, pagina (\d+)$/.exec(p.source)?.[1] ?? '1') - 1 }
  }
  return undefined
}

/** The page's PNG: the reader's straightened one, or one made now; undefined when the file cannot give it. */
export async function pageImage(session: ScanSession, page: ScannedPage): Promise<string | undefined> {
  if (page.imagePath) return page.imagePath
  const from = origin(session, page.index)
  if (!from) return undefined
  let file
  try {
    file = await openScanFile(from.name, from.path)
  } catch (e) {
    if (e instanceof ScanInputProblem) return undefined
    throw e
  }
  try {
    if (from.page >= file.pages) return undefined
    const gray = await file.page(from.page)
    const path = join(session.dir, 'pages', `met-de-hand-${page.index + 1}.png`)
    await sharpImages()(Buffer.from(gray.data.buffer, gray.data.byteOffset, gray.data.byteLength), { raw: { width: gray.width, height: gray.height, channels: 1 } })
      .png()
      .toFile(path)
    page.imagePath = path
    return path
  } catch {
    return undefined
  } finally {
    await file.close().catch(() => undefined)
  }
}

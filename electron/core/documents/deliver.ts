// How a made document reaches the user: saved where they choose, opened in the system's viewer
// (from which they print), or, without a desktop (web harness, CLI), handed back as base64.
import { join } from 'node:path'
import type { Delivery, DocumentFile, DocumentResult } from '../../../shared/documents.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { writeFileAtomic } from './write-file.ts'

export interface MadeFile extends DocumentFile {
  bytes: Buffer
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  'application/pdf': { name: 'PDF-document', extensions: ['pdf'] },
  'text/csv': { name: 'CSV voor Excel', extensions: ['csv'] },
  'text/vcard': { name: 'vCard (contactpersonen)', extensions: ['vcf'] },
  'text/plain': { name: 'Tekst', extensions: ['txt'] },
  'application/zip': { name: 'ZIP-bestand', extensions: ['zip'] },
  'application/vnd.sqlite3': { name: 'Database van Toestemmingsregister', extensions: ['sqlite'] },
}

const info = (file: MadeFile): DocumentFile => ({ fileName: file.fileName, mimeType: file.mimeType, count: file.count, countLabel: file.countLabel })

export async function deliver(ctx: CoreContext, delivery: Delivery, file: MadeFile): Promise<DocumentResult> {
  const desktop = ctx.desktop
  if (delivery === 'data' || !desktop) return { ...info(file), delivered: 'data', data: file.bytes.toString('base64') }
  if (delivery === 'save') {
    const filter = FILTERS[file.mimeType]
    const path = await desktop.chooseSavePath(file.fileName, filter ? [filter] : [])
    if (!path) return { delivered: 'cancelled' }
    await writeFileAtomic(path, file.bytes)
    return { ...info(file), delivered: 'saved', path }
  }
  // A folder of its own per document, in this run's temp folder (removed when the app closes): a
  // viewer that still holds an earlier copy is never in the way.
  const dir = ctx.temp.newDir()
  const path = join(dir, file.fileName)
  await writeFileAtomic(path, file.bytes)
  try {
    await desktop.openPath(path)
  } catch {
    throw new AppError(
      'io',
      `Het bestand is gemaakt, maar kon niet worden geopend. Is er een programma voor ${file.fileName.split('.').pop()?.toUpperCase()}-bestanden? Kies anders 'Opslaan als'. Het staat nu in ${path}.`,
    )
  }
  return { ...info(file), delivered: 'opened', path }
}

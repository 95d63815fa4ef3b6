// How a made document or a kept file (a scan, a parent's e-mail) reaches the user: saved where they
// choose, opened in the system's viewer or mail program (print from there), or, without a desktop
// (web harness, CLI), handed back as base64.
import { join } from 'node:path'
import type { Delivery, DocumentFile, DocumentResult } from '../../../shared/documents.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import type { CoreContext } from '../context.ts'
import { writeFileAtomic } from './write-file.ts'

export interface MadeFile extends DocumentFile {
  bytes: Buffer
  /** A file kept in the register (not made now): the viewer's failure is worded for it; 'mail' opens in the mail program. */
  kept?: 'file' | 'mail'
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  'application/pdf': { name: 'PDF-document', extensions: ['pdf'] },
  'text/csv': { name: 'CSV voor Excel', extensions: ['csv'] },
  'text/vcard': { name: 'vCard (contactpersonen)', extensions: ['vcf'] },
  'text/plain': { name: 'Tekst', extensions: ['txt'] },
  'application/zip': { name: 'ZIP-bestand', extensions: ['zip'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { name: 'Excel-werkmap', extensions: ['xlsx'] },
  'application/vnd.sqlite3': { name: 'Database van Toestemmingsregister', extensions: ['sqlite'] },
  'image/jpeg': { name: 'JPG-afbeelding', extensions: ['jpg', 'jpeg'] },
  'image/png': { name: 'PNG-afbeelding', extensions: ['png'] },
  'message/rfc822': { name: 'E-mail', extensions: ['eml'] },
  'application/vnd.ms-outlook': { name: 'Outlook-bericht', extensions: ['msg'] },
}

function notOpenedMessage(file: MadeFile, path: string): string {
  const type = file.fileName.split('.').pop()?.toUpperCase()
  if (!file.kept) return `Het bestand is gemaakt, maar kon niet worden geopend. Is er een programma voor ${type}-bestanden? Kies anders 'Opslaan als'. Het staat nu in ${path}.`
  const program = file.kept === 'mail' ? `e-mailprogramma dat ${type}-bestanden opent (zoals Outlook of Thunderbird)` : `programma voor ${type}-bestanden`
  return `${file.fileName} kon niet worden geopend: er is geen ${program}, of het gaf een fout. Er is niets verloren of veranderd; het bestand blijft bewaard in het register. Kies 'Opslaan als…' en open het daarna zelf, of vraag wie de computer beheert zo'n programma in te stellen.`
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
    if (file.kept) ctx.temp.remove(dir) // a kept file's copy is not left lying about; a made one is named in the message
    throw new AppError('io', notOpenedMessage(file, path))
  }
  return { ...info(file), delivered: 'opened', path }
}

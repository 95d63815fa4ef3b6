// Writing a document where the user chose: first to a temporary file next to it, then renamed over
// the target. A failure leaves an existing file as it was and says in Dutch what to do.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../shared/errors.ts'

function reason(code: string | undefined, path: string): string {
  const dir = dirname(path)
  switch (code) {
    case 'ENOENT':
      return `De map ${dir} bestaat niet (meer). Kies een andere map.`
    case 'ENOTDIR':
      return `${dir} is geen map. Kies een andere map.`
    case 'EACCES':
    case 'EPERM':
      return `Het programma mag niet schrijven in ${dir}, of het bestand is geopend in een ander programma. Sluit het bestand of kies een andere map, bijvoorbeeld Documenten.`
    case 'EBUSY':
      return `Het bestand ${basename(path)} is in gebruik door een ander programma. Sluit het daar en probeer het opnieuw, of kies een andere naam.`
    case 'EISDIR':
      return `Er staat al een map met de naam ${basename(path)}. Kies een andere naam.`
    case 'ENOSPC':
      return `De schijf of USB-stick is vol. Maak ruimte vrij of kies een andere plek.`
    case 'EROFS':
      return `Op deze schijf kan niet worden geschreven (alleen lezen). Kies een andere plek.`
    case 'EFBIG':
      return `Het bestand is te groot voor deze plek. Kies een andere schijf of map.`
    case 'ENAMETOOLONG':
      return `De naam of het pad is te lang. Kies een kortere naam of een andere map.`
    default:
      return `Kies een andere plek of naam en probeer het opnieuw${code ? ` (foutcode ${code})` : ''}.`
  }
}

/** Writes `bytes` to `path` atomically; on failure throws AppError('io') and leaves `path` untouched. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)
  let created = false
  try {
    const handle = await open(temp, 'wx')
    created = true
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (e) {
    if (created) await unlink(temp).catch(() => undefined)
    const kept = existsSync(path) ? ' Het bestaande bestand met die naam is niet gewijzigd.' : ''
    throw new AppError('io', `Het bestand kon niet worden opgeslagen als ${path}. ${reason((e as NodeJS.ErrnoException).code, path)}${kept}`)
  }
}

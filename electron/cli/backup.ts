// `npm run cli -- backup [--out FILE]` and `npm run cli -- restore FILE`.
import { renameSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError, type Result } from '../../shared/errors.ts'
import { backupNow } from '../core/backup/backup.ts'
import { restoreFrom } from '../core/backup/restore.ts'
import type { Core } from '../core/boot.ts'
import { openDatabase } from '../core/db/open.ts'

export const BACKUP_HELP = `  backup [--out BESTAND]        maak een reservekopie (in de map backups naast de database),
                                of schrijf met --out een kopie van de hele database naar BESTAND
  restore BESTAND               zet een reservekopie of geëxporteerde database terug
                                (de huidige stand wordt eerst zelf als reservekopie bewaard)
`

/** A copy of the whole database at `file`: written beside it first, then renamed into place. */
async function exportTo(core: Core, file: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`
  try {
    await core.ctx.db.backup(temp)
    renameSync(temp, file)
  } catch {
    rmSync(temp, { force: true })
    throw new AppError('io', `Kan niet schrijven naar ${file}. Een bestaand bestand daar is niet gewijzigd. Controleer de map, de rechten en de schijfruimte.`)
  }
}

export async function runBackupCommand(core: Core, command: 'backup' | 'restore', file: string | undefined, usage: (message: string) => never): Promise<Result<unknown>> {
  if (command === 'restore') {
    if (!file) usage('Noem het bestand dat terug moet, bijv. restore backups/toestemmingsregister-....sqlite')
    const safety = await restoreFrom(core.ctx, resolve(file), (p) => openDatabase(p))
    return { ok: true, value: { restoredFrom: resolve(file), backupOfPreviousState: safety?.file ?? null } }
  }
  if (file) {
    await exportTo(core, resolve(file))
    return { ok: true, value: { exportedTo: resolve(file) } }
  }
  return { ok: true, value: await backupNow(core.ctx, 'manual') }
}

// `npm run cli -- backup [--out FILE]` and `npm run cli -- restore FILE`, through the core's worker
// like every other door: a restore registers the named file (the terminal vouches for it, as main
// does for its dialog) and restores it by token; `--out` is the save dialog's answer (see cli.ts).
import { join, resolve } from 'node:path'
import type { BackupsOverview } from '../../shared/backups.contract.ts'
import type { Result } from '../../shared/errors.ts'
import type { ChosenFile } from '../../shared/files.contract.ts'
import { call } from '../core/call.ts'
import type { CoreHost } from '../core/worker-host.ts'

export const BACKUP_HELP = `  backup [--out BESTAND]        maak een reservekopie (in de map backups naast de database),
                                of schrijf met --out een kopie van de hele database naar BESTAND
  restore BESTAND               zet een reservekopie of geëxporteerde database terug
                                (de huidige stand wordt eerst zelf als reservekopie bewaard)
`

type Door = Pick<CoreHost, 'dispatch' | 'registerFile'>

/** The backup just made: the newest one made by hand. */
function newestManual(overview: BackupsOverview): Record<string, unknown> | undefined {
  const made = overview.backups.filter((b) => b.reason === 'manual').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
  return made && { file: join(overview.folder, made.name), ...made }
}

export async function runBackupCommand(door: Door, command: 'backup' | 'restore', file: string | undefined, usage: (message: string) => never): Promise<Result<unknown>> {
  if (command === 'restore') {
    if (!file) usage('Noem het bestand dat terug moet, bijv. restore backups/toestemmingsregister-....sqlite')
    const chosen = JSON.parse(await door.registerFile(resolve(file))) as Result<ChosenFile>
    if (!chosen.ok) return chosen
    const r = await call(door, 'backups.restoreFile', { token: chosen.value.token })
    if (!r.ok) return r
    return { ok: true, value: { restoredFrom: resolve(file), backupOfPreviousState: (r.value as { safetyBackup: string | null }).safetyBackup } }
  }
  if (file) {
    // The CLI's desktop answers the save dialog with --out: the core writes the copy there, atomically.
    const r = await call(door, 'backups.export', { delivery: 'save' })
    if (!r.ok) return r
    return { ok: true, value: { exportedTo: (r.value as { path?: string }).path ?? resolve(file) } }
  }
  const r = await call(door, 'backups.create', {})
  if (!r.ok) return r
  return { ok: true, value: newestManual(r.value as BackupsOverview) ?? r.value }
}

// A file from outside as the core gets it: written to a folder of its own and registered as if the
// user chose it in the open dialog, so a test passes its token as the screen does.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../electron/core/boot.ts'
import { registerChosenFile } from '../../electron/core/chosen-files.ts'

/**
 * Writes `bytes` as a file named `name` and returns the token the core reads it by. `shownName`:
 * the name a drop reports instead (any text, as a page may send it; the file keeps a plain name).
 */
export function chooseFile(core: Pick<Core, 'ctx'>, name: string, bytes: Buffer | string, shownName?: string): { token: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'chosen-')), shownName === undefined ? name : 'bestand')
  writeFileSync(path, bytes)
  return { token: registerChosenFile(core.ctx, path, shownName ?? name).token }
}

/** A file of `size` bytes that takes no room on disk (sparse): what reading it whole would cost shows at once. */
export function chooseSparseFile(core: Pick<Core, 'ctx'>, name: string, size: number): { token: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'chosen-')), name)
  writeFileSync(path, '')
  truncateSync(path, size)
  return { token: registerChosenFile(core.ctx, path).token }
}

// Documents made only to be opened in the system's viewer (see documents/deliver.ts) sit in the
// temp folder, each in a folder of its own. A retention removal deletes them all: any of them may
// hold what was removed, and each can be made again from the register.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../log.ts'

const log = createLogger('retention')
/** mkdtemp's name for deliver's folders: the prefix and six characters. */
const OPENED = /^toestemmingsregister-[A-Za-z0-9]{6}$/

/** Deletes the folders of opened documents; returns how many went. One still held open elsewhere stays (logged). */
export function removeOpenedDocuments(): number {
  const dir = tmpdir()
  let removed = 0
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => OPENED.test(n))
  } catch {
    return 0
  }
  for (const name of names) {
    try {
      if (!statSync(join(dir, name)).isDirectory()) continue
      rmSync(join(dir, name), { recursive: true, force: true })
      removed++
    } catch (e) {
      log.warn('an opened document could not be deleted from the temp folder', { error: e instanceof Error ? e.message : String(e) })
    }
  }
  return removed
}

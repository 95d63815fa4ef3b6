// `scan read` from the terminal: what the reader finds on each page of scanned consent forms, as
// JSON (ScannedPage[]), for scripting and tests. Reads the register; writes nothing to it. Through
// the core's worker like the other doors: the terminal vouches for the files it names (registered
// by path for a token, as main does for its dialog) and the core reads them where they lie.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import type { Result } from '../../shared/errors.ts'
import type { ChosenFile } from '../../shared/files.contract.ts'
import { call } from '../core/call.ts'
import type { CoreHost } from '../core/worker-host.ts'

export const SCAN_HELP = `  scan read [--json] BESTAND|MAP ...
                                lees teruggekomen toestemmingsformulieren uit een scan (PDF van
                                de kopieermachine, of JPEG/PNG/TIFF per pagina; een map: alle
                                pagina's erin) en toon per pagina de leerling, de antwoorden en
                                de handtekeningen; er wordt niets vastgelegd
`

const SCANNABLE = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff'])

type Door = Pick<CoreHost, 'dispatch' | 'registerFile'>

export async function runScanCommand(door: Door, args: { positionals: string[] }, usage: (message: string) => never): Promise<Result<unknown>> {
  const [sub, ...paths] = args.positionals.slice(1)
  if (sub !== 'read') usage('Gebruik: scan read BESTAND ... (bijv. scan read --json scan.pdf)')
  if (paths.length === 0) usage('Noem een of meer gescande bestanden of mappen, bijv. scan read --json scan.pdf')
  const files: string[] = []
  for (const p of paths) {
    const full = resolve(p)
    if (!existsSync(full)) usage(`${p} bestaat niet.`)
    if (statSync(full).isDirectory()) {
      for (const f of readdirSync(full).sort()) if (SCANNABLE.has(extname(f).toLowerCase())) files.push(join(full, f))
    } else files.push(full)
  }
  const tokens: { token: string }[] = []
  for (const path of files) {
    const chosen = JSON.parse(await door.registerFile(path)) as Result<ChosenFile>
    if (!chosen.ok) return chosen
    tokens.push({ token: chosen.value.token })
  }
  return call(door, 'scan.read', { files: tokens })
}

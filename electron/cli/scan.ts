// `scan read` from the terminal: what the reader finds on each page of scanned consent forms, as
// JSON (ScannedPage[]), for scripting and tests. Reads the register; writes nothing to it. The
// straightened pages go to --out MAP when given (else to the run's temp folder, removed at exit).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import type { Result } from '../../shared/errors.ts'
import type { Core } from '../core/boot.ts'
import { readScan } from '../core/scan/read.ts'

export const SCAN_HELP = `  scan read [--out MAP] [--json] BESTAND|MAP ...
                                lees teruggekomen toestemmingsformulieren uit een scan (PDF van
                                de kopieermachine, of JPEG/PNG/TIFF per pagina; een map: alle
                                pagina's erin) en toon per pagina de leerling, de antwoorden en
                                de handtekeningen; er wordt niets vastgelegd
`

const SCANNABLE = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff'])

export async function runScanCommand(core: Core, args: { values: { out?: string }; positionals: string[] }, usage: (message: string) => never): Promise<Result<unknown>> {
  const [sub, ...paths] = args.positionals.slice(1)
  if (sub !== 'read') usage("Gebruik: scan read BESTAND ... (bijv. scan read --json scan.pdf)")
  if (paths.length === 0) usage('Noem een of meer gescande bestanden of mappen, bijv. scan read --json scan.pdf')
  const files: { name: string; path: string }[] = []
  for (const p of paths) {
    const full = resolve(p)
    if (!existsSync(full)) usage(`${p} bestaat niet.`)
    if (statSync(full).isDirectory()) {
      for (const f of readdirSync(full).sort()) if (SCANNABLE.has(extname(f).toLowerCase())) files.push({ name: f, path: join(full, f) })
    } else files.push({ name: basename(full), path: full })
  }
  const outDir = args.values.out ? resolve(args.values.out) : core.ctx.temp.newDir()
  return { ok: true, value: await readScan(core.ctx, files, { outDir }) }
}

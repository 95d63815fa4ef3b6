// npm run dist: builds the app, then the installers this machine can make (electron-builder.ts:
// on Windows the per-user installer and the portable .exe, on Linux an AppImage and a .deb).
// electron-builder downloads Electron and its tools (NSIS) from GitHub; where that cannot be
// reached, say so plainly instead of a stack trace, and point to what does work here. The scan
// reader's native packages for this machine must be installed first (checked before building).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { build } from 'electron-builder'

const root = resolve(import.meta.dirname, '..')
const NETWORK_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH'])

// npm skips an optional package it cannot fetch without failing: the scan reader's native parts for
// this machine (sharp's addon with libvips, canvas's addon; on Windows @img/sharp-win32-x64 and
// @napi-rs/canvas-win32-x64-msvc) must be there, or the installer would read no scan at all.
const natives = [
  { dir: join(root, 'node_modules', '@img'), name: `sharp-${process.platform}-${process.arch}` },
  { dir: join(root, 'node_modules', '@napi-rs'), name: `canvas-${process.platform}-${process.arch}` },
]
const missing = natives.filter((n) => !existsSync(n.dir) || !readdirSync(n.dir).some((d) => d === n.name || d.startsWith(`${n.name}-`)))
if (missing.length > 0) {
  console.error(`
Het installatieprogramma is niet gemaakt: in node_modules ontbreekt ${missing.map((n) => `${basename(n.dir)}/${n.name}`).join(' en ')},
het deel van de scanlezer voor deze computer (${process.platform}-${process.arch}). Er is niets gewijzigd.
Haal het op met: npm ci (met verbinding met de npm-registry), en bouw opnieuw.
`)
  process.exit(1)
}

const require = createRequire(import.meta.url)
const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const built = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

try {
  const artifacts = await build({ projectDir: root, publish: 'never' })
  console.log(`\nGemaakt in dist/:\n${artifacts.map((a) => `  ${a}`).join('\n')}`)
} catch (e) {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !NETWORK_ERRORS.has(code)) throw e
  console.error(`
Het installatieprogramma is niet gemaakt: electron-builder moet Electron (en op Windows NSIS)
downloaden van GitHub, en deze computer kan die server niet bereiken (${code}). Er is niets
gewijzigd; het gebouwde programma staat in out/.

Wat u kunt doen:
  - Bouw het op een computer met internet, of met de workflow .github/workflows/release.yml.
  - Of controleer hier wat er in het programma komt, zonder download: npm run dist:check
`)
  process.exit(1)
}

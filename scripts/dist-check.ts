// npm run dist:check: builds the app, then lets electron-builder pack an unpacked Linux app
// (dist/check/linux-unpacked) around a stand-in for the Electron binary, made here, so that a
// machine that cannot download Electron still packs the real app.asar with the real config,
// and the real afterPack hook flips the fuses. The stand-in carries the fuse wire that a real
// Electron binary has (the sentinel @electron/fuses looks for, then Electron's defaults), so the
// flipped fuses can be read back; it does not run: started, it says so and exits.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { Arch, build, Platform } from 'electron-builder'

const root = resolve(import.meta.dirname, '..')
export const CHECK_DIR = join(root, 'dist', 'check')
const STAND_IN_DIR = join(CHECK_DIR, 'stand-in-electron')

/** The fuse wire as Electron ships it: sentinel, wire version 1, 9 fuses ('1' on, '0' off). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ELECTRON_DEFAULT_FUSES = '101100011'

function standInBinary(): Buffer {
  const script = [
    '#!/bin/sh',
    '# Stand-in for the Electron binary, made by `npm run dist:check`: the packed app.asar is real, this is not.',
    'echo "Dit is een vervanger van Electron voor npm run dist:check, geen werkend programma. Bouw het echte programma met npm run dist." >&2',
    'exit 1',
    '# fuse wire: ',
  ].join('\n')
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1')])
  return Buffer.concat([Buffer.from(script, 'utf8'), wire, Buffer.from('\n')])
}

function makeStandIn(): void {
  mkdirSync(join(STAND_IN_DIR, 'resources'), { recursive: true })
  writeFileSync(join(STAND_IN_DIR, 'electron'), standInBinary())
  chmodSync(join(STAND_IN_DIR, 'electron'), 0o755)
  writeFileSync(join(STAND_IN_DIR, 'LICENSE'), 'Stand-in made by npm run dist:check; the real Electron ships its MIT licence here.\n')
}

function buildApp(): void {
  const require = createRequire(import.meta.url)
  const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [bin, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('npm run build failed: see above')
}

export async function distCheck(): Promise<string> {
  const started = Date.now()
  buildApp()
  rmSync(CHECK_DIR, { recursive: true, force: true })
  makeStandIn()
  const arch = Arch[process.arch as keyof typeof Arch] as Arch
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', arch),
    publish: 'never',
    config: { electronDist: STAND_IN_DIR, directories: { output: CHECK_DIR } },
  })
  const appDir = join(CHECK_DIR, arch === Arch.x64 ? 'linux-unpacked' : `linux-${Arch[arch]}-unpacked`)
  console.log(`dist:check: ${appDir} gemaakt in ${((Date.now() - started) / 1000).toFixed(1)} s (app.asar echt, Electron vervangen)`)
  return appDir
}

if (import.meta.main) await distCheck()

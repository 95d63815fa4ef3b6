// npm run dist:check: builds the app, then lets electron-builder pack it, unpacked, for Linux
// (dist/check/linux-unpacked) and for Windows (dist/check/win-unpacked) around stand-ins for the
// Electron binary, made here, so that a machine that cannot download Electron still packs the
// real app.asar with the real config, and the real afterPack hook flips the fuses. The stand-ins
// carry the fuse wire a real Electron binary has (the sentinel @electron/fuses looks for, then
// Electron's defaults), so the flipped fuses can be read back; the Windows one is a valid, empty
// PE file with version info, so electron-builder writes the asar's hash into it as for a real
// Electron. Neither runs: the Linux one, started, says so and exits.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { Arch, build, Platform } from 'electron-builder'
import { emptyExecutable } from '../tests/helpers/pe-file.ts'

const root = resolve(import.meta.dirname, '..')
export const CHECK_DIR = join(root, 'dist', 'check')
const STAND_IN_DIR = { linux: join(CHECK_DIR, 'stand-in-electron'), win: join(CHECK_DIR, 'stand-in-electron-win') }

/** The fuse wire as Electron ships it: sentinel, wire version 1, 9 fuses ('1' on, '0' off). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ELECTRON_DEFAULT_FUSES = '101100011'
const fuseWire = (): Buffer => Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1')])

function linuxStandIn(): Buffer {
  const script = [
    '#!/bin/sh',
    '# Stand-in for the Electron binary, made by `npm run dist:check`: the packed app.asar is real, this is not.',
    'echo "Dit is een vervanger van Electron voor npm run dist:check, geen werkend programma. Bouw het echte programma met npm run dist." >&2',
    'exit 1',
    '# fuse wire: ',
  ].join('\n')
  return Buffer.concat([Buffer.from(script, 'utf8'), fuseWire(), Buffer.from('\n')])
}

function makeStandIn(dir: string, binary: string, bytes: Buffer): void {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  writeFileSync(join(dir, binary), bytes)
  chmodSync(join(dir, binary), 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in made by npm run dist:check; the real Electron ships its MIT licence here.\n')
}

function buildApp(): void {
  const require = createRequire(import.meta.url)
  const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [bin, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('npm run build failed: see above')
}

export async function distCheck(): Promise<void> {
  const started = Date.now()
  buildApp()
  rmSync(CHECK_DIR, { recursive: true, force: true })
  makeStandIn(STAND_IN_DIR.linux, 'electron', linuxStandIn())
  makeStandIn(STAND_IN_DIR.win, 'electron.exe', emptyExecutable(fuseWire()))
  const arch = Arch[process.arch as keyof typeof Arch] as Arch
  const pack = (platform: Platform, electronDist: string, targetArch: Arch) =>
    build({ projectDir: root, targets: platform.createTarget('dir', targetArch), publish: 'never', config: { electronDist, directories: { output: CHECK_DIR } } })
  await pack(Platform.LINUX, STAND_IN_DIR.linux, arch)
  await pack(Platform.WINDOWS, STAND_IN_DIR.win, Arch.x64) // the school PCs' architecture
  console.log(`dist:check: dist/check/linux-unpacked en win-unpacked gemaakt in ${((Date.now() - started) / 1000).toFixed(1)} s (app.asar echt, Electron vervangen)`)
}

if (import.meta.main) await distCheck()

// npm start: build, then start Electron. Where Electron's binary cannot be downloaded (no
// route to its download server), say so plainly instead of showing a stack trace.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const run = (args, options = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', ...options })

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(binary) ? binary : undefined
}

const built = run([join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'])
if (built.status !== 0) process.exit(built.status ?? 1)

if (!electronBinary()) {
  console.log('Electron wordt voor het eerst gedownload (eenmalig)...')
  const download = run([join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 })
  if (download.status !== 0 || !electronBinary()) {
    console.error(`
Het programma Electron kon niet worden gedownload: deze computer kan de downloadserver van
Electron niet bereiken. Het bureaubladprogramma kan hier daarom niet starten.

Wat u kunt doen:
  - Probeer het opnieuw op een computer met internet: npm start downloadt Electron eenmalig.
  - Of open dezelfde app in de browser (voor ontwikkeling en tests): npm run dev:web
`)
    process.exit(1)
  }
}

const app = spawnSync(electronBinary(), ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(app.status ?? 0)

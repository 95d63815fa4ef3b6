// The sync-folder warning reaches the user through every door: app.info (the banner), the CLI's
// stderr and the web harness; the database still opens and saves.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { startHarness } from '../../electron/web-harness.ts'
import { ok } from '../helpers/register.ts'

silenceLog()

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-location-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function inFolder(...folders: string[]): string {
  const folder = join(dir, ...folders)
  mkdirSync(folder, { recursive: true })
  return join(folder, 'school.sqlite')
}

describe('a database in a sync folder or on a network share, at start', () => {
  it('the app opens it, saves in it, and app.info carries the warning for the banner', async () => {
    const core = openCore({ dbPath: inFolder('OneDrive - Stichting Primair Onderwijs'), appVersion: 'test' })
    try {
      const info = await ok(core, 'app.info', {})
      expect(info.readOnly).toBeNull()
      expect(info.startupWarnings).toHaveLength(1)
      expect(info.startupWarnings[0]).toMatch(/^De database staat in een map die OneDrive synchroniseert \(.*OneDrive - Stichting Primair Onderwijs.school\.sqlite\)/)
      expect(info.startupWarnings[0]).toContain('Hele database opslaan als…')
      await ok(core, 'settings.update', { staffName: 'Ans de Wit' })
    } finally {
      core.close()
    }
  })

  it('a network mount, as the probe of the file system reports it', async () => {
    const core = openCore({ dbPath: inFolder('admin'), appVersion: 'test', locationProbe: { realPath: (p) => p, fileSystemType: () => 'cifs' } })
    try {
      expect((await ok(core, 'app.info', {})).startupWarnings[0]).toContain('op een netwerkmap of netwerkschijf')
    } finally {
      core.close()
    }
  })

  it('an ordinary folder gives no warning', async () => {
    const core = openCore({ dbPath: inFolder('Toestemmingsregister'), appVersion: 'test', locationProbe: { realPath: (p) => p, fileSystemType: () => 'ext4' } })
    try {
      expect((await ok(core, 'app.info', {})).startupWarnings).toEqual([])
    } finally {
      core.close()
    }
  })

  it('the CLI writes the warning as a line on stderr and still does the work', async () => {
    let stdout = ''
    let stderr = ''
    const code = await main(['init', '--db', inFolder('Dropbox (OBS De Linde)')], { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
    expect(code).toBe(0)
    expect(stdout).not.toBe('')
    expect(stderr).toMatch(/^Let op: De database staat in een map die Dropbox synchroniseert .*\n$/)
  })

  it('the web harness gives the warning to the page through app.info', async () => {
    const harness = await startHarness({ dbPath: inFolder('Google Drive', 'Mijn Drive'), staticDir: dir })
    try {
      const r = await fetch(`${harness.url}/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-harness-token': harness.token },
        body: JSON.stringify({ method: 'app.info', input: {} }),
      })
      const body = (await r.json()) as { ok: boolean; value: { startupWarnings: string[] } }
      expect(body.ok).toBe(true)
      expect(body.value.startupWarnings[0]).toContain('in een map die Google Drive synchroniseert')
    } finally {
      await harness.close()
    }
  })
})

// Restoring from a file in the desktop app: main's open dialog chooses it (on the window, in the
// Documents folder), the core's worker reads it where it lies; no bytes travel from the page.
// Against the fake Electron, like electron-documents.test.ts; the harness has no dialog to offer.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startCoreWorker } from '../../electron/core/worker-host.ts'
import { createFakeElectron, invokeEvent, untilStarted, type FakeElectron } from '../helpers/fake-electron.ts'

let fake: FakeElectron
let dir: string
const ownUrl = pathToFileURL(join(resolve(import.meta.dirname, '../../electron/main'), '../renderer/index.html')).href
const saved = process.env.TOESTEMMINGSREGISTER_DB

beforeEach(() => {
  fake = createFakeElectron()
  dir = mkdtempSync(join(tmpdir(), 'tr-restore-chosen-'))
  fake.app.paths.userData = join(dir, 'userData')
  fake.app.paths.documents = join(dir, 'Documenten')
  process.env.TOESTEMMINGSREGISTER_DB = join(dir, 'school.sqlite')
  vi.resetModules()
  vi.doMock('electron', () => fake.module)
})
afterEach(() => {
  fake.app.emit('will-quit', {})
  if (saved === undefined) delete process.env.TOESTEMMINGSREGISTER_DB
  else process.env.TOESTEMMINGSREGISTER_DB = saved
  rmSync(dir, { recursive: true, force: true })
})

async function api(method: string, input: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }> {
  return (await fake.ipcMain.fromPage('api', invokeEvent({ url: ownUrl }), method, input)) as never
}

describe('restore from a file chosen in main', () => {
  it('the open dialog chooses the file, the register gets its state, and a cancelled dialog changes nothing', async () => {
    await import('../../electron/main/index.ts')
    fake.app.ready()
    await untilStarted(fake)
    expect((await api('settings.update', { schoolName: 'Eerst' })).ok).toBe(true)
    const created = (await api('backups.create', {})).value as { folder: string; backups: { name: string; reason: string }[] }
    const made = created.backups.find((b) => b.reason === 'manual') // not the day's first backup, made before 'Eerst'
    const chosen = join(dir, 'van de stick.sqlite')
    copyFileSync(join(created.folder, made!.name), chosen)
    expect((await api('settings.update', { schoolName: 'Daarna' })).ok).toBe(true)

    fake.dialog.openAnswer = { canceled: true, filePaths: [] }
    expect(await api('backups.restoreChosen', {})).toMatchObject({ ok: true, value: { restoredFrom: null } })
    expect(await api('settings.get', {})).toMatchObject({ value: { schoolName: 'Daarna' } })

    fake.dialog.openAnswer = { canceled: false, filePaths: [chosen] }
    expect(await api('backups.restoreChosen', {})).toMatchObject({ ok: true, value: { restoredFrom: 'van de stick.sqlite' } })
    expect(await api('settings.get', {})).toMatchObject({ value: { schoolName: 'Eerst' } })
    expect(fake.dialog.openDialogs).toHaveLength(2)
    expect(fake.dialog.openDialogs[1]).toMatchObject({ parent: fake.windows[0], options: { defaultPath: join(dir, 'Documenten'), properties: ['openFile'] } })
  }, 60_000)

  it('without a desktop (the web harness, the CLI) the method says in Dutch to use the button, and nothing changes', async () => {
    const host = await startCoreWorker({ workerPath: new URL('../../electron/core/worker.ts', import.meta.url), dbPath: join(dir, 'zonder.sqlite'), appVersion: 'test', silent: true })
    try {
      expect(await host.dispatch('backups.restoreChosen', {})).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/^Kies het bestand/) } })
    } finally {
      await host.close()
    }
  }, 60_000)
})

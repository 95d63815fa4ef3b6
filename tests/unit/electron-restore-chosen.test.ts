// Restoring from a file in the desktop app: main's open dialog chooses it (on the window, in the
// Documents folder), the core's worker reads it where it lies; no bytes travel from the page.
// Against the fake Electron, like electron-documents.test.ts; the harness has no dialog to offer.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCoreWorker } from '../../electron/core/worker-host.ts'
import type { FakeElectron } from '../helpers/fake-electron.ts'
import { openFakeDesktop, type FakeDesktop } from '../helpers/fake-desktop.ts'

let desktop: FakeDesktop
let fake: FakeElectron
let dir: string

beforeEach(() => {
  desktop = openFakeDesktop('tr-restore-chosen-')
  fake = desktop.fake
  dir = desktop.dir
})
afterEach(() => desktop.close())

const api = (method: string, input: unknown) => desktop.api<Record<string, unknown>>(method, input)

describe('restore from a file chosen in main', () => {
  it('the open dialog chooses the file, the register gets its state, and a cancelled dialog changes nothing', async () => {
    await desktop.start()
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

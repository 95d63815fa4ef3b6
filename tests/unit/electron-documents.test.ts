import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeElectron, invokeEvent, untilStarted, type FakeElectron } from '../helpers/fake-electron.ts'

// The desktop app wires the save dialog and the system viewer into the core (main/index.ts):
// a document asked for over IPC goes through Electron's dialog and shell, and the fonts are found
// next to the built app. Same pattern as electron-main.test.ts: a fresh fake per test.
let fake: FakeElectron
let dir: string
const ownUrl = pathToFileURL(join(resolve(import.meta.dirname, '../../electron/main'), '../renderer/index.html')).href
const saved = process.env.TOESTEMMINGSREGISTER_DB

beforeEach(() => {
  fake = createFakeElectron()
  dir = mkdtempSync(join(tmpdir(), 'tr-main-docs-'))
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

async function api(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  return (await fake.ipcMain.fromPage('api', invokeEvent({ url: ownUrl }), method, input)) as never
}

describe('main: documents reach the desktop', () => {
  it("'save' shows Electron's save dialog on the window in the Documents folder, and writes the PDF there", async () => {
    await import('../../electron/main/index.ts')
    fake.app.ready()
    await untilStarted(fake)
    expect((await api('school.setup', { mode: 'demo' })).ok).toBe(true)
    const groups = (await api('groups.list', {})).value as { id: number; name: string }[]
    const target = join(dir, 'klassenlijst groep 5.pdf')
    fake.dialog.saveAnswer = { canceled: false, filePath: target }
    const r = await api('documents.classList', { groupId: groups.find((g) => g.name === '5')?.id, delivery: 'save' })
    expect(r).toMatchObject({ ok: true, value: { delivered: 'saved', path: target } })
    expect(fake.dialog.saveDialogs).toHaveLength(1)
    expect(fake.dialog.saveDialogs[0]?.parent).toBe(fake.windows[0])
    expect(fake.dialog.saveDialogs[0]?.options.defaultPath).toMatch(/Documenten\/klassenlijst-groep-5-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-')

    const opened = await api('documents.consentForms', { groupIds: [groups[0]?.id], delivery: 'open', progressId: 'p-forms-1' })
    expect(opened).toMatchObject({ ok: true, value: { delivered: 'opened' } })
    // Its progress went to the window as events on the api channel, the last one saying it is over.
    const sent = fake.windows[0]!.webContents.sent.filter((m) => m.channel === 'api').map((m) => m.args[0] as { progressId: string; done: number; running: boolean })
    expect(sent.length).toBeGreaterThan(1)
    expect(sent.every((e) => e.progressId === 'p-forms-1')).toBe(true)
    expect(sent.at(-1)).toMatchObject({ running: false })
    expect(sent.some((e) => e.running && e.done > 0)).toBe(true)
    const path = (opened.value as { path: string }).path
    expect(fake.shell.opened).toEqual([path])
    expect(existsSync(path)).toBe(true)
    rmSync(resolve(path, '..'), { recursive: true, force: true })
  })
})

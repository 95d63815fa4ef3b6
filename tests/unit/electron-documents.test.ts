import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FakeElectron } from '../helpers/fake-electron.ts'
import { openFakeDesktop, type FakeDesktop } from '../helpers/fake-desktop.ts'

// The desktop app wires the save dialog and the system viewer into the core (main/index.ts):
// a document asked for over IPC goes through Electron's dialog and shell, and the fonts are found
// next to the built app. Same pattern as electron-main.test.ts: a fresh fake per test.
let desktop: FakeDesktop
let fake: FakeElectron
let dir: string

beforeEach(() => {
  desktop = openFakeDesktop('tr-main-docs-')
  fake = desktop.fake
  dir = desktop.dir
})
afterEach(() => desktop.close())

const api = (method: string, input: unknown) => desktop.api(method, input)

describe('main: documents reach the desktop', () => {
  it("'save' shows Electron's save dialog on the window in the Documents folder, and writes the PDF there", async () => {
    await desktop.start()
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

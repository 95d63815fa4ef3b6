import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeElectron, type FakeElectron } from '../helpers/fake-electron.ts'

// The preload runs on import: a fresh fake and a fresh import per test. vi.doMock, not the
// hoisted vi.mock: vi.mock's factory result outlives vi.resetModules().
let fake: FakeElectron

beforeEach(async () => {
  fake = createFakeElectron()
  vi.resetModules()
  vi.doMock('electron', () => fake.module)
  await import('../../electron/preload/index.ts')
})

function exposedApi(): Record<string, unknown> {
  const api = fake.contextBridge.exposed.get('api')
  expect(api).toBeTypeOf('object')
  return api as Record<string, unknown>
}

describe('preload', () => {
  it('exposes one thing to the page: window.api with invoke, onProgress and registerFile, and nothing of Electron itself', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['api'])
    const api = exposedApi()
    expect(Object.keys(api)).toEqual(['invoke', 'onProgress', 'registerFile'])
    expect(api.invoke).toBeTypeOf('function')
    expect(api.onProgress).toBeTypeOf('function')
    expect(Object.values(api)).not.toContain(fake.ipcRenderer)
  })

  it('invoke(method, input) calls ipcRenderer.invoke("api", method, input) and returns its answer', async () => {
    // Main answers with the Result as JSON text (see main/ipc.ts); the page gets the object.
    fake.ipcRenderer.reply = async (channel, method) => JSON.stringify({ ok: true, value: `${channel}:${String(method)}` })
    const invoke = exposedApi().invoke as (method: unknown, input: unknown) => Promise<unknown>
    const input = { schoolName: 'OBS De Linde' }
    await expect(invoke('settings.update', input)).resolves.toEqual({ ok: true, value: 'api:settings.update' })
    expect(fake.ipcRenderer.invocations).toEqual([{ channel: 'api', args: ['settings.update', input] }])
  })

  it('invoke decodes an answer that main passes on in UTF-8 bytes (the worker transfers them), names with accents included', async () => {
    fake.ipcRenderer.reply = async () => new TextEncoder().encode(JSON.stringify({ ok: true, value: 'Zoë Yılmaz' }))
    const invoke = exposedApi().invoke as (method: unknown, input: unknown) => Promise<unknown>
    await expect(invoke('pupils.get', { id: 1 })).resolves.toEqual({ ok: true, value: 'Zoë Yılmaz' })
  })

  it('the page cannot choose the channel or pass more arguments', async () => {
    fake.ipcRenderer.reply = async () => '{"ok":true,"value":null}'
    const invoke = exposedApi().invoke as (...args: unknown[]) => Promise<unknown>
    await invoke('other-channel', { a: 1 }, 'extra', 'more')
    expect(fake.ipcRenderer.invocations).toEqual([{ channel: 'api', args: ['other-channel', { a: 1 }] }])
  })

  it('onProgress hands the page what main sent on the api channel, never the IPC event (and so no sender)', () => {
    const heard: unknown[][] = []
    ;(exposedApi().onProgress as (l: (...a: unknown[]) => void) => void)((...args) => heard.push(args))
    const event = { progressId: 'p-1', done: 500, total: 10000, phase: 'check', running: true }
    fake.ipcRenderer.deliver('api', event)
    fake.ipcRenderer.deliver('other-channel', { progressId: 'p-2' })
    expect(heard).toEqual([[event]])
  })

  it('registerFile sends main the path of a File the user dropped, and a File made in the page without one', async () => {
    fake.ipcRenderer.reply = async () => '{"ok":true,"value":{"token":"f-aaaaaaaaaaaaaaaaaaaaaaaa","name":"zoe.xlsx","size":10}}'
    const registerFile = exposedApi().registerFile as (file: object, name: string) => Promise<unknown>
    const dropped = {}
    fake.webUtils.paths.set(dropped, '/home/ans/Downloads/zoe.xlsx')
    await expect(registerFile(dropped, 'inschrijvingen/zoe.xlsx')).resolves.toMatchObject({ ok: true, value: { token: expect.stringMatching(/^f-/) } })
    await registerFile({}, '/etc/passwd')
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: 'file', args: ['/home/ans/Downloads/zoe.xlsx', 'inschrijvingen/zoe.xlsx'] },
      { channel: 'file', args: ['', '/etc/passwd'] },
    ])
  })

  it('does not call the main process on its own', () => {
    expect(fake.ipcRenderer.invocations).toEqual([])
  })
})

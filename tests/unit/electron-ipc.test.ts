import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createDispatch } from '../../electron/core/dispatch.ts'
import { API_CHANNEL, registerIpc, type Relay } from '../../electron/main/ipc.ts'
import { isAppUrl } from '../../electron/main/window.ts'
import { testCore } from '../helpers/db.ts'
import { asIpcMain, FakeIpcMain, invokeEvent } from '../helpers/fake-electron.ts'

// ipc.ts only imports Electron's types; should that change, it gets the fake, never the real package.
vi.mock('electron', async () => (await import('../helpers/fake-electron.ts')).createFakeElectron().module)

const indexHtml = join('/opt', 'Toestemmingsregister', 'resources', 'out', 'renderer', 'index.html')
const ownUrl = pathToFileURL(indexHtml).href

/**
 * registerIpc on a fake ipcMain, relaying (watched) to the real dispatch over a fresh in-memory
 * database as the worker does: the Result as JSON text. `ipcMain.invoke` reads it as the preload does.
 */
function setup(): { ipcMain: { invoke: (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> }; dispatch: ReturnType<typeof vi.fn<Relay>>; raw: FakeIpcMain } {
  const core = testCore()
  const inProcess = createDispatch(core.ctx)
  const dispatch = vi.fn<Relay>(async (method, input) => JSON.stringify(await inProcess(method, input)))
  const raw = new FakeIpcMain()
  registerIpc(asIpcMain(raw), dispatch, (url) => isAppUrl(url, indexHtml))
  return { ipcMain: { invoke: async (channel, event, ...args) => JSON.parse((await raw.invoke(channel, event, ...args)) as string) }, dispatch, raw }
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: expect.stringMatching(/geweigerd/) } }

describe('registerIpc', () => {
  it('registers the api channel and the channel for a dropped file', () => {
    const { raw } = setup()
    expect(API_CHANNEL).toBe('api')
    expect([...raw.handlers.keys()]).toEqual(['api', 'file'])
  })

  it('passes a call from our own page to dispatch and returns its Result', async () => {
    const { ipcMain, dispatch } = setup()
    const r = await ipcMain.invoke('api', invokeEvent({ url: ownUrl }), 'settings.update', { schoolName: 'OBS De Linde' })
    expect(r).toMatchObject({ ok: true, value: { schoolName: 'OBS De Linde' } })
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('settings.update', { schoolName: 'OBS De Linde' })
    // It really reached the database.
    expect(await ipcMain.invoke('api', invokeEvent({ url: `${ownUrl}#/instellingen` }), 'settings.get', {})).toMatchObject({
      ok: true,
      value: { schoolName: 'OBS De Linde' },
    })
  })

  it('answers an unknown method from our page with code unknown_method', async () => {
    const { ipcMain, dispatch } = setup()
    const methods = ['db.dropEverything', '__proto__', 'toString', 42, undefined]
    const results = []
    for (const method of methods) results.push(await ipcMain.invoke('api', invokeEvent({ url: ownUrl }), method, {}))
    expect(results).toEqual(methods.map(() => ({ ok: false, error: { code: 'unknown_method', message: 'Deze opdracht bestaat niet in het programma.' } })))
    expect(dispatch).toHaveBeenCalledTimes(methods.length)
  })

  it('answers input that does not fit with a validation Result, not a throw', async () => {
    const { ipcMain } = setup()
    const r = await ipcMain.invoke('api', invokeEvent({ url: ownUrl }), 'settings.update', { schoolYear: '2026-2028' })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'schoolYear' } })
  })

  it('refuses a call from a foreign page, another file or a dev server that is not in use, without calling dispatch', async () => {
    const { ipcMain, dispatch } = setup()
    const urls = ['https://evil.example/', pathToFileURL('/tmp/evil.html').href, 'http://localhost:5173/', `file://evil.example${new URL(ownUrl).pathname}`, '']
    const results = []
    for (const url of urls) results.push([url, await ipcMain.invoke('api', invokeEvent({ url }), 'settings.update', { schoolName: 'Gehackt' })])
    expect(results).toEqual(urls.map((url) => [url, FORBIDDEN]))
    expect(dispatch).not.toHaveBeenCalled()
    expect(await ipcMain.invoke('api', invokeEvent({ url: ownUrl }), 'settings.get', {})).toMatchObject({ ok: true, value: { schoolName: '' } })
  })

  it('refuses a call from a subframe, even one showing our own page inside our own page', async () => {
    const { ipcMain, dispatch } = setup()
    const fromFrame = invokeEvent({ url: ownUrl, subframe: true, topUrl: ownUrl })
    expect(await ipcMain.invoke('api', fromFrame, 'settings.get', {})).toEqual(FORBIDDEN)
    const foreignFrame = invokeEvent({ url: 'https://evil.example/', subframe: true, topUrl: ownUrl })
    expect(await ipcMain.invoke('api', foreignFrame, 'settings.get', {})).toEqual(FORBIDDEN)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses a call whose frame is gone (null, or throwing when read, as Electron does for a disposed frame)', async () => {
    const { ipcMain, dispatch } = setup()
    expect(await ipcMain.invoke('api', invokeEvent({ frame: null }), 'settings.get', {})).toEqual(FORBIDDEN)
    const disposed = {
      ...invokeEvent({ url: ownUrl }),
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    } as unknown as IpcMainInvokeEvent
    expect(await ipcMain.invoke('api', disposed, 'settings.get', {})).toEqual(FORBIDDEN)
    expect(dispatch).not.toHaveBeenCalled()
  })
})

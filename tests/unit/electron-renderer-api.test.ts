// renderer/src/api.ts in the desktop app: calls go through the preload's invoke, and a page's
// progress question is answered from the progress events main pushed, without asking the core
// (which is busy with that very job). The preload is faked as window.api.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Invoke } from '../../shared/api.ts'

let push: (event: unknown) => void
const calls: Array<[string, unknown]> = []

beforeEach(() => {
  calls.length = 0
  vi.resetModules()
  vi.stubGlobal('window', {
    api: {
      invoke: async (method: string, input: unknown) => {
        calls.push([method, input])
        return { ok: true, value: `answer to ${method}` }
      },
      onProgress: (listener: (event: unknown) => void) => (push = listener),
    },
  })
})
afterEach(() => vi.unstubAllGlobals())

// A renderer module: typed by tsconfig.web.json (DOM), so not imported by name where the node project would check it.
const RENDERER_API = '../../renderer/src/api.ts'
const load = async (): Promise<Invoke> => ((await import(/* @vite-ignore */ RENDERER_API)) as { invoke: Invoke }).invoke

describe('renderer api in the desktop app', () => {
  it('passes every call but the progress questions to the preload', async () => {
    const invoke = await load()
    expect(await invoke('settings.get', {})).toEqual({ ok: true, value: 'answer to settings.get' })
    expect(calls).toEqual([['settings.get', {}]])
  })

  it('answers imports.progress and documents.progress from the last event of that job, and "not running" once it is over', async () => {
    const invoke = await load()
    expect(await invoke('imports.progress', { progressId: 'p-1' })).toEqual({ ok: true, value: { phase: null, done: 0, total: 0, running: false } })
    push({ progressId: 'p-1', done: 0, total: 1, phase: 'read', running: true })
    push({ progressId: 'p-1', done: 4500, total: 10000, phase: 'check', running: true })
    push({ progressId: 'p-2', done: 20, total: 500, running: true })
    push('no event') // ignored
    expect(await invoke('imports.progress', { progressId: 'p-1' })).toEqual({ ok: true, value: { phase: 'check', done: 4500, total: 10000, running: true } })
    expect(await invoke('documents.progress', { progressId: 'p-2' })).toEqual({ ok: true, value: { done: 20, total: 500, running: true } })
    push({ progressId: 'p-1', done: 10000, total: 10000, phase: 'write', running: false })
    expect(await invoke('imports.progress', { progressId: 'p-1' })).toEqual({ ok: true, value: { phase: null, done: 0, total: 0, running: false } })
    expect(calls).toEqual([])
  })

  it('answers scan.progress from the events too: the core is busy reading that very scan', async () => {
    const invoke = await load()
    push({ progressId: 'p-scan-1', done: 7, total: 20, phase: 'read', running: true })
    expect(await invoke('scan.progress', { progressId: 'p-scan-1' })).toEqual({ ok: true, value: { phase: 'read', done: 7, total: 20, running: true } })
    push({ progressId: 'p-scan-1', done: 20, total: 20, phase: 'read', running: false })
    expect(await invoke('scan.progress', { progressId: 'p-scan-1' })).toEqual({ ok: true, value: { phase: null, done: 0, total: 0, running: false } })
    expect(calls).toEqual([])
  })
})

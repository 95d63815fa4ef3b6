// The desktop app on the fake Electron for one test: electron/main with the real core worker, in
// a folder of its own (user data, Documents, the database), the environment put back afterwards,
// and calls over IPC as our own page makes them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { vi } from 'vitest'
import { createFakeElectron, invokeEvent, untilStarted, type FakeElectron } from './fake-electron.ts'

/** The address of the app's own page, as main checks the sender of every call. */
export const OWN_PAGE_URL = pathToFileURL(join(resolve(import.meta.dirname, '../../electron/main'), '../renderer/index.html')).href

export interface Answer<V = unknown> {
  ok: boolean
  value?: V
  error?: { code: string; message: string }
}

export interface FakeDesktop {
  fake: FakeElectron
  /** The test's own folder: userData, Documenten and school.sqlite are in it. */
  dir: string
  /** A core method called over IPC by our own page. */
  api: <V = unknown>(method: string, input: unknown) => Promise<Answer<V>>
  /** A file dropped on our page, its path handed over by the preload. */
  dropped: <V = unknown>(path: string, name: string) => Promise<Answer<V>>
  /** Starts main as Electron does, until its window is up. */
  start: () => Promise<void>
  /** Quits the app, puts the environment back and removes the folder. */
  close: () => void
}

/** Call in beforeEach (and close() in afterEach): `env` adds variables for this test, put back at close. */
export function openFakeDesktop(prefix: string, env: (dir: string) => Record<string, string> = () => ({})): FakeDesktop {
  const fake = createFakeElectron()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  fake.app.paths.userData = join(dir, 'userData')
  fake.app.paths.documents = join(dir, 'Documenten')
  const vars = { TOESTEMMINGSREGISTER_DB: join(dir, 'school.sqlite'), ...env(dir) }
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  Object.assign(process.env, vars)
  vi.resetModules()
  vi.doMock('electron', () => fake.module)
  const fromPage = (channel: string, ...args: unknown[]) => fake.ipcMain.fromPage(channel, invokeEvent({ url: OWN_PAGE_URL }), ...args)
  return {
    fake,
    dir,
    api: async <V>(method: string, input: unknown) => (await fromPage('api', method, input)) as Answer<V>,
    dropped: async <V>(path: string, name: string) => (await fromPage('file', path, name)) as Answer<V>,
    start: async () => {
      await import('../../electron/main/index.ts')
      fake.app.ready()
      await untilStarted(fake)
    },
    close: () => {
      fake.app.emit('will-quit', {})
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { windowOptions } from '../../electron/main/window.ts'
import { createFakeElectron, invokeEvent, untilStarted, type FakeElectron } from '../helpers/fake-electron.ts'

// electron/main/index.ts runs on import. Each test makes a fresh fake, mocks 'electron' with it
// and imports the module anew, so the module's state (core, win) starts empty every time.
// vi.doMock, not the hoisted vi.mock: vi.mock's factory result outlives vi.resetModules().
let fake: FakeElectron

const mainDir = resolve(import.meta.dirname, '../../electron/main')
const indexHtml = join(mainDir, '../renderer/index.html')
const ownUrl = pathToFileURL(indexHtml).href

let dir: string
let dbPath: string
const savedEnv = { db: process.env.TOESTEMMINGSREGISTER_DB, dev: process.env.ELECTRON_RENDERER_URL }

beforeEach(() => {
  fake = createFakeElectron()
  dir = mkdtempSync(join(tmpdir(), 'tr-main-'))
  fake.app.paths.userData = join(dir, 'userData')
  dbPath = join(dir, 'register.sqlite')
  process.env.TOESTEMMINGSREGISTER_DB = dbPath
  delete process.env.ELECTRON_RENDERER_URL
  vi.resetModules()
  vi.doMock('electron', () => fake.module)
  vi.doUnmock('../../electron/core/worker-host.ts') // one test replaces it
})

afterEach(() => {
  fake.app.emit('will-quit', {}) // closes the database if one is open
  if (savedEnv.db === undefined) delete process.env.TOESTEMMINGSREGISTER_DB
  else process.env.TOESTEMMINGSREGISTER_DB = savedEnv.db
  if (savedEnv.dev === undefined) delete process.env.ELECTRON_RENDERER_URL
  else process.env.ELECTRON_RENDERER_URL = savedEnv.dev
  rmSync(dir, { recursive: true, force: true })
})

const settle = (): Promise<void> => new Promise((r) => setImmediate(r))

/** Imports main/index.ts against the fake; `ready` lets Electron finish starting. */
async function startMain(opts: { ready?: boolean } = {}): Promise<void> {
  await import('../../electron/main/index.ts')
  if (opts.ready ?? true) {
    fake.app.ready()
    if (fake.app.gotLock) await untilStarted(fake)
    await settle()
  }
}

describe('main: single instance', () => {
  it('quits at once when another instance holds the lock, and opens nothing', async () => {
    fake.app.gotLock = false
    await startMain()
    expect(fake.timeline[0]).toBe('app.requestSingleInstanceLock')
    expect(fake.app.quitCount).toBe(1)
    expect(fake.windows).toHaveLength(0)
    expect(fake.ipcMain.handlers.size).toBe(0)
    expect(fake.errorBoxes).toEqual([])
    expect(fake.app.listenerCount('second-instance')).toBe(0)
    expect(existsSync(dbPath)).toBe(false)
  })

  it('a second start restores and focuses the window, and does nothing once the window is closed', async () => {
    await startMain()
    const win = fake.windows[0]!
    win.minimize()
    fake.app.emit('second-instance', {}, ['toestemmingsregister'], '/')
    expect(win.isMinimized()).toBe(false)
    expect(win.focusCount).toBe(1)

    fake.app.emit('second-instance', {}, [], '/')
    expect(win.focusCount).toBe(2)

    win.close()
    expect(() => fake.app.emit('second-instance', {}, [], '/')).not.toThrow()
    expect(win.focusCount).toBe(2)
    expect(fake.windows).toHaveLength(1)
  })
})

describe('main: start', () => {
  it('does nothing before Electron is ready', async () => {
    await startMain({ ready: false })
    await settle()
    expect(fake.windows).toHaveLength(0)
    expect(fake.ipcMain.handlers.size).toBe(0)
    expect(existsSync(dbPath)).toBe(false)
  })

  it('opens the database from TOESTEMMINGSREGISTER_DB, registers the api channel and makes the secure window', async () => {
    await startMain()
    expect(fake.errorBoxes).toEqual([])
    expect(fake.app.quitCount).toBe(0)
    expect(readFileSync(dbPath).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000')

    expect([...fake.ipcMain.handlers.keys()]).toEqual(['api', 'file'])
    expect(fake.windows).toHaveLength(1)
    const win = fake.windows[0]!
    expect(win.options).toEqual(windowOptions(join(mainDir, '../preload/index.js')))
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false })
    expect(win.loadedFile).toBe(indexHtml)
    expect(win.loadedUrl).toBeUndefined()
    expect(fake.timeline.indexOf('session.webRequest.onBeforeRequest')).toBeLessThan(fake.timeline.indexOf('window.loadFile'))
    expect(win.webContents.navigate('https://example.com/')).toBe(false)
    expect(win.webContents.navigate(ownUrl)).toBe(true)
    expect(fake.session.request('https://example.com/').cancelled).toBe(true)
    expect(fake.session.requestPermission('media')).toBe(false)

    expect(win.visible).toBe(false)
    win.emit('ready-to-show')
    expect(win.visible).toBe(true)
  })

  it('the api channel reaches the database for our page only', async () => {
    await startMain()
    const page = invokeEvent({ url: ownUrl })
    expect(await fake.ipcMain.fromPage('api', page, 'settings.update', { schoolName: 'OBS De Linde' })).toMatchObject({ ok: true })
    expect(await fake.ipcMain.fromPage('api', page, 'no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    const foreign = invokeEvent({ url: 'https://evil.example/' })
    expect(await fake.ipcMain.fromPage('api', foreign, 'settings.update', { schoolName: 'Gehackt' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await fake.ipcMain.fromPage('api', page, 'settings.get', {})).toMatchObject({ ok: true, value: { schoolName: 'OBS De Linde' } })
  })

  it('in dev (not packaged), loads the dev server that electron-vite names', async () => {
    fake.app.isPackaged = false
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/'
    await startMain()
    const win = fake.windows[0]!
    expect(win.loadedUrl).toBe('http://localhost:5173/')
    expect(win.loadedFile).toBeUndefined()
    const devPage = invokeEvent({ url: 'http://localhost:5173/#/x' })
    expect(await fake.ipcMain.fromPage('api', devPage, 'settings.get', {})).toMatchObject({ ok: true })
  })

  it('packaged, ignores ELECTRON_RENDERER_URL: no web page gets the api', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://evil.example/'
    await startMain()
    const win = fake.windows[0]!
    expect(win.loadedFile).toBe(indexHtml)
    expect(win.loadedUrl).toBeUndefined()
    expect(fake.session.request('http://evil.example/x.js').cancelled).toBe(true)
    const page = invokeEvent({ url: 'http://evil.example/' })
    expect(await fake.ipcMain.fromPage('api', page, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('main: a database that cannot be opened', () => {
  it('a file that is not SQLite: a Dutch error box, quit, no window, and the file is untouched', async () => {
    const text = 'Dit is een boodschappenlijst, geen database.\nmelk\nbrood\n'
    writeFileSync(dbPath, text)
    const before = readFileSync(dbPath)
    await startMain()

    expect(fake.errorBoxes).toHaveLength(1)
    const box = fake.errorBoxes[0]!
    expect(box.title).toBe('Toestemmingsregister kan niet starten')
    expect(box.content).toContain(dbPath)
    expect(box.content).toMatch(/geen SQLite-bestand/)
    expect(box.content).toMatch(/Het bestand is niet gewijzigd/)
    expect(fake.app.quitCount).toBe(1)
    expect(fake.windows).toHaveLength(0)
    expect(fake.ipcMain.handlers.size).toBe(0)

    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
    expect(existsSync(`${dbPath}-journal`)).toBe(false)
  })

  it('an unexpected failure: the general Dutch message, quit, and the cause in the log file', async () => {
    vi.doMock('../../electron/core/worker-host.ts', () => ({
      startCoreWorker: async () => {
        throw new Error('EIO: i/o error, read')
      },
    }))
    await startMain()
    expect(fake.errorBoxes).toEqual([{ title: 'Toestemmingsregister kan niet starten', content: 'De database kon niet worden geopend. Er is niets gewijzigd.' }])
    expect(fake.app.quitCount).toBe(1)
    expect(fake.windows).toHaveLength(0)
    const log = readFileSync(join(fake.app.paths.userData!, 'logs', 'app.log'), 'utf8')
    expect(log).toMatch(/ERROR \[main\] opening the database failed Error: EIO: i\/o error, read/)
  })
})

describe('main: quitting', () => {
  it('quits when the last window closes, and will-quit closes the database', async () => {
    await startMain()
    expect(fake.errorBoxes).toEqual([])
    // WAL mode: the -wal file exists while the database is open, and goes when the last connection closes.
    expect(existsSync(`${dbPath}-wal`)).toBe(true)
    fake.app.emit('window-all-closed')
    expect(fake.app.quitCount).toBe(1)
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
  })
})

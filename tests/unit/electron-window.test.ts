import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { createMainWindow, hardenContents, hardenSession, isAppUrl, windowOptions } from '../../electron/main/window.ts'
import { asBrowserWindowClass, asSession, asWebContents, createFakeElectron, FakeSession, FakeWebContents } from '../helpers/fake-electron.ts'

// window.ts only imports Electron's types; should that change, it gets the fake, never the real package.
vi.mock('electron', async () => (await import('../helpers/fake-electron.ts')).createFakeElectron().module)

const indexHtml = join('/opt', 'Toestemmingsregister', 'resources', 'out', 'renderer', 'index.html')
const ownUrl = pathToFileURL(indexHtml).href
const devUrl = 'http://localhost:5173/'

function hardenedContents(isApp: (url: string) => boolean = (url) => isAppUrl(url, indexHtml)): FakeWebContents {
  const timeline: string[] = []
  const contents = new FakeWebContents(timeline, new FakeSession(timeline))
  hardenContents(asWebContents(contents), isApp)
  return contents
}

function hardenedSession(dev?: string): FakeSession {
  const session = new FakeSession([])
  hardenSession(asSession(session), dev)
  return session
}

describe('windowOptions', () => {
  it('keeps the page isolated from Node: context isolation, sandbox, no Node integration, no webviews', () => {
    const options = windowOptions('/app/out/preload/index.js')
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    })
  })

  it('does not show the window before it has painted', () => {
    expect(windowOptions('/p.js').show).toBe(false)
  })
})

describe('isAppUrl', () => {
  it('accepts our own index.html, also with a hash or query', () => {
    expect(isAppUrl(ownUrl, indexHtml)).toBe(true)
    expect(isAppUrl(`${ownUrl}#/leerlingen`, indexHtml)).toBe(true)
    expect(isAppUrl(`${ownUrl}?x=1`, indexHtml)).toBe(true)
  })

  it('refuses other files, the same path on a network share, web pages and garbage', () => {
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, indexHtml)).toBe(false)
    expect(isAppUrl(pathToFileURL(join(indexHtml, '..', 'other.html')).href, indexHtml)).toBe(false)
    expect(isAppUrl(`file://evil.example${new URL(ownUrl).pathname}`, indexHtml)).toBe(false)
    expect(isAppUrl(`https://evil.example${new URL(ownUrl).pathname}`, indexHtml)).toBe(false)
    expect(isAppUrl('not a url', indexHtml)).toBe(false)
    expect(isAppUrl('', indexHtml)).toBe(false)
  })

  it('with a dev server, accepts that origin only', () => {
    expect(isAppUrl('http://localhost:5173/#/groepen', indexHtml, devUrl)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', indexHtml, devUrl)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', indexHtml, devUrl)).toBe(false)
    expect(isAppUrl(ownUrl, indexHtml, devUrl)).toBe(false)
  })
})

describe('hardenContents', () => {
  it('denies every new window', () => {
    const contents = hardenedContents()
    expect(contents.openWindow('https://example.com/')).toBe('deny')
    expect(contents.openWindow(ownUrl)).toBe('deny')
    expect(contents.openWindow('about:blank')).toBe('deny')
  })

  it('prevents navigation to anything but our own page', () => {
    const contents = hardenedContents()
    expect(contents.navigate('https://example.com/')).toBe(false)
    expect(contents.navigate('http://localhost:5173/')).toBe(false)
    expect(contents.navigate(pathToFileURL('/etc/passwd').href)).toBe(false)
    expect(contents.navigate('javascript:alert(1)')).toBe(false)
    expect(contents.navigate(ownUrl)).toBe(true)
    expect(contents.navigate(`${ownUrl}#/instellingen`)).toBe(true)
  })

  it('asks the given predicate, so the dev server counts as our page in dev', () => {
    const contents = hardenedContents((url) => isAppUrl(url, indexHtml, devUrl))
    expect(contents.navigate('http://localhost:5173/#/x')).toBe(true)
    expect(contents.navigate('https://example.com/')).toBe(false)
  })

  it('prevents redirects and webviews', () => {
    const contents = hardenedContents()
    expect(contents.redirect('https://example.com/')).toBe(false)
    expect(contents.redirect(ownUrl)).toBe(false)
    expect(contents.attachWebview('https://example.com/')).toBe(false)
    expect(contents.attachWebview(ownUrl)).toBe(false)
  })

  it('the fake has Electron’s unsafe defaults without hardening (so these tests can fail)', () => {
    const timeline: string[] = []
    const contents = new FakeWebContents(timeline, new FakeSession(timeline))
    expect(contents.openWindow('https://example.com/')).toBe('allow')
    expect(contents.navigate('https://example.com/')).toBe(true)
    expect(contents.attachWebview('https://example.com/')).toBe(true)
    expect(contents.session.requestPermission('media')).toBe(true)
    expect(contents.session.request('https://example.com/')).toEqual({ answered: true, cancelled: false })
  })
})

describe('hardenSession', () => {
  it('answers every permission request with false and every permission check with false', () => {
    const session = hardenedSession()
    const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']
    expect(permissions.map((p) => [p, session.requestPermission(p)])).toEqual(permissions.map((p) => [p, false]))
    expect(permissions.map((p) => [p, session.checkPermission(p)])).toEqual(permissions.map((p) => [p, false]))
  })

  it('cancels every request that would leave the machine', () => {
    const session = hardenedSession()
    const urls = [
      'https://example.com/',
      'http://example.com/pixel.gif',
      'http://localhost:5173/',
      'http://127.0.0.1/',
      'ws://example.com/socket',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'file://fileserver.school.local/share/leerlingen.xlsx',
    ]
    expect(urls.map((url) => [url, session.request(url)])).toEqual(urls.map((url) => [url, { answered: true, cancelled: true }]))
  })

  it('lets local files, in-page data and devtools through', () => {
    const session = hardenedSession()
    const urls = [ownUrl, pathToFileURL(join(indexHtml, '..', 'assets', 'index.js')).href, 'data:image/png;base64,AAAA', 'blob:file:///1234', 'devtools://devtools/bundled/inspector.html']
    expect(urls.map((url) => [url, session.request(url)])).toEqual(urls.map((url) => [url, { answered: true, cancelled: false }]))
  })

  it('answers (cancels) a URL it cannot parse instead of leaving the request hanging', () => {
    expect(hardenedSession().request('::not a url::')).toEqual({ answered: true, cancelled: true })
  })

  it('with a dev server, lets that origin through and nothing else on the network', () => {
    const session = hardenedSession(devUrl)
    expect(session.request('http://localhost:5173/src/main.tsx').cancelled).toBe(false)
    expect(session.request('http://localhost:5174/').cancelled).toBe(true)
    expect(session.request('https://example.com/').cancelled).toBe(true)
    expect(session.request(ownUrl).cancelled).toBe(false)
  })
})

describe('createMainWindow', () => {
  it('makes the window with the secure options, hardens it before loading our index.html, and shows it when painted', () => {
    const fake = createFakeElectron()
    const win = createMainWindow({ BrowserWindow: asBrowserWindowClass(fake.BrowserWindow), preloadPath: '/app/out/preload/index.js', indexHtml })
    expect(fake.windows).toHaveLength(1)
    const made = fake.windows[0]!
    expect(win).toBe(made)
    expect(made.options).toEqual(windowOptions('/app/out/preload/index.js'))
    expect(made.loadedFile).toBe(indexHtml)
    expect(made.loadedUrl).toBeUndefined()

    // Every guard is in place before the page starts loading.
    const load = fake.timeline.indexOf('window.loadFile')
    expect(load).toBeGreaterThan(0)
    const guards = [
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'session.webRequest.onBeforeRequest',
      'contents.setWindowOpenHandler',
      'contents.on:will-navigate',
      'contents.on:will-redirect',
      'contents.on:will-attach-webview',
    ]
    const installed = (step: string): string => {
      const at = fake.timeline.indexOf(step)
      return at < 0 ? 'missing' : at < load ? 'before load' : 'after load'
    }
    expect(guards.map((g) => [g, installed(g)])).toEqual(guards.map((g) => [g, 'before load']))

    expect(made.webContents.openWindow('https://example.com/')).toBe('deny')
    expect(made.webContents.navigate('https://example.com/')).toBe(false)
    expect(made.webContents.navigate(ownUrl)).toBe(true)
    expect(fake.session.requestPermission('media')).toBe(false)
    expect(fake.session.request('https://example.com/').cancelled).toBe(true)

    expect(made.visible).toBe(false)
    made.emit('ready-to-show')
    expect(made.visible).toBe(true)
  })

  it('in dev, loads the dev server and treats it as our page', () => {
    const fake = createFakeElectron()
    createMainWindow({ BrowserWindow: asBrowserWindowClass(fake.BrowserWindow), preloadPath: '/p.js', indexHtml, devUrl })
    const made = fake.windows[0]!
    expect(made.loadedUrl).toBe(devUrl)
    expect(made.loadedFile).toBeUndefined()
    expect(made.webContents.navigate('http://localhost:5173/#/x')).toBe(true)
    expect(made.webContents.navigate('https://example.com/')).toBe(false)
    expect(fake.session.request('http://localhost:5173/@vite/client').cancelled).toBe(false)
    expect(fake.session.request('https://example.com/').cancelled).toBe(true)
  })
})

import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { pathToFileURL } from 'node:url'

/**
 * The window's options: the security baseline lives here, so a test can read it. Developer tools
 * are off unless asked for: only a developer's (unpackaged) run asks.
 */
export function windowOptions(preloadPath: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Toestemmingsregister',
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
    },
  }
}

/** True for the renderer's own page: the built index.html, or the dev server electron-vite starts. */
export function isAppUrl(url: string, indexHtml: string, devUrl?: string): boolean {
  try {
    const u = new URL(url)
    if (devUrl) return u.origin === new URL(devUrl).origin
    const own = pathToFileURL(indexHtml)
    return u.protocol === 'file:' && u.host === own.host && u.pathname === own.pathname
  } catch {
    return false
  }
}

/** No new windows, no navigation away, no webviews, no permissions, and no request off the machine. */
export function hardenContents(contents: WebContents, isApp: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (!isApp(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function hardenSession(session: Session, devUrl?: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  const devOrigin = devUrl ? new URL(devUrl).origin : undefined
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalRequest(details.url, devOrigin) })
  })
}

/** file:// on this machine (a file URL with a host is a network share), in-page data, devtools, or the dev server. */
function isLocalRequest(url: string, devOrigin: string | undefined): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.protocol === 'file:') return u.host === ''
  if (u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:') return true
  return devOrigin !== undefined && u.origin === devOrigin
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  preloadPath: string
  indexHtml: string
  devUrl?: string
  /** Developer tools may open (not packaged); off when left out. */
  devTools?: boolean
}

export function createMainWindow(deps: WindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath, deps.devTools))
  hardenSession(win.webContents.session, deps.devUrl)
  hardenContents(win.webContents, (url) => isAppUrl(url, deps.indexHtml, deps.devUrl))
  win.once('ready-to-show', () => win.show())
  if (deps.devUrl) void win.loadURL(deps.devUrl)
  else void win.loadFile(deps.indexHtml)
  return win
}

// A small fake of the parts of Electron the app uses, for unit tests. The real 'electron'
// package cannot be used here (its binary cannot be downloaded on this machine), and must never
// be imported by a test. Where the fake has a default, it is Electron's default: without a
// handler, a window may open, a permission is granted and a request goes out. So a test that
// forgets to install a handler sees the unsafe default, as it would in real Electron.
import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMain, IpcMainInvokeEvent, MenuItemConstructorOptions, Session, WebContents } from 'electron'

type AnyListener = (...args: never[]) => unknown

/** What Electron passes to a listener that may call preventDefault(). */
export interface FakeEvent {
  defaultPrevented: boolean
  preventDefault(): void
  [key: string]: unknown
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  const event: FakeEvent = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

/** Node's EventEmitter, small: on/once/off/emit, and a record of who registered what. */
export class FakeEmitter {
  private readonly listeners = new Map<string, Array<{ fn: AnyListener; once: boolean }>>()
  protected readonly timeline: string[]
  protected readonly label: string

  constructor(timeline: string[], label: string) {
    this.timeline = timeline
    this.label = label
  }

  on(name: string, fn: AnyListener): this {
    this.timeline.push(`${this.label}.on:${name}`)
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { fn, once: false }])
    return this
  }

  once(name: string, fn: AnyListener): this {
    this.timeline.push(`${this.label}.once:${name}`)
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { fn, once: true }])
    return this
  }

  off(name: string, fn: AnyListener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l.fn !== fn),
    )
    return this
  }

  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0
  }

  /** Calls the listeners in order; returns how many there were. */
  emit(name: string, ...args: unknown[]): number {
    const all = this.listeners.get(name) ?? []
    this.listeners.set(
      name,
      all.filter((l) => !l.once),
    )
    for (const l of all) (l.fn as (...a: unknown[]) => unknown)(...args)
    return all.length
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean
type BeforeRequestListener = (details: { url: string; resourceType: string; method: string }, callback: (response: { cancel?: boolean }) => void) => void

export interface RequestOutcome {
  /** The listener answered (a listener that never calls back hangs the request). */
  answered: boolean
  cancelled: boolean
}

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  beforeRequest: BeforeRequestListener | null = null
  readonly webRequest: { onBeforeRequest(listener: BeforeRequestListener | null): void }
  private readonly timeline: string[]

  constructor(timeline: string[]) {
    this.timeline = timeline
    this.webRequest = {
      onBeforeRequest: (listener) => {
        this.timeline.push('session.webRequest.onBeforeRequest')
        this.beforeRequest = listener
      },
    }
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.timeline.push('session.setPermissionRequestHandler')
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.timeline.push('session.setPermissionCheckHandler')
    this.permissionCheckHandler = handler
  }

  /** A page asks for a permission. Electron grants it when no handler is set. */
  requestPermission(permission: string): boolean | undefined {
    if (!this.permissionRequestHandler) return true
    let granted: boolean | undefined
    this.permissionRequestHandler({}, permission, (g) => (granted = g), { requestingUrl: 'file:///' })
    return granted
  }

  /** Chromium checks a permission. Electron allows it when no handler is set. */
  checkPermission(permission: string, origin = 'file:///'): boolean {
    if (!this.permissionCheckHandler) return true
    return this.permissionCheckHandler({}, permission, origin, {})
  }

  /** A request is about to go out. Electron lets it go when no listener is set. */
  request(url: string, resourceType = 'xhr'): RequestOutcome {
    if (!this.beforeRequest) return { answered: true, cancelled: false }
    let outcome: RequestOutcome = { answered: false, cancelled: false }
    this.beforeRequest({ url, resourceType, method: 'GET' }, (response) => {
      outcome = { answered: true, cancelled: response.cancel === true }
    })
    return outcome
  }
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }

export class FakeWebContents extends FakeEmitter {
  readonly session: FakeSession
  windowOpenHandler: WindowOpenHandler | null = null

  constructor(timeline: string[], session: FakeSession) {
    super(timeline, 'contents')
    this.session = session
  }

  /** What main sent to the page (webContents.send), in order. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = []

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.timeline.push('contents.setWindowOpenHandler')
    this.windowOpenHandler = handler
  }

  /** window.open or a target=_blank link. Electron opens the window when no handler is set. */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow'
  }

  /** The page tries to navigate; true when it may. */
  navigate(url: string): boolean {
    const event = fakeEvent({ url, isMainFrame: true })
    this.emit('will-navigate', event, url, false, true)
    return !event.defaultPrevented
  }

  /** A navigation is redirected by the server; true when it may. */
  redirect(url: string): boolean {
    const event = fakeEvent({ url, isMainFrame: true })
    this.emit('will-redirect', event, url, false, true)
    return !event.defaultPrevented
  }

  /** The page adds a <webview>; true when it may. */
  attachWebview(src: string): boolean {
    const event = fakeEvent()
    this.emit('will-attach-webview', event, { nodeIntegration: false }, { src })
    return !event.defaultPrevented
  }
}

export interface FakeBrowserWindowLike extends FakeEmitter {
  readonly options: BrowserWindowConstructorOptions
  readonly webContents: FakeWebContents
  visible: boolean
  minimized: boolean
  focusCount: number
  loadedFile: string | undefined
  loadedUrl: string | undefined
  show(): void
  focus(): void
  restore(): void
  minimize(): void
  isMinimized(): boolean
  loadFile(path: string): Promise<void>
  loadURL(url: string): Promise<void>
  close(): void
}

export interface FakeElectron {
  /** Every registration and load, in order, across all fakes of this instance. */
  timeline: string[]
  /** The default session every window shares, as in Electron. */
  session: FakeSession
  windows: FakeBrowserWindowLike[]
  errorBoxes: Array<{ title: string; content: string }>
  app: FakeApp
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => FakeBrowserWindowLike
  ipcMain: FakeIpcMain
  dialog: FakeDialog
  shell: FakeShell
  contextBridge: FakeContextBridge
  ipcRenderer: FakeIpcRenderer
  /** webUtils.getPathForFile: the path a test gave the File (`paths`), '' for a File made in the page, as in Electron. */
  webUtils: { getPathForFile(file: unknown): string; paths: WeakMap<object, string> }
  Menu: FakeMenuModule
  /** What `vi.mock('electron', () => fake.module)` should return. */
  module: Record<string, unknown>
}

/** dialog: error boxes, and save dialogs that answer what the test set (cancel by default). */
export interface FakeDialog {
  showErrorBox(title: string, content: string): void
  showSaveDialog(windowOrOptions: unknown, options?: unknown): Promise<{ canceled: boolean; filePath: string }>
  saveDialogs: Array<{ parent: unknown; options: Record<string, unknown> }>
  saveAnswer: { canceled: boolean; filePath: string }
  showOpenDialog(windowOrOptions: unknown, options?: unknown): Promise<{ canceled: boolean; filePaths: string[] }>
  openDialogs: Array<{ parent: unknown; options: Record<string, unknown> }>
  openAnswer: { canceled: boolean; filePaths: string[] }
}

/** shell.openPath resolves with '' when it worked, or an error text; the test sets `failWith`. */
export interface FakeShell {
  openPath(path: string): Promise<string>
  opened: string[]
  failWith: string
}

/** A menu built from a template; the template is kept so a test can read every item. */
export interface FakeMenu {
  template: MenuItemConstructorOptions[]
}

/** Menu: buildFromTemplate and setApplicationMenu. `applicationMenu` stays undefined until set (Electron's default menu). */
export interface FakeMenuModule {
  buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu
  setApplicationMenu(menu: FakeMenu | null): void
  applicationMenu: FakeMenu | null | undefined
}

export class FakeApp extends FakeEmitter {
  isPackaged = true
  gotLock = true
  quitCount = 0
  readonly paths: Record<string, string> = {}
  private quitting = false
  private resolveReady: () => void = () => {}
  private readonly readyPromise: Promise<void>

  constructor(timeline: string[]) {
    super(timeline, 'app')
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve))
  }

  requestSingleInstanceLock(): boolean {
    this.timeline.push('app.requestSingleInstanceLock')
    return this.gotLock
  }

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  /** Electron finished starting: resolves whenReady() and emits 'ready'. */
  ready(): void {
    this.resolveReady()
    this.emit('ready', fakeEvent())
  }

  getPath(name: string): string {
    const path = this.paths[name]
    if (path === undefined) throw new Error(`Failed to get '${name}' path (fake: set app.paths.${name})`)
    return path
  }

  /** Electron emits before-quit, then (windows closed) will-quit, then quit; once. */
  quit(): void {
    this.timeline.push('app.quit')
    this.quitCount++
    if (this.quitting) return
    this.quitting = true
    this.emit('before-quit', fakeEvent())
    this.emit('will-quit', fakeEvent())
    this.emit('quit', fakeEvent(), 0)
  }
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>()

  handle(channel: string, handler: InvokeHandler): void {
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /** A renderer calls ipcRenderer.invoke(channel, ...args) from the frame the event names. */
  async invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }

  /** What the page gets through the preload: main answers with the Result as JSON text, a string or (the worker's answers) UTF-8 bytes. */
  async fromPage(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const answer = await this.invoke(channel, event, ...args)
    return JSON.parse(typeof answer === 'string' ? answer : new TextDecoder().decode(answer as Uint8Array))
  }
}

/**
 * main/index.ts starts the core's worker once Electron is ready and makes the window when the
 * register is open, or shows an error box and quits: waits for either (the worker takes a moment).
 */
export async function untilStarted(fake: Pick<FakeElectron, 'windows' | 'errorBoxes' | 'app'>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (fake.windows.length === 0 && fake.errorBoxes.length === 0 && fake.app.quitCount === 0) {
    if (Date.now() > until) throw new Error('main did not start within the time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

/**
 * The event Electron hands an invoke handler. `frame: null` is a frame that navigated away or
 * was destroyed; `subframe: true` is an iframe inside a page at `topUrl`.
 */
export function invokeEvent(opts: { url: string; subframe?: boolean; topUrl?: string } | { frame: null }): IpcMainInvokeEvent {
  let senderFrame: FakeFrame | null = null
  if (!('frame' in opts)) {
    const top: FakeFrame = { url: opts.topUrl ?? opts.url, parent: null }
    senderFrame = opts.subframe ? { url: opts.url, parent: top } : top
  }
  const event = { ...fakeEvent(), frameId: 1, processId: 1, type: 'frame', sender: {}, senderFrame }
  return event as unknown as IpcMainInvokeEvent
}

export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>()

  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`)
    this.exposed.set(key, api)
  }
}

export class FakeIpcRenderer {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = []
  /** What the main process answers; a test sets it. */
  reply: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => undefined

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args })
    return this.reply(channel, ...args)
  }

  readonly listeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>()

  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener])
    return this
  }

  /** Main sends on `channel` (webContents.send); the event object is Electron's, never the page's. */
  deliver(channel: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: this }, ...args)
  }
}

export function createFakeElectron(): FakeElectron {
  const timeline: string[] = []
  const session = new FakeSession(timeline)
  const windows: FakeBrowserWindowLike[] = []
  const errorBoxes: Array<{ title: string; content: string }> = []

  class FakeBrowserWindow extends FakeEmitter implements FakeBrowserWindowLike {
    readonly options: BrowserWindowConstructorOptions
    readonly webContents: FakeWebContents
    visible: boolean
    minimized = false
    focusCount = 0
    loadedFile: string | undefined
    loadedUrl: string | undefined

    constructor(options: BrowserWindowConstructorOptions) {
      super(timeline, 'window')
      timeline.push('new BrowserWindow')
      this.options = options
      this.visible = options.show !== false
      this.webContents = new FakeWebContents(timeline, session)
      windows.push(this)
    }

    show(): void {
      this.visible = true
    }

    focus(): void {
      this.focusCount++
    }

    restore(): void {
      this.minimized = false
    }

    minimize(): void {
      this.minimized = true
    }

    isMinimized(): boolean {
      return this.minimized
    }

    async loadFile(path: string): Promise<void> {
      timeline.push('window.loadFile')
      this.loadedFile = path
    }

    async loadURL(url: string): Promise<void> {
      timeline.push('window.loadURL')
      this.loadedUrl = url
    }

    close(): void {
      this.emit('closed')
    }
  }

  const app = new FakeApp(timeline)
  const ipcMain = new FakeIpcMain()
  const dialog: FakeDialog = {
    showErrorBox: (title, content) => void errorBoxes.push({ title, content }),
    // Electron: showSaveDialog([window, ]options).
    showSaveDialog: async (a, b) => {
      dialog.saveDialogs.push(b === undefined ? { parent: null, options: a as Record<string, unknown> } : { parent: a, options: b as Record<string, unknown> })
      return dialog.saveAnswer
    },
    saveDialogs: [],
    saveAnswer: { canceled: true, filePath: '' },
    // Electron: showOpenDialog([window, ]options).
    showOpenDialog: async (a, b) => {
      dialog.openDialogs.push(b === undefined ? { parent: null, options: a as Record<string, unknown> } : { parent: a, options: b as Record<string, unknown> })
      return dialog.openAnswer
    },
    openDialogs: [],
    openAnswer: { canceled: true, filePaths: [] },
  }
  const shell: FakeShell = {
    openPath: async (path) => {
      shell.opened.push(path)
      return shell.failWith
    },
    opened: [],
    failWith: '',
  }
  const contextBridge = new FakeContextBridge()
  const ipcRenderer = new FakeIpcRenderer()
  const Menu: FakeMenuModule = {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => {
      timeline.push('Menu.setApplicationMenu')
      Menu.applicationMenu = menu
    },
    applicationMenu: undefined,
  }
  const paths = new WeakMap<object, string>()
  const webUtils = { paths, getPathForFile: (file: unknown) => (typeof file === 'object' && file !== null ? (paths.get(file) ?? '') : '') }
  const parts = { app, BrowserWindow: FakeBrowserWindow, ipcMain, dialog, shell, contextBridge, ipcRenderer, webUtils, Menu }
  return { timeline, session, windows, errorBoxes, ...parts, module: { ...parts, default: parts } }
}

// The fake implements only what the app uses; these casts are where it stands in for the real types.
export const asWebContents = (contents: FakeWebContents): WebContents => contents as unknown as WebContents
export const asSession = (session: FakeSession): Session => session as unknown as Session
export const asIpcMain = (ipcMain: FakeIpcMain): IpcMain => ipcMain as unknown as IpcMain
export const asBrowserWindowClass = (ctor: FakeElectron['BrowserWindow']): new (options: BrowserWindowConstructorOptions) => BrowserWindow =>
  ctor as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow

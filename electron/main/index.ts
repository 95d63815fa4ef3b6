// App lifecycle only: single-instance lock, start the core's worker (which opens the database),
// make the window. Main relays the api channel and the worker's desktop calls; it runs no core work.
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors.ts'
import { createLogger, logToFile } from '../core/log.ts'
import { resolveDbPath } from '../core/paths.ts'
import { APP_VERSION } from '../core/version.ts'
import { startCoreWorker, type CoreHost } from '../core/worker-host.ts'
import { createDesktop } from './desktop.ts'
import { registerIpc } from './ipc.ts'
import { menuTemplate } from './menu.ts'
import { createMainWindow, isAppUrl } from './window.ts'

const log = createLogger('main')
let core: CoreHost | undefined
let win: BrowserWindow | undefined

/** `--db PATH` on the command line, like the CLI. */
function dbFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--db')
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice(5)
}

/**
 * The built worker sits next to the built main (out/main/worker.js, an entry of its own in
 * electron.vite.config.ts); running from source (tests), the TypeScript entry.
 */
function workerFile(): string {
  const built = join(__dirname, 'worker.js')
  return existsSync(built) ? built : join(__dirname, '../core/worker.ts')
}

/** The worker's heap cap: a hostile file that slips past the import's caps ends the worker (restarted), not the app. */
const CORE_HEAP_MB = 3072

async function start(): Promise<void> {
  const logFile = join(app.getPath('userData'), 'logs', 'app.log')
  logToFile(logFile)
  const indexHtml = join(__dirname, '../renderer/index.html')
  // electron-vite sets this for `dev` only; a packaged app never loads a page from a URL.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  try {
    core = await startCoreWorker({
      workerPath: workerFile(),
      dbPath: resolveDbPath(dbFlag(process.argv), process.env, app.getPath('userData')),
      appVersion: APP_VERSION,
      // out/main/ -> the app's root, where resources/ (fonts for documents) is shipped.
      resourcesDir: join(__dirname, '../../resources'),
      desktop: createDesktop(
        { dialog, shell },
        () => win,
        () => app.getPath('documents'),
      ),
      lock: 'hold',
      // Temp files of earlier runs, the daily backup, expired safety backups: done by the worker as it opens.
      appStart: true,
      logFile,
      maxOldGenerationSizeMb: CORE_HEAP_MB,
    })
  } catch (e) {
    const message = e instanceof AppError ? e.message : 'De database kon niet worden geopend. Er is niets gewijzigd.'
    if (!(e instanceof AppError)) log.error('opening the database failed', e)
    dialog.showErrorBox('Toestemmingsregister kan niet starten', message)
    app.quit()
    return
  }
  registerIpc(ipcMain, core.callBytes, (url) => isAppUrl(url, indexHtml, devUrl), core.registerFile)
  // Progress of long jobs goes to our window as events on the api channel (the preload's onProgress).
  core.onProgress((event) => {
    win?.webContents.send('api', event)
  })
  // Electron's default menu offers developer tools and a reload: replaced before the window opens.
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ packaged: app.isPackaged, platform: process.platform })))
  win = createMainWindow({ BrowserWindow, preloadPath: join(__dirname, '../preload/index.js'), indexHtml, devUrl, devTools: !app.isPackaged })
  win.on('closed', () => (win = undefined))
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => core?.closeSync())
  void app.whenReady().then(start)
}

// App lifecycle only: single-instance lock, open the database, make the window.
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron'
import { join } from 'node:path'
import { AppError } from '../../shared/errors.ts'
import { dailyBackupIfDue } from '../core/backup/backup.ts'
import { expireSafetyBackups } from '../core/retention/backups.ts'
import { openCore, type Core } from '../core/boot.ts'
import { createLogger, logToFile } from '../core/log.ts'
import { resolveDbPath } from '../core/paths.ts'
import { APP_VERSION } from '../core/version.ts'
import { createDesktop } from './desktop.ts'
import { registerIpc } from './ipc.ts'
import { menuTemplate } from './menu.ts'
import { createMainWindow, isAppUrl } from './window.ts'

const log = createLogger('main')
let core: Core | undefined
let win: BrowserWindow | undefined

/** `--db PATH` on the command line, like the CLI. */
function dbFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--db')
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice(5)
}

function start(): void {
  logToFile(join(app.getPath('userData'), 'logs', 'app.log'))
  const indexHtml = join(__dirname, '../renderer/index.html')
  // electron-vite sets this for `dev` only; a packaged app never loads a page from a URL.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  try {
    core = openCore({
      dbPath: resolveDbPath(dbFlag(process.argv), process.env, app.getPath('userData')),
      appVersion: APP_VERSION,
      // out/main/ -> the app's root, where resources/ (fonts for documents) is shipped.
      resourcesDir: join(__dirname, '../../resources'),
      desktop: createDesktop({ dialog, shell }, () => win, () => app.getPath('documents')),
      lock: 'hold',
    })
  } catch (e) {
    const message = e instanceof AppError ? e.message : 'De database kon niet worden geopend. Er is niets gewijzigd.'
    if (!(e instanceof AppError)) log.error('opening the database failed', e)
    dialog.showErrorBox('Toestemmingsregister kan niet starten', message)
    app.quit()
    return
  }
  // Documents an earlier run opened in a viewer, and other temporary files it left: removed now.
  core.ctx.temp.removeEarlierRuns()
  // The first start of each day makes a backup; a failure is logged and shown nowhere, the work goes on.
  if (!core.ctx.readOnly) dailyBackupIfDue(core.ctx).catch((e: unknown) => log.error('daily backup failed', e))
  // The backup made just before a retention removal still holds what was removed: deleted once its days are over.
  if (!core.ctx.readOnly) expireSafetyBackups(core.ctx)
  registerIpc(ipcMain, core.dispatch, (url) => isAppUrl(url, indexHtml, devUrl))
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
  app.on('will-quit', () => core?.close())
  void app.whenReady().then(start)
}

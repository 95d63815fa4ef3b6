// The desktop's part in getting a document to the user (a save dialog, the system's viewer) and
// in choosing a file for the core to read where it lies (an open dialog). Thin on purpose: writing
// the file (atomically), reading it and the messages live in the core.
import type { BrowserWindow, Dialog, Shell } from 'electron'
import type { Desktop } from '../core/context.ts'

export function createDesktop(electron: { dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>; shell: Pick<Shell, 'openPath'> }, window: () => BrowserWindow | undefined, defaultDir: () => string): Desktop {
  return {
    async chooseSavePath(defaultName, filters) {
      const options = {
        title: 'Opslaan als',
        buttonLabel: 'Opslaan',
        defaultPath: `${defaultDir()}/${defaultName}`,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
      }
      const win = window()
      const result = win ? await electron.dialog.showSaveDialog(win, options) : await electron.dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? undefined : result.filePath
    },
    async chooseOpenPath(title, filters) {
      const options = { title, buttonLabel: 'Kiezen', defaultPath: defaultDir(), filters, properties: ['openFile'] as 'openFile'[] }
      const win = window()
      const result = win ? await electron.dialog.showOpenDialog(win, options) : await electron.dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
    async chooseOpenPaths(title, filters, multiple) {
      const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile']
      const options = { title, buttonLabel: 'Kiezen', defaultPath: defaultDir(), filters, properties }
      const win = window()
      const result = win ? await electron.dialog.showOpenDialog(win, options) : await electron.dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async openPath(path) {
      // shell.openPath resolves with an error text ('' when it worked) instead of rejecting.
      const error = await electron.shell.openPath(path)
      if (error) throw new Error(error)
    },
  }
}

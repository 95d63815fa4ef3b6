// The desktop's part in getting a document to the user: a save dialog and the system's viewer.
// Thin on purpose: writing the file (atomically) and the messages live in core/documents.
import type { BrowserWindow, Dialog, Shell } from 'electron'
import type { Desktop } from '../core/context.ts'

export function createDesktop(electron: { dialog: Pick<Dialog, 'showSaveDialog'>; shell: Pick<Shell, 'openPath'> }, window: () => BrowserWindow | undefined, defaultDir: () => string): Desktop {
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
    async openPath(path) {
      // shell.openPath resolves with an error text ('' when it worked) instead of rejecting.
      const error = await electron.shell.openPath(path)
      if (error) throw new Error(error)
    },
  }
}

import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '../../shared/errors.ts'

export const API_CHANNEL = 'api'
/** A dropped or picked file's path, from the preload (webUtils.getPathForFile), to be registered for the core. */
export const FILE_CHANNEL = 'file'

/** A call passed on to the core's worker; its Result comes back as JSON text (in UTF-8 bytes from the worker), passed on as is. */
export type Relay = (method: unknown, input: unknown) => Promise<string | Uint8Array>

const FORBIDDEN = JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Dit verzoek komt niet van het programma zelf en is geweigerd.' } } satisfies Result<never>)

/** The top frame of our own page. A frame that is gone reads as null, or throws when read: refused. */
function fromOwnPage(event: IpcMainInvokeEvent, isApp: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame
    return frame !== null && frame.parent === null && isApp(frame.url)
  } catch {
    return false
  }
}

/**
 * The one IPC channel. The sender must be our own page: only main can see the frame, so that is
 * checked here. The method allow-list and the input's schema are checked by dispatch in the core's
 * worker, the one place all three doors share, so a large input (an import's decisions) is never
 * parsed on the thread that keeps the window alive. The answer is the Result as JSON text in the
 * UTF-8 bytes the worker transferred: main passes bytes on without decoding them into a string or
 * cloning a large object (the preload decodes and parses them).
 */
export function registerIpc(ipcMain: IpcMain, relay: Relay, isApp: (url: string) => boolean, registerFile?: (path: string, name: string) => Promise<string>): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!fromOwnPage(event, isApp)) return FORBIDDEN
    return relay(method, input)
  })
  // The path comes from the preload's webUtils.getPathForFile: the page can hand it only a File the
  // user dropped or picked (a File made in the page has no path, ''). The core then checks it is a file.
  ipcMain.handle(FILE_CHANNEL, async (event: IpcMainInvokeEvent, path: unknown, name: unknown) => {
    if (!fromOwnPage(event, isApp)) return FORBIDDEN
    if (!registerFile || typeof path !== 'string' || path === '' || typeof name !== 'string') return NOT_A_FILE
    // The name is the page's (a dropped folder's 'inschrijvingen/zoe.xlsx'): text to show, never a path to read.
    return registerFile(path, name.slice(0, 1000) || path.replace(/^.*[\\/]/, ''))
  })
}

const NOT_A_FILE = JSON.stringify({ ok: false, error: { code: 'validation', message: 'Dit is geen bestand op deze computer. Er is niets gewijzigd. Kies het bestand met de knop.' } } satisfies Result<never>)

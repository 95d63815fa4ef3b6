import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '../../shared/errors.ts'

export const API_CHANNEL = 'api'

/** A call passed on to the core's worker; its Result comes back as JSON text, passed on as is. */
export type Relay = (method: unknown, input: unknown) => Promise<string>

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
 * parsed on the thread that keeps the window alive. The answer is the Result as JSON text: main
 * copies a string instead of cloning a large object twice (the preload parses it).
 */
export function registerIpc(ipcMain: IpcMain, relay: Relay, isApp: (url: string) => boolean): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!fromOwnPage(event, isApp)) return FORBIDDEN
    return relay(method, input)
  })
}

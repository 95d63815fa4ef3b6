import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '../../shared/errors.ts'
import type { Dispatch } from '../core/dispatch.ts'

export const API_CHANNEL = 'api'

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: 'Dit verzoek komt niet van het programma zelf en is geweigerd.' } }

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
 * The one IPC channel. The sender must be our own page; the method must be in the contract and
 * its input must fit the method's schema (both checked by dispatch); every outcome is a Result.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isApp: (url: string) => boolean): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!fromOwnPage(event, isApp)) return FORBIDDEN
    return dispatch(method, input)
  })
}

import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '../../shared/errors.ts'
import type { Dispatch } from '../core/dispatch.ts'

export const API_CHANNEL = 'api'

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: 'Dit verzoek komt niet van het programma zelf en is geweigerd.' } }

/**
 * The one IPC channel. The sender must be our own page; the method must be in the contract and
 * its input must fit the method's schema (both checked by dispatch); every outcome is a Result.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isApp: (url: string) => boolean): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null || !isApp(frame.url)) return FORBIDDEN
    return dispatch(method, input)
  })
}

// The renderer's only door to the app: invoke(method, input) -> Promise<Result>.
import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('api', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('api', method, input),
})

// The renderer's only door to the app: invoke(method, input) -> Promise<Result> (main answers with
// the Result as JSON text), and onProgress for the progress events of long jobs, on the same channel.
import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('api', {
  invoke: async (method: string, input: unknown): Promise<unknown> => JSON.parse((await ipcRenderer.invoke('api', method, input)) as string),
  onProgress: (listener: (event: unknown) => void): void => void ipcRenderer.on('api', (_event, progress: unknown) => listener(progress)),
})

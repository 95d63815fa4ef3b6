// The renderer's only door to the app: invoke(method, input) -> Promise<Result> (main answers with
// the Result as JSON text), onProgress for the progress events of long jobs, on the same channel,
// and registerFile for a file the user dropped or picked: its path on disk (only a real file has
// one; the page never sees it) goes to main, which answers with a token the core can read it by.
import { contextBridge, ipcRenderer, webUtils } from 'electron'

contextBridge.exposeInMainWorld('api', {
  invoke: async (method: string, input: unknown): Promise<unknown> => JSON.parse((await ipcRenderer.invoke('api', method, input)) as string),
  onProgress: (listener: (event: unknown) => void): void => void ipcRenderer.on('api', (_event, progress: unknown) => listener(progress)),
  registerFile: async (file: File, name: string): Promise<unknown> => JSON.parse((await ipcRenderer.invoke('file', webUtils.getPathForFile(file), String(name))) as string),
})

// The renderer's only door to the app: invoke(method, input) -> Promise<Result> (main answers with
// the Result as JSON text), onProgress for the progress events of long jobs, on the same channel,
// and registerFile for a file the user dropped or picked: its path on disk (only a real file has
// one; the page never sees it) goes to main, which answers with a token the core can read it by.
import { contextBridge, ipcRenderer, webUtils } from 'electron'

/** Main answers with JSON text, as a string or in UTF-8 bytes (the worker's answers). */
const text = (answer: unknown): string => (typeof answer === 'string' ? answer : new TextDecoder().decode(answer as Uint8Array))

contextBridge.exposeInMainWorld('api', {
  invoke: async (method: string, input: unknown): Promise<unknown> => JSON.parse(text(await ipcRenderer.invoke('api', method, input))),
  onProgress: (listener: (event: unknown) => void): void => void ipcRenderer.on('api', (_event, progress: unknown) => listener(progress)),
  registerFile: async (file: File, name: string): Promise<unknown> => JSON.parse(text(await ipcRenderer.invoke('file', webUtils.getPathForFile(file), String(name)))),
})

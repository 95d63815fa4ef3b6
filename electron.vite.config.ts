import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const r = (p: string): string => resolve(process.cwd(), p)

// better-sqlite3 is a native addon: it stays a runtime require, never bundled. So do the scan
// reader's: sharp and @napi-rs/canvas (natives), zxing-wasm (reads its .wasm beside itself) and
// pdf.js (starts its worker module from its own folder).
// The core's worker thread is an entry of its own: out/main/worker.js, next to out/main/index.js,
// which starts it by that path (main/index.ts); packaging ships everything under out/. The scan's
// page readers are one more: out/main/scan-reader.js, which the core starts by that path (scan/pool.ts).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is bundled: as a package it is a hundred small modules, which cost the worker's cold start
      // 60-75 ms to load one by one; in the bundle it is parsed with the rest.
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        input: { index: r('electron/main/index.ts'), worker: r('electron/core/worker.ts'), 'scan-reader': r('electron/core/scan/page-worker.ts') },
        external: ['better-sqlite3', 'electron', 'sharp', '@napi-rs/canvas', 'zxing-wasm', /^zxing-wasm\//, 'pdfjs-dist', /^pdfjs-dist\//],
      },
    },
  },
  preload: {
    build: { outDir: 'out/preload', rolldownOptions: { input: { index: r('electron/preload/index.ts') } } },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: { outDir: 'out/renderer', rolldownOptions: { input: { index: r('renderer/index.html') } } },
  },
})

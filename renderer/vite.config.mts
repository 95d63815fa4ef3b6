import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The renderer alone, for the web harness (browser tests and development).
// electron.vite.config.ts builds the same renderer for the desktop app.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: resolve(import.meta.dirname, '../out/web'), emptyOutDir: true },
})

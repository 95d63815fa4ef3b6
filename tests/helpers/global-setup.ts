import { build } from 'vite'

// The browser tests serve the built renderer: build it once per run.
export default async function setup(): Promise<void> {
  await build({ configFile: 'renderer/vite.config.mts', logLevel: 'warn' })
}

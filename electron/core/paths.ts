import { homedir } from 'node:os'
import { join, posix, resolve, win32 } from 'node:path'

export const APP_NAME = 'Toestemmingsregister'
export const DB_ENV = 'TOESTEMMINGSREGISTER_DB'
export const DB_FILE = 'toestemmingsregister.sqlite'

/** The platform's app-data folder, the same one Electron's app.getPath('userData') gives. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  // The platform's own separators, also when asked about another platform (tests).
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return posix.join(homedir(), 'Library', 'Application Support', APP_NAME)
  return posix.join(env.XDG_CONFIG_HOME || posix.join(homedir(), '.config'), APP_NAME)
}

/** --db beats the environment variable, which beats the default data folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, dataDir = defaultDataDir(env)): string {
  const chosen = flag ?? env[DB_ENV]
  return chosen ? resolve(chosen) : join(dataDir, DB_FILE)
}

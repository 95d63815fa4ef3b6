import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, resolveDbPath } from '../../electron/core/paths.ts'

describe('where the database is', () => {
  const env = { TOESTEMMINGSREGISTER_DB: '/srv/school/register.sqlite', XDG_CONFIG_HOME: '/home/ans/.cfg' }

  it('--db beats the environment variable', () => {
    expect(resolveDbPath('/data/andere-school.sqlite', env)).toBe('/data/andere-school.sqlite')
  })

  it('makes a relative --db absolute against the working folder', () => {
    expect(resolveDbPath('school.sqlite', env)).toBe(resolve(process.cwd(), 'school.sqlite'))
  })

  it('the environment variable beats the default folder', () => {
    expect(resolveDbPath(undefined, env)).toBe('/srv/school/register.sqlite')
  })

  it('an empty environment variable counts as not set', () => {
    expect(resolveDbPath(undefined, { TOESTEMMINGSREGISTER_DB: '' }, '/data/Toestemmingsregister')).toBe('/data/Toestemmingsregister/toestemmingsregister.sqlite')
  })

  it('without either, uses the data folder it is given (the app passes Electron userData)', () => {
    expect(resolveDbPath(undefined, {}, '/home/ans/.config/Toestemmingsregister')).toBe('/home/ans/.config/Toestemmingsregister/toestemmingsregister.sqlite')
  })
})

describe('the default data folder per platform', () => {
  it('Windows: %APPDATA%\\Toestemmingsregister', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ans\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\ans\\AppData\\Roaming\\Toestemmingsregister')
  })

  it('macOS: ~/Library/Application Support/Toestemmingsregister', () => {
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Toestemmingsregister'))
  })

  it('Linux: $XDG_CONFIG_HOME/Toestemmingsregister, else ~/.config/Toestemmingsregister', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ans/.cfg' }, 'linux')).toBe('/home/ans/.cfg/Toestemmingsregister')
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Toestemmingsregister'))
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(join(homedir(), '.config', 'Toestemmingsregister'))
  })

  it.runIf(process.platform === 'linux')('resolveDbPath falls back to the platform default when nothing else is set', () => {
    expect(resolveDbPath(undefined, { XDG_CONFIG_HOME: '/home/ans/.cfg' })).toBe('/home/ans/.cfg/Toestemmingsregister/toestemmingsregister.sqlite')
  })
})

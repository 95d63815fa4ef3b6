// The application menu: the packaged app offers no developer tools (no menu item, no window
// option), and main/index.ts replaces Electron's default menu before the window opens.
import type { MenuItemConstructorOptions } from 'electron'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { menuTemplate } from '../../electron/main/menu.ts'
import { createFakeElectron, untilStarted, type FakeElectron } from '../helpers/fake-electron.ts'

/** Every item of a template, submenus included. */
function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])])
}

const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload']

describe('menuTemplate', () => {
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    it(`packaged on ${platform}: no developer tools and no reload, in no submenu`, () => {
      const items = allItems(menuTemplate({ packaged: true, platform }))
      expect(items.length).toBeGreaterThan(5)
      expect(items.filter((i) => DEVELOPER_ROLES.includes(i.role ?? ''))).toEqual([])
      expect(items.filter((i) => /ontwikkel|develop|devtools/i.test(i.label ?? ''))).toEqual([])
    })
  }

  it('packaged on Windows: quit, copy and paste and zoom, with Dutch labels', () => {
    const template = menuTemplate({ packaged: true, platform: 'win32' })
    expect(template.map((m) => m.label)).toEqual(['Bestand', 'Bewerken', 'Beeld'])
    const byRole = new Map(allItems(template).map((i) => [i.role, i.label]))
    expect(byRole.get('quit')).toBe('Afsluiten')
    expect(byRole.get('copy')).toBe('Kopiëren')
    expect(byRole.get('paste')).toBe('Plakken')
    expect(byRole.get('zoomIn')).toBe('Groter')
  })

  it('a developer run (not packaged) keeps the developer tools', () => {
    const roles = allItems(menuTemplate({ packaged: false, platform: 'linux' })).map((i) => i.role)
    expect(roles).toContain('toggleDevTools')
    expect(roles).toContain('reload')
  })
})

describe('main: the menu and developer tools', () => {
  let fake: FakeElectron
  let dir: string
  const savedDb = process.env.TOESTEMMINGSREGISTER_DB

  beforeEach(() => {
    fake = createFakeElectron()
    dir = mkdtempSync(join(tmpdir(), 'tr-menu-'))
    fake.app.paths.userData = join(dir, 'userData')
    process.env.TOESTEMMINGSREGISTER_DB = join(dir, 'register.sqlite')
    vi.resetModules()
    vi.doMock('electron', () => fake.module)
  })

  afterEach(() => {
    fake.app.emit('will-quit', {})
    if (savedDb === undefined) delete process.env.TOESTEMMINGSREGISTER_DB
    else process.env.TOESTEMMINGSREGISTER_DB = savedDb
    rmSync(dir, { recursive: true, force: true })
  })

  /** Main starts the core's worker before it makes the window: wait for the window. */
  async function startMain(): Promise<void> {
    await import('../../electron/main/index.ts')
    fake.app.ready()
    await untilStarted(fake)
  }

  it('packaged: replaces the default menu before the window opens, with no developer tools in menu or window', async () => {
    await startMain()
    expect(fake.errorBoxes).toEqual([])
    const menu = fake.Menu.applicationMenu
    expect(menu).toBeTruthy()
    expect(allItems(menu!.template).filter((i) => DEVELOPER_ROLES.includes(i.role ?? ''))).toEqual([])
    expect(fake.timeline.indexOf('Menu.setApplicationMenu')).toBeLessThan(fake.timeline.indexOf('new BrowserWindow'))
    expect(fake.windows[0]!.options.webPreferences?.devTools).toBe(false)
  })

  it('not packaged: the developer gets the developer tools back', async () => {
    fake.app.isPackaged = false
    await startMain()
    expect(allItems(fake.Menu.applicationMenu!.template).map((i) => i.role)).toContain('toggleDevTools')
    expect(fake.windows[0]!.options.webPreferences?.devTools).toBe(true)
  })
})

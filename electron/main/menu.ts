// The application menu: what an office user needs (quit, edit, zoom) and nothing to poke at
// the app's insides. Electron's default menu has 'Toggle Developer Tools' and 'Force Reload';
// the packaged app replaces it with this one, and only a developer's build adds them back.
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuOptions {
  /** app.isPackaged: the installed program. */
  packaged: boolean
  platform: NodeJS.Platform
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: 'Bestand',
    submenu: [mac ? { role: 'close', label: 'Venster sluiten' } : { role: 'quit', label: 'Afsluiten' }],
  }
  const edit: MenuItemConstructorOptions = {
    label: 'Bewerken',
    submenu: [
      { role: 'undo', label: 'Ongedaan maken' },
      { role: 'redo', label: 'Opnieuw' },
      { type: 'separator' },
      { role: 'cut', label: 'Knippen' },
      { role: 'copy', label: 'Kopiëren' },
      { role: 'paste', label: 'Plakken' },
      { role: 'selectAll', label: 'Alles selecteren' },
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: 'Beeld',
    submenu: [
      { role: 'zoomIn', label: 'Groter' },
      { role: 'zoomOut', label: 'Kleiner' },
      { role: 'resetZoom', label: 'Normale grootte' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: 'Volledig scherm' },
      // A reload drops what a form holds that was not saved yet: only for developers.
      ...(options.packaged
        ? []
        : ([{ type: 'separator' }, { role: 'reload', label: 'Opnieuw laden (ontwikkeling)' }, { role: 'toggleDevTools', label: 'Ontwikkelhulpmiddelen (ontwikkeling)' }] satisfies MenuItemConstructorOptions[])),
    ],
  }
  return [...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []), file, edit, view]
}

import { useEffect, useState } from 'react'
import type { Settings } from '../../shared/domain.ts'
import { invoke } from './api.ts'
import { GroupsPage } from './pages/groups/GroupsPage.tsx'
import { ImportsPage } from './pages/imports/ImportsPage.tsx'
import { PrintPage } from './pages/print/PrintPage.tsx'
import { PupilsPage } from './pages/pupils/PupilsPage.tsx'
import { SettingsPage } from './pages/settings/SettingsPage.tsx'
import { WelcomePage } from './pages/welcome/WelcomePage.tsx'

const PAGES = [
  { path: 'leerlingen', label: 'Leerlingen' },
  { path: 'groepen', label: 'Groepen' },
  { path: 'importeren', label: 'Importeren' },
  { path: 'afdrukken', label: 'Afdrukken' },
  { path: 'instellingen', label: 'Instellingen' },
] as const
type PagePath = (typeof PAGES)[number]['path']

function currentPath(): PagePath {
  const path = location.hash.replace(/^#\/?/, '')
  return PAGES.find((p) => p.path === path)?.path ?? 'leerlingen'
}

export function App() {
  const [settings, setSettings] = useState<Settings>()
  const [error, setError] = useState<string>()
  const [path, setPath] = useState<PagePath>(currentPath)

  useEffect(() => {
    invoke('settings.get', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)))
    const onHash = () => setPath(currentPath())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  if (error) return <div className="fatal" role="alert">{error}</div>
  if (!settings) return <div className="loading">Laden…</div>
  if (!settings.setupDone) return <WelcomePage onDone={setSettings} />

  return (
    <div className="frame">
      <nav className="sidebar" aria-label="Hoofdmenu">
        <div className="brand">
          <span className="brand-name">Toestemmingsregister</span>
          <span className="brand-school">{settings.schoolName || 'Naam school nog niet ingevuld'}</span>
          <span className="brand-year">Schooljaar {settings.schoolYear}</span>
        </div>
        <ul>
          {PAGES.map((p) => (
            <li key={p.path}>
              <a href={`#/${p.path}`} aria-current={p.path === path ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {path === 'leerlingen' && <PupilsPage />}
        {path === 'groepen' && <GroupsPage />}
        {path === 'importeren' && <ImportsPage />}
        {path === 'afdrukken' && <PrintPage />}
        {path === 'instellingen' && <SettingsPage settings={settings} onSaved={setSettings} />}
      </main>
    </div>
  )
}

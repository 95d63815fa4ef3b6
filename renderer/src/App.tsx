import { useCallback, useEffect, useState } from 'react'
import type { Settings } from '../../shared/domain.ts'
import { invoke } from './api.ts'
import { SearchBox } from './components/SearchBox.tsx'
import { WelcomePage } from './pages/welcome/WelcomePage.tsx'
import { useRegisterChanges, watchRegister } from './register-changes.ts'
import { href, NAV, navSection } from './route-table.ts'
import { useRoute } from './router.ts'
import { RoutePage } from './routes.tsx'

export function App() {
  const [settings, setSettings] = useState<Settings>()
  const [error, setError] = useState<string>()
  const [readOnly, setReadOnly] = useState<string>()
  const [warnings, setWarnings] = useState<string[]>([])
  const route = useRoute()

  // The sidebar's school name and year, the read-only state and the warnings, again after every change of the register.
  const load = useCallback(() => {
    invoke('settings.get', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)))
    invoke('app.info', {}).then((r) => {
      if (!r.ok) return
      setReadOnly(r.value.readOnly ? r.value.readOnly.message : undefined)
      setWarnings(r.value.startupWarnings)
    })
  }, [])
  useEffect(load, [load])
  useEffect(watchRegister, [])
  useRegisterChanges(load)

  if (error)
    return (
      <div className="fatal" role="alert">
        {error}
      </div>
    )
  if (!settings) return <div className="loading">Laden…</div>
  if (!settings.setupDone) return <WelcomePage onDone={setSettings} />

  const active = navSection(route)
  return (
    <div className="frame">
      <a
        className="skip-link"
        href="#inhoud"
        onClick={(e) => {
          // The address holds the page (hash routes): move focus, not the address.
          e.preventDefault()
          document.getElementById('inhoud')?.focus()
        }}
      >
        Naar de inhoud
      </a>
      <nav className="sidebar" aria-label="Hoofdmenu">
        <div className="brand">
          <span className="brand-name">Toestemmings&shy;register</span>
          <span className="brand-school">{settings.schoolName || 'Naam school nog niet ingevuld'}</span>
          <span className="brand-year">Schooljaar {settings.schoolYear}</span>
          {settings.demo && <span className="brand-demo">Demoschool: verzonnen leerlingen</span>}
        </div>
        <ul>
          {NAV.map((p) => (
            <li key={p.route.name}>
              <a href={href(p.route)} aria-current={p.route.name === active ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main-column">
        {readOnly && (
          <div className="readonly-banner" role="alert">
            {readOnly} {readOnly.includes('reservekopie') && <a href={href({ name: 'backups' })}>Naar de reservekopieën</a>}
          </div>
        )}
        {warnings.map((w) => (
          <div key={w} className="startup-warning" role="alert">
            {w} <a href={href({ name: 'backups' })}>Naar de reservekopieën</a>
          </div>
        ))}
        <header className="topbar">
          <SearchBox />
          {!settings.staffName && (
            <a className="staff-warning" href={href({ name: 'settings' })}>
              Vul uw naam in bij Instellingen
            </a>
          )}
        </header>
        <main className="content" id="inhoud" tabIndex={-1}>
          <RoutePage route={route} ctx={{ settings, onSettingsSaved: setSettings, onYearChanged: () => void invoke('settings.get', {}).then((r) => r.ok && setSettings(r.value)) }} />
        </main>
      </div>
    </div>
  )
}

import { useCallback, useEffect, useState } from 'react'
import type { Settings } from '../../shared/domain.ts'
import { invoke } from './api.ts'
import { SearchBox } from './components/SearchBox.tsx'
import { AuditPage } from './pages/audit/AuditPage.tsx'
import { BackupsPage } from './pages/backups/BackupsPage.tsx'
import { GroupPage } from './pages/group/GroupPage.tsx'
import { GroupsPage } from './pages/groups/GroupsPage.tsx'
import { ImportsPage } from './pages/imports/ImportsPage.tsx'
import { NoConsentPage } from './pages/no-consent/NoConsentPage.tsx'
import { PrintPage } from './pages/print/PrintPage.tsx'
import { PurposesPage } from './pages/purposes/PurposesPage.tsx'
import { SchoolYearPage } from './pages/schoolyear/SchoolYearPage.tsx'
import { ScanPage } from './pages/scan/ScanPage.tsx'
import { PupilPage } from './pages/pupil/PupilPage.tsx'
import { PupilsPage } from './pages/pupils/PupilsPage.tsx'
import { SettingsPage } from './pages/settings/SettingsPage.tsx'
import { WelcomePage } from './pages/welcome/WelcomePage.tsx'
import { useRegisterChanges, watchRegister } from './register-changes.ts'
import { useRoute } from './router.ts'

const NAV = [
  { path: 'leerlingen', label: 'Leerlingen', also: ['leerling'] },
  { path: 'groepen', label: 'Groepen', also: ['groep'] },
  { path: 'geen-toestemming', label: 'Geen toestemming', also: [] },
  { path: 'importeren', label: 'Importeren', also: [] },
  { path: 'afdrukken', label: 'Afdrukken', also: [] },
  { path: 'schooljaar', label: 'Schooljaar', also: [] },
  { path: 'scannen', label: 'Formulieren scannen', also: [] },
  { path: 'doelen', label: 'Doelen', also: [] },
  { path: 'logboek', label: 'Logboek', also: [] },
  { path: 'reservekopieen', label: 'Reservekopieën', also: [] },
  { path: 'instellingen', label: 'Instellingen', also: [] },
]

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

  if (error) return <div className="fatal" role="alert">{error}</div>
  if (!settings) return <div className="loading">Laden…</div>
  if (!settings.setupDone) return <WelcomePage onDone={setSettings} />

  const active = NAV.find((n) => n.path === route.page || n.also.includes(route.page))?.path ?? 'leerlingen'
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
          <span className="brand-name">Toestemmingsregister</span>
          <span className="brand-school">{settings.schoolName || 'Naam school nog niet ingevuld'}</span>
          <span className="brand-year">Schooljaar {settings.schoolYear}</span>
          {settings.demo && <span className="brand-demo">Demoschool: verzonnen leerlingen</span>}
        </div>
        <ul>
          {NAV.map((p) => (
            <li key={p.path}>
              <a href={`#/${p.path}`} aria-current={p.path === active ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main-column">
        {readOnly && (
          <div className="readonly-banner" role="alert">
            {readOnly} {readOnly.includes('reservekopie') && <a href="#/reservekopieen">Naar de reservekopieën</a>}
          </div>
        )}
        {warnings.map((w) => (
          <div key={w} className="startup-warning" role="alert">
            {w} <a href="#/reservekopieen">Naar de reservekopieën</a>
          </div>
        ))}
        <header className="topbar">
          <SearchBox />
          {!settings.staffName && (
            <a className="staff-warning" href="#/instellingen">
              Vul uw naam in bij Instellingen
            </a>
          )}
        </header>
        <main className="content" id="inhoud" tabIndex={-1}>
          {route.page === 'leerling' && route.id ? (
            <PupilPage id={route.id} tab={route.tab} formCode={route.extra} />
          ) : route.page === 'groep' && route.id ? (
            <GroupPage id={Number(route.id)} />
          ) : active === 'groepen' ? (
            <GroupsPage />
          ) : active === 'geen-toestemming' ? (
            <NoConsentPage />
          ) : active === 'importeren' ? (
            <ImportsPage />
          ) : active === 'afdrukken' ? (
            <PrintPage />
          ) : active === 'schooljaar' ? (
            <SchoolYearPage tab={route.id} onYearChanged={() => void invoke('settings.get', {}).then((r) => r.ok && setSettings(r.value))} />
          ) : active === 'scannen' ? (
            <ScanPage />
          ) : active === 'doelen' ? (
            <PurposesPage />
          ) : active === 'reservekopieen' ? (
            <BackupsPage />
          ) : active === 'logboek' ? (
            <AuditPage />
          ) : active === 'instellingen' ? (
            <SettingsPage settings={settings} onSaved={setSettings} />
          ) : (
            <PupilsPage />
          )}
        </main>
      </div>
    </div>
  )
}

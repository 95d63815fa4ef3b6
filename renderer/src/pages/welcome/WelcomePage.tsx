import { useState, type FormEvent } from 'react'
import type { Settings } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'

/** First start: an empty school or the demo school. */
export function WelcomePage({ onDone }: { onDone: (s: Settings) => void }) {
  const [schoolName, setSchoolName] = useState('')
  const [busy, setBusy] = useState<'empty' | 'demo'>()
  const [error, setError] = useState<string>()

  const setup = async (mode: 'empty' | 'demo') => {
    setBusy(mode)
    setError(undefined)
    const r = await invoke('school.setup', mode === 'empty' ? { mode, schoolName } : { mode })
    setBusy(undefined)
    if (r.ok) onDone(r.value)
    else setError(r.error.message)
  }
  const startEmpty = (e: FormEvent) => {
    e.preventDefault()
    void setup('empty')
  }

  return (
    <div className="welcome">
      <h1>Welkom bij Toestemmingsregister</h1>
      <p className="lead">
        Hier houdt de administratie bij welke ouders/verzorgers toestemming geven voor foto's en video's, per doel, met
        bewijs. Alles blijft op deze computer.
      </p>
      <div className="choices">
        <section className="card">
          <h2>Eigen school inrichten</h2>
          <p>Begin met een lege school. Leerlingen voegt u toe of importeert u uit Excel.</p>
          <form onSubmit={startEmpty}>
            <label className="field">
              <span>Naam van de school</span>
              <input value={schoolName} onChange={(e) => setSchoolName(e.target.value)} placeholder="bijv. Basisschool De Linde" />
              <small>U kunt de naam later wijzigen bij Instellingen.</small>
            </label>
            <button className="primary" type="submit" disabled={busy !== undefined}>
              Lege school starten
            </button>
          </form>
        </section>
        <section className="card">
          <h2>Eerst rondkijken</h2>
          <p>Open een demoschool met 8 groepen en verzonnen leerlingen, om te zien hoe alles werkt.</p>
          <button type="button" disabled={busy !== undefined} aria-busy={busy === 'demo'} onClick={() => setup('demo')}>
            {busy === 'demo' ? 'Demoschool wordt gemaakt…' : 'Demoschool openen'}
          </button>
        </section>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

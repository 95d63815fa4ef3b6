import { useState } from 'react'
import type { Settings } from '../../../../shared/domain.ts'
import { invoke } from '../../api.ts'

/** First start: an empty school or the demo school. */
export function WelcomePage({ onDone }: { onDone: (s: Settings) => void }) {
  const [schoolName, setSchoolName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const setup = async (mode: 'empty' | 'demo') => {
    setBusy(true)
    setError(undefined)
    const r = await invoke('school.setup', mode === 'empty' ? { mode, schoolName } : { mode })
    setBusy(false)
    if (r.ok) onDone(r.value)
    else setError(r.error.message)
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
          <label className="field">
            <span>Naam van de school</span>
            <input value={schoolName} onChange={(e) => setSchoolName(e.target.value)} placeholder="bijv. Basisschool De Linde" />
          </label>
          <button className="primary" disabled={busy} onClick={() => setup('empty')}>
            Lege school starten
          </button>
        </section>
        <section className="card">
          <h2>Eerst rondkijken</h2>
          <p>Open een demoschool met 8 groepen en verzonnen leerlingen, om te zien hoe alles werkt.</p>
          <button disabled={busy} onClick={() => setup('demo')}>
            Demoschool openen
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

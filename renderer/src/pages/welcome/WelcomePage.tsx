// First start: what the app does in three lines, then the school's name and the user's own
// name (every change is recorded under it), or the demo school to look around first.
import { useState, type FormEvent } from 'react'
import type { Settings } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { invoke } from '../../api.ts'
import { Field, FormError } from '../../components/fields.tsx'
import { useSave } from '../../components/useSave.ts'

/** Both names are needed before the first save; every missing one is said at once, at its field. */
function missingNames(schoolName: string, staffName: string): ErrorInfo | undefined {
  const issues = [
    ...(schoolName.trim() ? [] : [{ field: 'schoolName', message: 'Vul de naam van de school in. Er is nog niets ingericht.' }]),
    ...(staffName.trim() ? [] : [{ field: 'staffName', message: 'Vul uw eigen naam in: elke wijziging wordt onder deze naam vastgelegd.' }]),
  ]
  const first = issues[0]
  return first ? { code: 'validation', field: first.field, message: first.message, issues } : undefined
}

export function WelcomePage({ onDone }: { onDone: (s: Settings) => void }) {
  const [schoolName, setSchoolName] = useState('')
  const [staffName, setStaffName] = useState('')
  const [mode, setMode] = useState<'empty' | 'demo'>()
  const saving = useSave()
  const { error, setError } = saving

  const setup = (chosen: 'empty' | 'demo') =>
    saving.run(async () => {
      if (chosen === 'empty') {
        const missing = missingNames(schoolName, staffName)
        if (missing) return setError(missing)
      }
      setMode(chosen)
      setError(undefined)
      const r = await invoke('school.setup', chosen === 'empty' ? { mode: chosen, schoolName, staffName } : { mode: chosen })
      setMode(undefined)
      if (r.ok) onDone(r.value)
      else setError(r.error)
    })
  const startEmpty = (e: FormEvent) => {
    e.preventDefault()
    void setup('empty')
  }

  return (
    <main className="welcome" id="inhoud">
      <h1>Welkom bij Toestemmingsregister</h1>
      <ul className="lead welcome-lines">
        <li>Per leerling en per doel (website, schoolgids, social media, ...) legt u vast of ouders/verzorgers toestemming geven voor foto's en video's, met bewijs.</li>
        <li>U ziet altijd wie niet op de foto mag, per groep, en drukt formulieren en lijsten voor de leerkrachten af.</li>
        <li>Alles blijft in één bestand op deze computer; het programma maakt geen verbinding met internet.</li>
      </ul>
      <div className="choices">
        <section className="card">
          <h2>Eigen school inrichten</h2>
          <p>Begin met een lege school. Leerlingen voegt u toe of importeert u uit Excel.</p>
          <form onSubmit={startEmpty} noValidate>
            <Field label="Naam van de school" name="schoolName" error={error} hint="U kunt de namen later wijzigen bij Instellingen.">
              <input name="schoolName" value={schoolName} onChange={(e) => setSchoolName(e.target.value)} placeholder="bijv. Basisschool De Linde" />
            </Field>
            <Field label="Uw naam" name="staffName" error={error} hint="Elke wijziging wordt onder deze naam vastgelegd.">
              <input name="staffName" value={staffName} onChange={(e) => setStaffName(e.target.value)} placeholder="bijv. Ans de Wit" autoComplete="name" />
            </Field>
            <FormError error={error} fields={['schoolName', 'staffName']} />
            <button className="primary" type="submit" disabled={saving.busy}>
              Lege school starten
            </button>
          </form>
        </section>
        <section className="card">
          <h2>Eerst rondkijken</h2>
          <p>Open een demoschool met 8 groepen en verzonnen leerlingen, om te zien hoe alles werkt.</p>
          <button type="button" disabled={saving.busy} aria-busy={mode === 'demo'} onClick={() => void setup('demo')}>
            {mode === 'demo' ? 'Demoschool wordt gemaakt…' : 'Demoschool openen'}
          </button>
        </section>
      </div>
    </main>
  )
}

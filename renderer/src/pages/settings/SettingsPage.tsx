import { useState, type FormEvent } from 'react'
import type { Settings } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { invoke } from '../../api.ts'
import { useConfirm } from '../../components/ConfirmDialog.tsx'
import { FormError } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { DocumentSettings } from './DocumentSettings.tsx'
import { SaveActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

/** The demo school holds fictional pupils only; leaving it empties the register for the real school. */
function LeaveDemo({ onLeft }: { onLeft: (s: Settings) => void }) {
  const [error, setError] = useState<string>()
  const groups = useLoad('groups.list', {})
  const { dialog, ask } = useConfirm()
  const leave = async () => {
    const pupils = groups.data?.reduce((n, g) => n + g.pupilCount, 0) ?? 0
    const yes = await ask({
      title: 'De demoschool verwijderen?',
      lines: [
        `De demoschool wordt gewist: ${pupils} verzonnen leerlingen met hun ouders, toestemmingen en dossiers, en ${groups.data?.length ?? 0} groepen.`,
        'Daarna begint u met een lege, eigen school. Er staan in de demoschool geen echte gegevens; er gaat dus niets verloren.',
      ],
      confirmLabel: 'Demoschool verwijderen',
      danger: true,
    })
    if (!yes) return
    const r = await invoke('school.leaveDemo', {})
    if (r.ok) onLeft(r.value)
    else setError(r.error.message)
  }
  return (
    <section className="card form">
      <h2>Demoschool</h2>
      <p>U kijkt rond in de demoschool: alle leerlingen en ouders zijn verzonnen. Klaar om met uw eigen school te beginnen?</p>
      {error && <ErrorText>{error}</ErrorText>}
      <button className="danger primary" onClick={() => void leave()}>
        Demoschool verwijderen en opnieuw beginnen
      </button>
      {dialog}
    </section>
  )
}

type SettingsForm = Pick<Settings, 'schoolName' | 'schoolYear' | 'staffName'>
const formOf = (s: Settings): SettingsForm => ({ schoolName: s.schoolName, schoolYear: s.schoolYear, staffName: s.staffName })

export function SettingsPage({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  // What the form was loaded with: only the fields changed since are sent, so a value another
  // window or the CLI changed meanwhile is not written back with the old one.
  const [loaded, setLoaded] = useState(() => formOf(settings))
  const [form, setForm] = useState(loaded)
  const [error, setError] = useState<ErrorInfo>()
  const [saved, setSaved] = useState(false)
  const info = useLoad('app.info', {})

  const save = async (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    const changed = Object.fromEntries((Object.keys(form) as (keyof SettingsForm)[]).filter((k) => form[k] !== loaded[k]).map((k) => [k, form[k]]))
    const r = await invoke('settings.update', changed)
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setSaved(true)
    setLoaded(formOf(r.value))
    setForm(formOf(r.value))
    onSaved(r.value)
  }
  const field = (key: keyof typeof form, label: string, hint: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        name={key}
        value={form[key]}
        aria-invalid={error?.field === key}
        onChange={(e) => {
          setSaved(false)
          setForm({ ...form, [key]: e.target.value })
        }}
      />
      {error?.field === key ? (
        <small className="error" role="alert">
          {error.message}
        </small>
      ) : (
        <small>{hint}</small>
      )}
    </label>
  )

  return (
    <>
      <h1>Instellingen</h1>
      <form className="card form" onSubmit={save}>
        {field('schoolName', 'Naam van de school', 'Staat op elk formulier en elke lijst.')}
        {field('schoolYear', 'Schooljaar', 'Van 1 augustus tot 31 juli, geschreven als 2026-2027.')}
        {field('staffName', 'Uw naam', "Wordt bij elke wijziging vastgelegd als 'vastgelegd door'.")}
        <FormError error={error} fields={['schoolName', 'schoolYear', 'staffName']} />
        <SaveActions saved={saved} />
      </form>
      {settings.demo && <LeaveDemo onLeft={onSaved} />}
      <DocumentSettings />
      {info.data && (
        <section className="card muted about">
          <h2>Over dit programma</h2>
          <dl>
            <dt>Versie</dt>
            <dd>{info.data.version}</dd>
            <dt>Database</dt>
            <dd className="path">{info.data.dbPath}</dd>
          </dl>
        </section>
      )}
    </>
  )
}

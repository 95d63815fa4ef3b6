// Instellingen, Formulieren en lijsten: the form's intro text, the school's logo (chosen or dropped
// as a token: the core reads and checks the file where it lies) and the contact for parents.
import { useEffect, useState, type DragEvent, type FormEvent } from 'react'
import type { DocumentSettings as Saved } from '../../../../shared/documents.contract.ts'
import { MAX_FORM_INTRO, SCHOOL_CONTACT_FIELDS, type SchoolContact, type SchoolContactField } from '../../../../shared/documents.labels.ts'
import type { ErrorInfo, Result } from '../../../../shared/errors.ts'
import type { ChosenFile } from '../../../../shared/files.contract.ts'
import { invoke } from '../../api.ts'
import { ChooseFile, droppedFile, FormError } from '../../components/fields.tsx'
import './settings.css'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

const CONTACT_LABELS: Record<SchoolContactField, { label: string; hint: string; multiline?: boolean }> = {
  schoolAddress: { label: 'Adres van de school', hint: 'Straat en nummer, postcode en plaats.', multiline: true },
  schoolEmail: { label: 'E-mailadres voor ouders', hint: 'Voor vragen en voor het intrekken van toestemming.' },
  schoolPhone: { label: 'Telefoonnummer van de school', hint: 'Staat op het formulier en in het dossier.' },
  privacyOfficer: { label: 'Functionaris voor de gegevensbescherming', hint: "Naam en e-mailadres, bijv. 'Mw. J. de Boer, fg@stichting.nl'." },
  privacyStatement: { label: 'Waar staat de privacyverklaring?', hint: "Een webadres of bijv. 'in de schoolgids'." },
}
const contactOf = (s: Saved): SchoolContact => Object.fromEntries(SCHOOL_CONTACT_FIELDS.map((f) => [f, s[f]])) as SchoolContact

/** What goes on the printed documents besides the school's name: the form's intro text, the logo, and who parents reach. */
export function DocumentSettings() {
  const [saved, setSaved] = useState<Saved>()
  const [intro, setIntro] = useState('')
  const [contact, setContact] = useState<SchoolContact>()
  const [error, setError] = useState<ErrorInfo>()
  const [status, setStatus] = useState<string>()

  useEffect(() => {
    invoke('documents.settings', {}).then((r) => {
      if (!r.ok) return setError(r.error)
      setSaved(r.value)
      setIntro(r.value.formIntro)
      setContact(contactOf(r.value))
    })
  }, [])

  const save = async (input: { formIntro?: string; logo?: { token: string } | null } & Partial<SchoolContact>, done: string) => {
    setStatus(undefined)
    const r = await invoke('documents.saveSettings', input)
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setSaved(r.value)
    setContact(contactOf(r.value))
    setStatus(done)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!saved || !contact) return
    // Only what changed since loading is sent: a field another window changed meanwhile is not written back.
    const changed = Object.fromEntries(SCHOOL_CONTACT_FIELDS.filter((f) => contact[f] !== saved[f]).map((f) => [f, contact[f]]))
    void save({ ...(intro !== saved.formIntro ? { formIntro: intro } : {}), ...changed }, 'Opgeslagen')
  }
  const chooseLogo = async (chosen: Result<ChosenFile> | undefined) => {
    if (!chosen) return
    if (!chosen.ok) {
      setStatus(undefined)
      return setError({ ...chosen.error, field: 'logo' })
    }
    await save({ logo: { token: chosen.value.token } }, 'Logo opgeslagen')
  }
  const dropLogo = (e: DragEvent) => {
    e.preventDefault()
    void droppedFile(e.dataTransfer).then(chooseLogo)
  }

  if (!saved || !contact) return error ? <ErrorText>{error.message}</ErrorText> : null
  return (
    <form className="card form" onSubmit={submit} aria-label="Formulieren en lijsten">
      <h2>Formulieren en lijsten</h2>
      <label className="field">
        <span>Inleiding op het toestemmingsformulier</span>
        <textarea
          name="formIntro"
          rows={6}
          maxLength={MAX_FORM_INTRO}
          value={intro}
          placeholder={saved.defaultFormIntro}
          aria-invalid={error?.field === 'formIntro'}
          onChange={(e) => {
            setStatus(undefined)
            setIntro(e.target.value)
          }}
        />
        {error?.field === 'formIntro' ? (
          <small className="error" role="alert">
            {error.message}
          </small>
        ) : (
          <small>Staat boven de vragen op elk formulier. Leeg laten: de standaardtekst (grijs) wordt gebruikt.</small>
        )}
      </label>
      <div className="field" onDragOver={(e) => e.preventDefault()} onDrop={dropLogo} aria-label="Logo van de school" role="group">
        <span>Logo van de school</span>
        <div className="logo-preview">
          {saved.logo ? <img src={`data:${saved.logo.mimeType};base64,${saved.logo.data}`} alt="Logo van de school" /> : <small>Nog geen logo: alleen de naam van de school staat bovenaan.</small>}
          {saved.logo && (
            <button type="button" onClick={() => save({ logo: null }, 'Logo verwijderd')}>
              Logo verwijderen
            </button>
          )}
        </div>
        <ChooseFile purpose="logo" label="Logo kiezen…" accept="image/png,image/jpeg,.png,.jpg,.jpeg" invalid={error?.field?.startsWith('logo')} onChosen={(r) => void chooseLogo(r)} />
        {error?.field?.startsWith('logo') ? (
          <small className="error" role="alert">
            {error.message}
          </small>
        ) : (
          <small>PNG of JPG, hoogstens 2 MB; kies het bestand of sleep het hierheen. Staat linksboven op elk formulier en elke lijst.</small>
        )}
      </div>
      <h3>Contact voor ouders en privacy</h3>
      <p className="hint">Staat op het toestemmingsformulier (voor vragen en intrekken) en in het leerlingdossier (rechten en klachten).</p>
      {SCHOOL_CONTACT_FIELDS.map((f) => (
        <label className="field" key={f}>
          <span>{CONTACT_LABELS[f].label}</span>
          {CONTACT_LABELS[f].multiline ? (
            <textarea name={f} rows={2} value={contact[f]} aria-invalid={error?.field === f} onChange={(e) => setContact({ ...contact, [f]: e.target.value })} />
          ) : (
            <input name={f} value={contact[f]} aria-invalid={error?.field === f} onChange={(e) => setContact({ ...contact, [f]: e.target.value })} />
          )}
          {error?.field === f ? (
            <small className="error" role="alert">
              {error.message}
            </small>
          ) : (
            <small>{CONTACT_LABELS[f].hint}</small>
          )}
        </label>
      ))}
      <FormError error={error} fields={['formIntro', 'logo', ...SCHOOL_CONTACT_FIELDS]} />
      <FormActions>
        <button className="primary" type="submit">
          Tekst en contact bewaren
        </button>
        {status && (
          <span className="ok" role="status">
            {status}
          </span>
        )}
      </FormActions>
    </form>
  )
}

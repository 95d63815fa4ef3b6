import { useEffect, useState, type FormEvent } from 'react'
import { MAX_FORM_INTRO, type DocumentSettings as Saved } from '../../../../shared/documents.contract.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import { invoke } from '../../api.ts'
import { FormError, readFileBase64 } from '../../components/fields.tsx'
import '../print/print.css'

/** What goes on the printed documents besides the school's name: the form's intro text and the logo. */
export function DocumentSettings() {
  const [saved, setSaved] = useState<Saved>()
  const [intro, setIntro] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [status, setStatus] = useState<string>()

  useEffect(() => {
    invoke('documents.settings', {}).then((r) => {
      if (!r.ok) return setError(r.error)
      setSaved(r.value)
      setIntro(r.value.formIntro)
    })
  }, [])

  const save = async (input: { formIntro?: string; logo?: { fileName: string; data: string } | null }, done: string) => {
    setStatus(undefined)
    const r = await invoke('documents.saveSettings', input)
    if (!r.ok) return setError(r.error)
    setError(undefined)
    setSaved(r.value)
    setStatus(done)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void save({ formIntro: intro }, 'Inleiding opgeslagen')
  }
  const chooseLogo = async (file: File | undefined) => {
    if (!file) return
    try {
      await save({ logo: { fileName: file.name, data: await readFileBase64(file) } }, 'Logo opgeslagen')
    } catch {
      setError({ code: 'io', message: 'Het bestand kon niet worden gelezen. Kies het opnieuw.', field: 'logo' })
    }
  }

  if (!saved) return error ? <p className="error">{error.message}</p> : null
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
      <div className="field">
        <span>Logo van de school</span>
        <div className="logo-preview">
          {saved.logo ? <img src={`data:${saved.logo.mimeType};base64,${saved.logo.data}`} alt="Logo van de school" /> : <small>Nog geen logo: alleen de naam van de school staat bovenaan.</small>}
          {saved.logo && (
            <button type="button" onClick={() => save({ logo: null }, 'Logo verwijderd')}>
              Logo verwijderen
            </button>
          )}
        </div>
        <input type="file" name="logo" accept="image/png,image/jpeg,.png,.jpg,.jpeg" aria-label="Logo kiezen" aria-invalid={error?.field?.startsWith('logo')} onChange={(e) => chooseLogo(e.target.files?.[0])} />
        {error?.field?.startsWith('logo') ? (
          <small className="error" role="alert">
            {error.message}
          </small>
        ) : (
          <small>PNG of JPG, hoogstens 2 MB. Staat linksboven op elk formulier en elke lijst.</small>
        )}
      </div>
      <FormError error={error} fields={['formIntro', 'logo']} />
      <div className="actions">
        <button className="primary" type="submit">
          Inleiding bewaren
        </button>
        {status && (
          <span className="ok" role="status">
            {status}
          </span>
        )}
      </div>
    </form>
  )
}

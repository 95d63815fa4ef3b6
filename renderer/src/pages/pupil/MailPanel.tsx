// A parent's e-mail on the pupil page: drop or choose an .eml or Outlook .msg; the core reads it
// by token where the file lies (nothing is stored yet) and this shows who sent it, when, and its
// text: as plain text in a pre-wrapped block, never as HTML, so no script runs and no remote image
// is loaded. The mail's bytes never pass through this page.
import { useEffect, useState, type DragEvent } from 'react'
import { formatDate, type PupilDetail } from '../../../../shared/domain.ts'
import type { ErrorInfo, Result } from '../../../../shared/errors.ts'
import type { MailPreview } from '../../../../shared/mail.contract.ts'
import { invoke } from '../../api.ts'
import { ChooseFile, droppedFile, FormError } from '../../components/fields.tsx'
import { takeMailFor, type MailFile } from '../../pending-mail.ts'
import { FormActions } from '../../components/FormActions.tsx'

export interface LoadedMail {
  preview: MailPreview
  /** The chosen file: its token, name and size. */
  file: MailFile
}

export function MailPanel({ pupil, mail, onMail }: { pupil: PupilDetail; mail: LoadedMail | undefined; onMail: (m: LoadedMail | undefined) => void }) {
  const [error, setError] = useState<ErrorInfo>()
  const [busy, setBusy] = useState(false)
  const [kept, setKept] = useState<string>()

  const read = async (chosen: Result<MailFile> | undefined) => {
    if (!chosen) return
    if (!chosen.ok) {
      onMail(undefined)
      return setError(chosen.error)
    }
    await readFile(chosen.value)
  }
  const readFile = async (file: MailFile) => {
    setKept(undefined)
    setBusy(true)
    try {
      const r = await invoke('mail.read', { pupilId: pupil.id, mail: { token: file.token } })
      if (!r.ok) {
        onMail(undefined)
        return setError(r.error)
      }
      setError(undefined)
      onMail({ preview: r.value, file })
    } finally {
      setBusy(false)
    }
  }
  // A mail dropped on the Leerlingen list and suggested for this pupil: read it for this pupil.
  useEffect(() => {
    const waiting = takeMailFor(pupil.id)
    if (waiting) void readFile(waiting)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pupil.id])
  const drop = (e: DragEvent) => {
    e.preventDefault()
    setBusy(true)
    void droppedFile(e.dataTransfer).then((chosen) => {
      setBusy(false)
      return read(chosen)
    })
  }
  const keepInDossier = async () => {
    if (!mail) return
    const r = await invoke('mail.addToDossier', { pupilId: pupil.id, mail: { token: mail.file.token } })
    if (!r.ok) return setError(r.error)
    setKept(`De e-mail staat in het dossier als '${r.value.title}'. Er is geen toestemming vastgelegd.`)
    onMail(undefined)
  }
  const p = mail?.preview
  const match = p?.guardianMatches[0]
  return (
    <section className="card mail-panel" onDragOver={(e) => e.preventDefault()} onDrop={drop} aria-label="E-mail van een ouder">
      <h2>E-mail als bewijs</h2>
      {!p && <p className="hint">Sleep een e-mail hierheen (.eml of Outlook .msg) of kies het bestand.</p>}
      <ChooseFile purpose="mail" label="E-mail kiezen…" accept=".eml,.msg,message/rfc822,application/vnd.ms-outlook" disabled={busy} onChosen={(r) => void read(r)} />
      {busy && <p className="hint">De e-mail wordt gelezen…</p>}
      <FormError error={error} fields={[]} />
      {kept && (
        <p className="ok" role="status">
          {kept}
        </p>
      )}
      {p && (
        <div className="mail-preview">
          <dl>
            <dt>Van</dt>
            <dd>
              {p.fromName ? `${p.fromName} <${p.fromAddress}>` : p.fromAddress}
              <div className={match ? 'ok' : 'warn'}>{match ? `Dit is ${match.name}.` : 'Dit adres hoort niet bij een ouder/verzorger van deze leerling.'}</div>
            </dd>
            <dt>Verzonden</dt>
            <dd>{formatDate(p.sentDate)}</dd>
            <dt>Onderwerp</dt>
            <dd>{p.subject || '(geen onderwerp)'}</dd>
            {p.attachments.length > 0 && <dt>Bijlagen</dt>}
            {p.attachments.length > 0 && (
              <dd>
                <ul>
                  {p.attachments.map((a, i) => (
                    <li key={i}>
                      {a.fileName}
                      {a.problem ? <div className="warn">Niet overgenomen: {a.problem}</div> : <span className="muted"> (wordt bewaard als scan)</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            )}
          </dl>
          <pre className="mail-text">{p.text || '(deze e-mail heeft geen tekst)'}</pre>
          {p.textCut && <p className="hint">De tekst is ingekort; de hele e-mail wordt bewaard.</p>}
          <FormActions>
            <button type="button" onClick={() => void keepInDossier()}>
              Alleen in het dossier bewaren
            </button>
            <button type="button" onClick={() => onMail(undefined)}>
              Andere e-mail
            </button>
          </FormActions>
        </div>
      )}
    </section>
  )
}

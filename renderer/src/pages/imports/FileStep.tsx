import { useEffect, useState, type DragEvent } from 'react'
import type { ImportFileInfo, ImportProgress } from '../../../../shared/imports.contract.ts'
import { choosesInMain } from '../../api.ts'
import { pickedFromDrop, pickedFromInput, sizeText } from './read-files.ts'
import { addFiles, chooseInMain, removeFile, restart, setSheetLayout, stop as stopJob, type WizardState } from './wizard-store.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { ListTable } from '../../components/ListTable.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'

const LAYOUT_CHOICES = [
  ['table', 'Tabel: één leerling per rij'],
  ['form', 'Ingevuld formulier: één leerling'],
] as const

/** What the analysis found, and per sheet a choice to read it as a table or as a form instead. */
function FileStatus({ info, busy, fileId }: { info: ImportFileInfo | undefined; busy: boolean; fileId: string }) {
  if (!info) return <span className="muted">{busy ? 'Wordt bekeken…' : ''}</span>
  if (!info.ok && !info.sheets.some((s) => s.chosen)) return <span className="file-error">{info.error}</span>
  const skipped = info.sheets.filter((s) => s.layout === null && s.note && !s.chosen)
  const choosable = info.sheets.filter((s) => s.layout !== null || s.chosen)
  return (
    <>
      {info.ok ? <span className="file-ok">In orde:</span> : <span className="file-error">{info.error}</span>} {info.ok && info.found}
      {skipped.length > 0 && <span className="muted"> (overgeslagen: {skipped.map((s) => `blad '${s.sheet}', ${s.note}`).join('; ')})</span>}
      {choosable.map((s) => (
        <label key={s.sheet} className="layout-choice">
          {choosable.length > 1 ? `Blad '${s.sheet}' lezen als` : 'Lezen als'}{' '}
          <select
            aria-label={`${info.file}, blad ${s.sheet}: lezen als`}
            value={s.layout ?? ''}
            disabled={busy}
            onChange={(e) => void setSheetLayout(fileId, s.sheet, e.currentTarget.value === 'form' ? 'form' : 'table')}
          >
            {s.layout === null && <option value="">(niets gevonden)</option>}
            {LAYOUT_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      ))}
    </>
  )
}

/** Step 1: choose files (several, or a folder), by the file dialog or by dropping them; each gets 'in orde' or its one Dutch message. */
export function FileStep({ state, onNext }: { state: WizardState; onNext: () => void }) {
  const [over, setOver] = useState(false)
  const { files, analysis, busy } = state
  // The analysis belongs to these files only when it was made for the same list.
  const current = analysis && analysis.files.length === files.length && analysis.files.every((f, i) => f.file === files[i]?.name) ? analysis : undefined
  const okCount = current?.files.filter((f) => f.ok).length ?? 0

  // A file dropped just beside the zone must not make the window open it.
  useEffect(() => {
    const stop = (e: Event) => e.preventDefault()
    window.addEventListener('dragover', stop)
    window.addEventListener('drop', stop)
    return () => {
      window.removeEventListener('dragover', stop)
      window.removeEventListener('drop', stop)
    }
  }, [])

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    void pickedFromDrop(e.dataTransfer).then(addFiles)
  }
  const onInput = (input: HTMLInputElement) => {
    const picked = pickedFromInput(input.files)
    input.value = ''
    void addFiles(picked)
  }

  return (
    <>
      <div
        className={`drop-zone${over ? ' over' : ''}${files.length > 0 ? ' compact' : ''}`}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="drop-title">{files.length > 0 ? 'Meer bestanden? Sleep ze hierheen' : 'Sleep de inschrijfformulieren hierheen'}</p>
        <p className="muted drop-help">
          Excel-bestanden (.xlsx), LibreOffice-rekenbladen (.ods) of CSV: één export met alle leerlingen, of een los formulier per leerling. Meerdere bestanden of een hele map tegelijk kan ook.
        </p>
        <FormActions>
          {choosesInMain ? (
            <button type="button" className="primary" disabled={busy !== undefined} onClick={() => void chooseInMain()}>
              Bestanden kiezen…
            </button>
          ) : (
            <label className="button-like primary">
              Bestanden kiezen…
              <input type="file" multiple accept=".xlsx,.xlsm,.xls,.ods,.csv" hidden aria-label="Bestanden kiezen" onChange={(e) => onInput(e.currentTarget)} />
            </label>
          )}
          <label className="button-like">
            Map kiezen…
            <input type="file" hidden aria-label="Map kiezen" ref={(el) => el?.setAttribute('webkitdirectory', '')} onChange={(e) => onInput(e.currentTarget)} />
          </label>
          {busy === 'read' && <span className="muted">Bestanden worden gelezen…</span>}
        </FormActions>
      </div>

      {state.notice && (
        <p className="form-banner" role="status">
          {state.notice}
        </p>
      )}
      {state.error?.step === 'files' && <ErrorText banner>{state.error.message}</ErrorText>}

      {files.length > 0 && (
        <section className="card">
          <div className="layout-head">
            <h2>
              Gekozen bestanden <span className="count">{files.length}</span>
            </h2>
            <button type="button" className="link" onClick={restart}>
              Alles weghalen
            </button>
          </div>
          <ListTable
            className="compact files"
            busy={busy === 'analyze'}
            rows={files.map((file, i) => ({ ...file, info: current?.files[i] }))}
            rowKey={(f) => f.id}
            columns={[
              { header: 'Bestand', headerClassName: 'col-file', className: 'file-name', render: (f) => f.name },
              { header: 'Grootte', headerClassName: 'num col-size', className: 'num nowrap', render: (f) => sizeText(f.size) },
              { header: 'Wat erin staat', render: (f) => <FileStatus info={f.info} busy={busy !== undefined} fileId={f.id} /> },
              {
                headerClassName: 'col-remove',
                className: 'col-remove',
                render: (f) => (
                  <button type="button" className="link" aria-label={`${f.name} weghalen`} onClick={() => void removeFile(f.id)}>
                    Weghalen
                  </button>
                ),
              },
            ]}
          />
        </section>
      )}

      <div className="step-actions">
        <button className="primary" disabled={!current || current.layouts.length === 0 || busy !== undefined} onClick={onNext}>
          Volgende: kolommen controleren
        </button>
        {busy === 'analyze' && <ImportProgressBar progress={state.progress} text="De bestanden worden bekeken…" state={state} />}
        {current && (
          <span className="muted">
            {okCount === files.length
              ? `${okCount === 1 ? 'Het bestand kan' : `Alle ${okCount} bestanden kunnen`} worden ingelezen.`
              : `${okCount} van ${files.length} bestanden kunnen worden ingelezen; de andere worden overgeslagen.`}
          </span>
        )}
      </div>
    </>
  )
}

const PHASES: Record<ImportProgress['phase'], string> = {
  read: 'Bestanden lezen',
  check: 'Rijen controleren',
  backup: 'Reservekopie maken',
  write: 'Opslaan in het register',
}

/** While nothing is saved yet (reading, checking), the running call can be stopped; the core says when it has. */
function StopButton({ state }: { state: Pick<WizardState, 'running' | 'stopping' | 'progress'> }) {
  const committing = state.progress?.phase === 'backup' || state.progress?.phase === 'write'
  if (!state.running || committing) return null
  return (
    <button type="button" className="stop" disabled={state.stopping} onClick={() => void stopJob()}>
      {state.stopping ? 'Wordt gestopt…' : 'Stoppen'}
    </button>
  )
}

/** How far an import call is, once the core has said so; until then a moving bar with `text`. With `state`: a 'Stoppen' button. */
export function ImportProgressBar({ progress, text, state }: { progress: ImportProgress | undefined; text: string; state?: Pick<WizardState, 'running' | 'stopping' | 'progress'> }) {
  const stopButton = state ? <StopButton state={state} /> : null
  if (!progress || progress.total === 0)
    return (
      <>
        <Indeterminate text={text} />
        {stopButton}
      </>
    )
  const pct = Math.min(100, Math.round((progress.done / progress.total) * 100))
  const unit = progress.phase === 'read' ? 'bestanden' : progress.phase === 'check' || progress.phase === 'write' ? 'rijen' : ''
  return (
    <span className="progress" role="status">
      <span className="progress-bar" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${pct}%` }} />
      </span>
      <span className="progress-text">
        {PHASES[progress.phase]}
        {unit && `: ${progress.done} van ${progress.total} ${unit}`}
        {!unit && '…'}
      </span>
      {stopButton}
    </span>
  )
}

/** A bar for work whose length is not known. */
export function Indeterminate({ text }: { text: string }) {
  return (
    <span className="progress" role="status">
      <span className="progress-bar indeterminate">
        <span />
      </span>
      <span className="progress-text">{text}</span>
    </span>
  )
}

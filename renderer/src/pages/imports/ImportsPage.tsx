import { useEffect, useRef } from 'react'
import { DocumentActions } from '../../components/DocumentActions.tsx'
import { DoneStep } from './DoneStep.tsx'
import { FileStep, ImportProgressBar } from './FileStep.tsx'
import { ImportHistory } from './ImportHistory.tsx'
import { MappingStep } from './MappingStep.tsx'
import { PreviewStep } from './PreviewStep.tsx'
import { goTo, resetLayout, setTarget, showPreview, useWizard, type Step, type WizardState } from './wizard-store.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import './imports.css'

const STEPS: { id: Step; label: string }[] = [
  { id: 'files', label: 'Bestanden kiezen' },
  { id: 'mapping', label: 'Kolommen controleren' },
  { id: 'preview', label: 'Voorbeeld bekijken' },
  { id: 'done', label: 'Klaar' },
]

function reachable(step: Step, s: WizardState): boolean {
  if (s.step === 'done' || s.busy !== undefined) return false
  if (step === 'files') return true
  if (step === 'mapping') return s.analysis !== undefined && s.analysis.layouts.length > 0
  if (step === 'preview') return s.preview !== undefined
  return false
}

function Stepper({ state }: { state: WizardState }) {
  const at = STEPS.findIndex((s) => s.id === state.step)
  return (
    <ol className="stepper" aria-label="Stappen">
      {STEPS.map((s, i) => (
        <li key={s.id} className={i === at ? 'current' : i < at ? 'past' : undefined} aria-current={i === at ? 'step' : undefined}>
          {i !== at && reachable(s.id, state) ? (
            <button type="button" className="link" onClick={() => goTo(s.id)}>
              <span className="step-no">{i + 1}</span> {s.label}
            </button>
          ) : (
            <span>
              <span className="step-no">{i + 1}</span> {s.label}
            </span>
          )}
        </li>
      ))}
    </ol>
  )
}

/** The empty enrolment form with the school's purposes: opened in Excel or saved (downloaded in the harness). */
function TemplateButton() {
  return (
    <div className="template">
      <DocumentActions compact items={[{ label: 'Leeg inschrijfformulier (Excel)', method: 'imports.template', input: {} }]} />
      <small className="muted">Met de doelen van uw school; ingevuld weer te importeren.</small>
    </div>
  )
}

/** Importeren: the wizard (files, columns, preview, commit) and the imports done so far, with undo. */
export function ImportsPage() {
  const state = useWizard()
  const mappingError = state.error?.step === 'mapping' ? state.error : undefined
  // A new step starts at the top of the page (the button that led here was at the bottom of the last one).
  const shownStep = useRef(state.step)
  useEffect(() => {
    if (shownStep.current === state.step) return
    shownStep.current = state.step
    document.querySelector('.content')?.scrollTo({ top: 0 })
  })
  return (
    <div className="imports-page">
      <div className="page-head">
        <div>
          <h1>Importeren</h1>
          <p className="lead-small">Inschrijfformulieren en exports uit de leerlingenadministratie inlezen: leerlingen, ouders/verzorgers en toestemming.</p>
        </div>
        <TemplateButton />
      </div>
      <Stepper state={state} />

      {state.step === 'files' && <FileStep state={state} onNext={() => goTo('mapping')} />}

      {state.step !== 'files' && state.step !== 'mapping' && state.notice && (
        <p className="form-banner" role="status">
          {state.notice}
        </p>
      )}

      {state.step === 'mapping' && state.analysis && (
        <>
          <MappingStep analysis={state.analysis} mappings={state.mappings} error={mappingError} onChange={setTarget} onReset={resetLayout} />
          <div className="step-actions">
            <button type="button" disabled={state.busy !== undefined} onClick={() => goTo('files')}>
              Terug naar de bestanden
            </button>
            <button type="button" className="primary" disabled={state.busy !== undefined || state.analysis.layouts.length === 0} onClick={() => void showPreview()}>
              Volgende: voorbeeld bekijken
            </button>
            {state.busy === 'preview' && <ImportProgressBar progress={state.progress} text="Alle rijen worden gecontroleerd en vergeleken met het register…" state={state} />}
          </div>
          {state.notice && (
            <p className="form-banner" role="status">
              {state.notice}
            </p>
          )}
          {mappingError && !/^mappings\.\d+\.columns\.\d+/.test(mappingError.field ?? '') && <ErrorText banner>{mappingError.message}</ErrorText>}
        </>
      )}

      {state.step === 'preview' && state.preview && <PreviewStep key={state.preview.files.map((f) => f.sha256).join()} state={state} preview={state.preview} />}

      {state.step === 'done' && state.result && <DoneStep state={state} result={state.result} />}

      <ImportHistory tick={state.historyTick} />
    </div>
  )
}

import type { ImportCommitResult } from '../../../../shared/imports.contract.ts'
import { formatMoment } from '../../../../shared/dates.ts'
import { rejectedRowsItem, restart, type WizardState } from './wizard-store.ts'
import { href } from '../../router.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'
import { DocumentActions } from '../../components/DocumentActions.tsx'

/** Step 4: what was written, the batch it made, and the rows that were left out as a workbook. */
export function DoneStep({ state, result }: { state: WizardState; result: ImportCommitResult }) {
  const batch = result.batch
  const rejected = batch?.counts.rowErrors ?? result.preview.summary.rowErrors
  const undone = batch !== null && state.undone.includes(batch.id)
  return (
    <section className="card done-card">
      <h2>{batch ? `Import ${batch.id} ${undone ? 'opgeslagen en weer ongedaan gemaakt' : 'opgeslagen'}` : 'Niets geïmporteerd'}</h2>
      <p className={batch && !undone ? 'ok' : undefined} role="status">
        {result.message}
      </p>
      {undone && <p className="form-banner">Deze import is daarna ongedaan gemaakt (zie Eerdere imports hieronder). Wat hieronder staat, geldt niet meer.</p>}
      {batch && (
        <dl className="done-counts">
          <dt>Opgeslagen op</dt>
          <dd>
            {formatMoment(batch.createdAt)} door {batch.createdBy}
          </dd>
          <dt>Bestanden</dt>
          <dd>{batch.files.map((f) => `${f.name} (${f.rows} ${f.rows === 1 ? 'rij' : 'rijen'})`).join(', ')}</dd>
          <dt>Leerlingen</dt>
          <dd>
            {batch.counts.pupilsCreated} nieuw, {batch.counts.pupilsUpdated} gewijzigd, {batch.counts.unchanged} ongewijzigd
            {batch.counts.skipped > 0 ? `, ${batch.counts.skipped} overgeslagen` : ''}
          </dd>
          <dt>Toestemming</dt>
          <dd>{batch.counts.consentRecords} antwoorden vastgelegd, met bestand en rij als bron</dd>
          <dt>Ouders/verzorgers</dt>
          <dd>
            {batch.counts.guardiansCreated} nieuw, {batch.counts.guardiansUpdated} gewijzigd
          </dd>
          {batch.counts.groupsCreated > 0 && (
            <>
              <dt>Groepen</dt>
              <dd>{batch.counts.groupsCreated} nieuw aangemaakt</dd>
            </>
          )}
          <dt>Rijen met fouten</dt>
          <dd>{rejected === 0 ? 'geen' : `${rejected}, niet geïmporteerd`}</dd>
          {result.backupPath && (
            <>
              <dt>Reservekopie</dt>
              <dd className="path">{result.backupPath}</dd>
            </>
          )}
        </dl>
      )}
      {rejected > 0 && <DocumentActions items={[rejectedRowsItem(state)]} />}
      <FormActions>
        <button type="button" onClick={restart}>
          Nog een import
        </button>
        <a href={href({ name: 'noConsent' })}>Naar de lijsten zonder toestemming</a>
      </FormActions>
      {rejected > 0 && <p className="muted">In het Excel-bestand met afgekeurde rijen staat per rij wat er mis is. Verbeter ze en importeer het bestand opnieuw.</p>}
      {state.error?.step === 'done' && <ErrorText alert>{state.error.message}</ErrorText>}
    </section>
  )
}

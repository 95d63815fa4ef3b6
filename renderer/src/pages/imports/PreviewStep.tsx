import { useMemo, useState } from 'react'
import { displayName } from '../../../../shared/domain.ts'
import type { ImportPreview, PreviewPupil } from '../../../../shared/imports.contract.ts'
import { fold } from '../../../../shared/text.ts'
import { DuplicateList } from './DuplicateList.tsx'
import { ImportProgressBar, Indeterminate } from './FileStep.tsx'
import { baseName, ChangedList, ErrorList, NewList, UnchangedList } from './PreviewLists.tsx'
import { commit, decide, goTo, rejectedRowsItem, type WizardState } from './wizard-store.ts'
import { href } from '../../router.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { DocumentActions } from '../../components/DocumentActions.tsx'

type Tab = 'new' | 'changed' | 'unchanged' | 'errors' | 'duplicates'

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

function pupilText(p: PreviewPupil): string {
  return fold([displayName(p), p.lastName, p.group ? `groep ${p.group}` : '', p.studentNumber ?? '', baseName(p.file)].join(' '))
}

function firstTab(p: ImportPreview): Tab {
  const s = p.summary
  if (s.duplicates > 0) return 'duplicates'
  if (s.changed > 0) return 'changed'
  if (s.new > 0) return 'new'
  if (s.rowErrors > 0) return 'errors'
  return 'unchanged'
}

/** Step 3: what the import will do, per category, and the button that does it. */
export function PreviewStep({ state, preview }: { state: WizardState; preview: ImportPreview }) {
  const [tab, setTab] = useState<Tab>(() => firstTab(preview))
  const [filter, setFilter] = useState('')
  const s = preview.summary
  const busy = state.busy !== undefined

  const lists = useMemo(() => {
    const importing = preview.pupils.filter((p) => p.action === 'import')
    const changed = importing.filter((p) => p.status === 'changed')
    return {
      new: importing.filter((p) => p.status === 'new'),
      changed,
      changedConsents: changed.reduce((n, p) => n + p.consentChanges.length, 0),
      unchanged: importing.filter((p) => p.status === 'unchanged'),
      byKey: new Map(preview.pupils.map((p) => [p.key, p])),
      labels: new Map(state.analysis?.purposes.map((p) => [p.code, p.label]) ?? []),
    }
  }, [preview, state.analysis])

  const needle = fold(filter.trim())
  const pick = (pupils: PreviewPupil[]) => (needle === '' ? pupils : pupils.filter((p) => pupilText(p).includes(needle)))
  const errors = needle === '' ? preview.rowErrors : preview.rowErrors.filter((e) => fold(`${baseName(e.file)} ${e.sheet} ${e.column ?? ''} ${e.value} ${e.message}`).includes(needle))
  const duplicates =
    needle === ''
      ? preview.duplicates
      : preview.duplicates.filter(
          (d) =>
            fold(d.message).includes(needle) ||
            d.rows.some((r) => {
              const p = lists.byKey.get(r)
              return p ? pupilText(p).includes(needle) : false
            }),
        )
  const resetKey = `${tab}\n${needle}\n${preview.generatedAt}`

  const tabs: { id: Tab; label: string; count: number; tone: string; note?: string }[] = [
    { id: 'new', label: s.new === 1 ? 'nieuwe leerling' : 'nieuwe leerlingen', count: s.new, tone: 'new' },
    { id: 'changed', label: 'gewijzigd', count: s.changed, tone: 'changed', note: lists.changedConsents > 0 ? `${plural(lists.changedConsents, 'toestemming', 'toestemmingen')} anders` : undefined },
    { id: 'unchanged', label: 'ongewijzigd', count: s.unchanged, tone: 'same', note: s.unchanged > 0 ? `${s.unchanged === 1 ? 'staat' : 'staan'} al zo in het register` : undefined },
    { id: 'errors', label: s.rowErrors === 1 ? 'rij met fouten' : 'rijen met fouten', count: s.rowErrors, tone: 'errors', note: s.rowErrors > 0 ? 'worden niet geïmporteerd' : undefined },
    { id: 'duplicates', label: 'mogelijk dubbel', count: s.duplicates, tone: 'dups', note: s.skipped > 0 ? `${s.skipped} ${s.skipped === 1 ? 'rij' : 'rijen'} overgeslagen` : undefined },
  ]
  // A row merged into a pupil that this import creates (a possible duplicate) is no pupil of its own.
  const current = { new: lists.new.length, changed: lists.changed.length, unchanged: lists.unchanged.length, errors: preview.rowErrors.length, duplicates: preview.duplicates.length }[tab]
  const willWrite = s.new + lists.changed.filter((p) => p.pupilId !== null).length
  const failedFiles = preview.files.filter((f) => !f.ok)

  return (
    <>
      {failedFiles.length > 0 && (
        <div className="form-banner error">
          <strong>{plural(failedFiles.length, 'bestand wordt', 'bestanden worden')} niet ingelezen:</strong>
          <ul>
            {failedFiles.map((f) => (
              <li key={f.index}>
                {baseName(f.file)}: {f.error}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="tiles" role="tablist" aria-label="Wat de import doet">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={`tile ${t.tone}${t.count === 0 ? ' zero' : ''}`} onClick={() => setTab(t.id)}>
            <span className="tile-count">{t.count}</span>
            <span className="tile-label">{t.label}</span>
            {t.note && <span className="tile-note">{t.note}</span>}
          </button>
        ))}
      </div>

      <section className="card preview-panel" role="tabpanel" aria-busy={state.busy === 'preview'}>
        <div className="panel-head">
          {(current > 0 || filter !== '') && <input type="search" aria-label="Zoeken in de lijst" placeholder="Zoek op naam, groep of bestand" value={filter} onChange={(e) => setFilter(e.target.value)} />}
          {tab === 'errors' && s.rowErrors > 0 && <DocumentActions compact items={[rejectedRowsItem(state)]} />}
          {state.busy === 'preview' && <Indeterminate text="Bijwerken…" />}
        </div>
        {tab === 'new' && (lists.new.length === 0 ? <p className="muted">Geen nieuwe leerlingen.</p> : <NewList pupils={pick(lists.new)} labels={lists.labels} resetKey={resetKey} />)}
        {tab === 'changed' && (lists.changed.length === 0 ? <p className="muted">Geen leerlingen met wijzigingen.</p> : <ChangedList pupils={pick(lists.changed)} resetKey={resetKey} />)}
        {tab === 'unchanged' && (lists.unchanged.length === 0 ? <p className="muted">Geen leerlingen die al precies zo in het register staan.</p> : <UnchangedList pupils={pick(lists.unchanged)} resetKey={resetKey} />)}
        {tab === 'errors' &&
          (preview.rowErrors.length === 0 ? (
            <p className="muted">Geen rijen met fouten.</p>
          ) : (
            <>
              <p className="muted">Deze rijen worden niet geïmporteerd. Verbeter ze in het bestand en importeer dat opnieuw, of download ze als Excel-bestand met een kolom die zegt wat er mis is.</p>
              <ErrorList errors={errors} resetKey={resetKey} />
            </>
          ))}
        {tab === 'duplicates' &&
          (preview.duplicates.length === 0 ? (
            <p className="muted">Geen mogelijk dubbele leerlingen.</p>
          ) : (
            <>
              <p className="muted">Kies per rij wat er moet gebeuren. Zonder keuze wordt een mogelijk dubbele rij overgeslagen.</p>
              <DuplicateList duplicates={duplicates} byKey={lists.byKey} decisions={state.decisions} busy={busy} resetKey={resetKey} onDecide={(row, d) => void decide(row, d)} />
            </>
          ))}
      </section>

      <div className="step-actions commit-bar">
        <button type="button" disabled={busy} onClick={() => goTo('mapping')}>
          Terug naar de kolommen
        </button>
        <button className="primary" disabled={busy || willWrite === 0} onClick={() => void commit()}>
          {willWrite === 0 ? 'Er is niets te importeren' : `${plural(willWrite, 'leerling', 'leerlingen')} importeren`}
        </button>
        {state.busy === 'commit' ? (
          <ImportProgressBar progress={state.progress} text="Bezig met importeren: eerst een reservekopie, dan alles in één keer opslaan…" state={state} />
        ) : (
          <span className="muted commit-note">
            {[
              s.new > 0 ? plural(s.new, 'nieuwe leerling', 'nieuwe leerlingen') : '',
              s.changed > 0 ? plural(s.changed, 'gewijzigde leerling', 'gewijzigde leerlingen') : '',
              s.consentChanges > 0 ? plural(s.consentChanges, 'toestemmingsantwoord', 'toestemmingsantwoorden') : '',
            ]
              .filter(Boolean)
              .join(', ')}
            {s.rowErrors + s.skipped > 0 ? `; ${plural(s.rowErrors + s.skipped, 'rij wordt', 'rijen worden')} niet geïmporteerd` : ''}
            {willWrite > 0 ? '. Er wordt eerst een reservekopie gemaakt.' : ''}
          </span>
        )}
      </div>
      {state.error?.step === 'preview' && (
        <ErrorText banner>
          {state.error.message}
          {state.error.field === 'staffName' && (
            <>
              {' '}
              <a href={href({ name: 'settings' })}>Naar Instellingen</a>
            </>
          )}
        </ErrorText>
      )}
    </>
  )
}

import { useState } from 'react'
import type { ImportBatch, ImportUndoPreview, UndoPupil } from '../../../../shared/imports.contract.ts'
import { invoke } from '../../api.ts'
import { useLoad } from '../../useLoad.ts'
import { formatMoment } from '../../../../shared/dates.ts'
import { Indeterminate } from './FileStep.tsx'
import { Paged } from './Paged.tsx'
import { ConsentLine } from './PreviewLists.tsx'
import { historyChanged } from './wizard-store.ts'
import { href } from '../../router.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { ErrorText } from '../../components/ErrorText.tsx'
import { ListTable } from '../../components/ListTable.tsx'

const ACTION_TEXT: Record<UndoPupil['action'], string> = {
  hide: 'wordt weer verborgen',
  restore: 'krijgt de oude gegevens terug',
  keep: 'blijft staan',
}

function batchCounts(b: ImportBatch): string {
  const c = b.counts
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`
  return [`${c.pupilsCreated} nieuw`, `${c.pupilsUpdated} gewijzigd`, n(c.consentRecords, 'toestemming', 'toestemmingen'), c.rowErrors > 0 ? n(c.rowErrors, 'rij met fouten', 'rijen met fouten') : '']
    .filter(Boolean)
    .join(', ')
}

/** What an undo will change, to confirm or cancel. */
function UndoConfirm({ plan, busy, onConfirm, onCancel }: { plan: ImportUndoPreview; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className="undo-confirm" role="group" aria-label={`Import ${plan.batch.id} ongedaan maken`}>
      <p className={plan.canUndo ? undefined : 'error'}>{plan.message}</p>
      {plan.pupils.length > 0 && (
        <Paged items={plan.pupils} resetKey={String(plan.batch.id)}>
          {(shown) => (
            <ul className="change-list undo-pupils">
              {shown.map((p) => (
                <li key={p.pupilId} className="change-item">
                  <div className="who">
                    <a className="row-link" href={href({ name: 'pupil', id: p.pupilId })}>
                      {p.name}
                    </a>
                    <span className={`undo-action ${p.action}`}>{p.action === 'hide' && p.note ? p.note : ACTION_TEXT[p.action]}</span>
                    {p.note && p.action !== 'hide' && <span className="muted">{p.note}</span>}
                  </div>
                  {p.action !== 'hide' && p.fields.length + p.consents.length > 0 && (
                    <ul className="changes">
                      {p.fields.map((f) => (
                        <li key={f.field} className={f.kept ? 'kept' : undefined}>
                          <span className="what">{f.label}:</span> {f.old || '—'} → {f.new || 'leeg'}
                          {f.kept && <span className="muted"> (na de import gewijzigd: blijft staan)</span>}
                        </li>
                      ))}
                      {p.consents.map((c) =>
                        c.kept ? (
                          <li key={c.purpose} className="muted">
                            {c.label}: na de import opnieuw vastgelegd, blijft staan.
                          </li>
                        ) : (
                          <ConsentLine key={c.purpose} change={c} />
                        ),
                      )}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Paged>
      )}
      <FormActions>
        {plan.canUndo && (
          <button type="button" className="primary danger" disabled={busy} onClick={onConfirm}>
            Ja, import {plan.batch.id} ongedaan maken
          </button>
        )}
        <button type="button" disabled={busy} onClick={onCancel}>
          {plan.canUndo ? 'Annuleren' : 'Sluiten'}
        </button>
        {busy && <Indeterminate text="Bezig: eerst een reservekopie, dan alles terugzetten…" />}
      </FormActions>
    </div>
  )
}

/** The imports done so far, newest first, each with 'Ongedaan maken' (after a look at what that changes). */
export function ImportHistory({ tick }: { tick: number }) {
  const batches = useLoad('imports.batches', {}, String(tick))
  const [open, setOpen] = useState<ImportUndoPreview>()
  const [busy, setBusy] = useState<number>()
  const [message, setMessage] = useState<string>()
  const [error, setError] = useState<{ batchId: number; text: string }>()

  const ask = async (b: ImportBatch) => {
    setBusy(b.id)
    setError(undefined)
    setMessage(undefined)
    const r = await invoke('imports.undoPreview', { batchId: b.id })
    setBusy(undefined)
    if (!r.ok) return setError({ batchId: b.id, text: r.error.message })
    setOpen(r.value)
  }
  const undo = async (batchId: number) => {
    setBusy(batchId)
    const r = await invoke('imports.undo', { batchId })
    setBusy(undefined)
    if (!r.ok) return setError({ batchId, text: r.error.message })
    setOpen(undefined)
    setMessage(r.value.message)
    historyChanged(batchId)
  }

  return (
    <section className="import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title">Eerdere imports</h2>
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {batches.error && <ErrorText alert>{batches.error}</ErrorText>}
      <ListTable
        className="compact history-table"
        rows={batches.data}
        empty="Nog geen imports. Een import die u opslaat, verschijnt hier en kan als geheel ongedaan worden gemaakt."
        rowKey={(b) => b.id}
        rowClassName={(b) => (b.undoneAt ? 'undone' : undefined)}
        columns={[
          { header: 'Nr.', headerClassName: 'num', className: 'num', render: (b) => b.id },
          { header: 'Opgeslagen op', headerClassName: 'col-date', className: 'col-date', render: (b) => formatMoment(b.createdAt) },
          { header: 'Door', className: 'nowrap', render: (b) => b.createdBy },
          { header: 'Bestanden', className: 'files-cell', render: (b) => b.files.map((f) => f.name).join(', ') },
          { header: 'Resultaat', render: (b) => batchCounts(b) },
          {
            className: 'col-undo',
            render: (b) =>
              b.undoneAt ? (
                <span className="undone-note">
                  Ongedaan gemaakt op {formatMoment(b.undoneAt)}
                  <br />
                  door {b.undoneBy}
                </span>
              ) : (
                <button type="button" disabled={busy !== undefined || open?.batch.id === b.id} onClick={() => void ask(b)} aria-label={`Import ${b.id} ongedaan maken`}>
                  Ongedaan maken
                </button>
              ),
          },
        ]}
        belowClassName="undo-row"
        renderBelow={(b) =>
          (open?.batch.id === b.id || error?.batchId === b.id) && (
            <>
              {error?.batchId === b.id && <ErrorText alert>{error.text}</ErrorText>}
              {open?.batch.id === b.id && <UndoConfirm plan={open} busy={busy === b.id} onConfirm={() => void undo(b.id)} onCancel={() => setOpen(undefined)} />}
            </>
          )
        }
      />
    </section>
  )
}

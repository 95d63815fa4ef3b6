import { ListTable } from '../../components/ListTable.tsx'
import { formatDate } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import type { ImportAnalysis, ImportColumn, ImportLayout } from '../../../../shared/imports.contract.ts'
import type { ColumnTarget } from '../../../../shared/imports.labels.ts'
import { ConsentListEditor } from './ConsentListEditor.tsx'
import { choicesFor, targetOf, targetValue, type Purpose } from './targets.ts'

export type Mappings = Record<string, Record<string, ColumnTarget>>

export const targetIn = (mappings: Mappings, layout: ImportLayout, column: ImportColumn): ColumnTarget => (column.sensitive ? { kind: 'ignore' } : (mappings[layout.signature]?.[column.key] ?? column.target))

/** Where a validation error of imports.preview points: 'mappings.0.columns.12.target.purposes'. */
function errorAt(error: ErrorInfo | undefined): { layout: number; column: number } | null {
  const m = /^mappings\.(\d+)\.columns\.(\d+)/.exec(error?.field ?? '')
  return m ? { layout: Number(m[1]), column: Number(m[2]) } : null
}

/** Dates as the office writes them (dd-mm-jjjj); everything else as the file has it. */
const sampleText = (s: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? formatDate(s) : s)

function whereText(layout: ImportLayout): string {
  const files = new Set(layout.sheets.map((s) => s.fileIndex)).size
  const rows = layout.sheets.reduce((n, s) => n + s.rows, 0)
  if (layout.layout === 'form') {
    return files === 1 ? `Ingevuld inschrijfformulier: ${layout.sheets[0]?.file}` : `${files} ingevulde inschrijfformulieren met dezelfde vragen`
  }
  const first = layout.sheets[0]
  if (layout.sheets.length === 1 && first) return `Tabel op blad '${first.sheet}' van ${first.file}: ${rows} ${rows === 1 ? 'rij' : 'rijen'}, kopregel op rij ${first.headerRow}`
  return `Tabel met dezelfde kolommen op ${layout.sheets.length} bladen in ${files} ${files === 1 ? 'bestand' : 'bestanden'}: ${rows} rijen`
}

function LayoutCard(props: {
  layout: ImportLayout
  index: number
  mappings: Mappings
  purposes: readonly Purpose[]
  error: ErrorInfo | undefined
  onChange: (column: string, target: ColumnTarget) => void
  onReset: () => void
}) {
  const { layout, mappings, purposes } = props
  const form = layout.layout === 'form'
  const bad = errorAt(props.error)
  const edited = Object.keys(mappings[layout.signature] ?? {}).length > 0
  const ignored = layout.columns.filter((c) => targetIn(mappings, layout, c).kind === 'ignore')
  return (
    <section className="card layout-card" aria-label={`Indeling ${props.index + 1}`}>
      <div className="layout-head">
        <h2>{whereText(layout)}</h2>
        {layout.remembered && !edited && <span className="badge granted">Koppeling van de vorige keer</span>}
        {edited && (
          <button type="button" className="link" onClick={props.onReset}>
            Voorstel terugzetten
          </button>
        )}
      </div>
      {layout.sheets.length > 1 && (
        <details className="sheets">
          <summary>Welke bladen</summary>
          <ul>
            {layout.sheets.map((s) => (
              <li key={`${s.fileIndex}/${s.sheet}`}>
                {s.file}, blad '{s.sheet}': {s.rows} {s.rows === 1 ? 'rij' : 'rijen'}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ListTable
        className="compact mapping"
        rows={layout.columns.map((column, i) => ({ column, target: targetIn(mappings, layout, column), wrong: bad?.layout === props.index && bad.column === i }))}
        rowKey={(r) => r.column.key}
        rowClassName={(r) => (r.target.kind === 'ignore' ? 'unused' : undefined)}
        columns={[
          { header: form ? 'Vak' : 'Kolom', headerClassName: 'col-at', className: 'col-at', render: ({ column }) => column.at },
          {
            header: form ? 'Vraag op het formulier' : 'Kop in het bestand',
            headerClassName: 'col-header',
            render: ({ column }) => (
              <>
                {column.header}
                {column.hidden && <span className="tag">verborgen kolom</span>}
              </>
            ),
          },
          { header: 'Voorbeelden', className: 'samples', render: ({ column }) => (column.sensitive ? <span className="muted">niet getoond</span> : column.samples.map(sampleText).join(' · ')) },
          {
            header: 'Wordt',
            headerClassName: 'col-target',
            className: 'col-target',
            render: ({ column, target, wrong }) => (
              <>
                {column.sensitive ? (
                  <span className="sensitive">Niet gebruiken: gevoelige gegevens worden nooit opgeslagen</span>
                ) : (
                  <select
                    aria-label={`Wordt: ${column.header}`}
                    aria-invalid={wrong || undefined}
                    value={targetValue(target)}
                    onChange={(e) => props.onChange(column.key, targetOf(e.target.value, column, purposes, target))}
                  >
                    {choicesFor(target, purposes, column).map((g) =>
                      g.label === '' ? (
                        g.choices.map((c) => (
                          <option key={c.value} value={c.value}>
                            {c.label}
                          </option>
                        ))
                      ) : (
                        <optgroup key={g.label} label={g.label}>
                          {g.choices.map((c) => (
                            <option key={c.value} value={c.value}>
                              {c.label}
                            </option>
                          ))}
                        </optgroup>
                      ),
                    )}
                  </select>
                )}
                {wrong && (
                  <small className="error" role="alert">
                    {props.error?.message}
                  </small>
                )}
              </>
            ),
          },
        ]}
        belowClassName="sub"
        renderBelow={({ column, target }) => target.kind === 'consentList' && <ConsentListEditor column={column} target={target} purposes={purposes} onChange={(t) => props.onChange(column.key, t)} />}
      />
      <p className="ignored">
        <strong>Niet gebruikt en niet opgeslagen:</strong> {ignored.length === 0 ? 'geen; alle kolommen worden gebruikt.' : ignored.map((c) => c.header + (c.sensitive ? ' (gevoelig)' : '')).join(', ')}
      </p>
    </section>
  )
}

/** Step 2: per layout (a distinct set of headers) which column is which field or purpose. */
export function MappingStep(props: {
  analysis: ImportAnalysis
  mappings: Mappings
  error: ErrorInfo | undefined
  onChange: (signature: string, column: string, target: ColumnTarget) => void
  onReset: (signature: string) => void
}) {
  const { analysis } = props
  if (analysis.layouts.length === 0) {
    return <p className="empty">Geen van de bestanden kan worden ingelezen. Ga terug en kies andere bestanden.</p>
  }
  return (
    <>
      <p className="lead-small step-intro">
        Controleer per kolom wat erin staat. Het programma heeft een voorstel gedaan; kies bij een kolom iets anders als het niet klopt. Bij een volgende import van een bestand met dezelfde kolommen wordt uw keuze
        onthouden.
      </p>
      {analysis.layouts.map((layout, i) => (
        <LayoutCard
          key={layout.signature}
          layout={layout}
          index={i}
          mappings={props.mappings}
          purposes={analysis.purposes}
          error={props.error}
          onChange={(column, target) => props.onChange(layout.signature, column, target)}
          onReset={() => props.onReset(layout.signature)}
        />
      ))}
    </>
  )
}

import type { ImportColumn } from '../../../../shared/imports.contract.ts'
import type { ColumnTarget } from '../../../../shared/imports.labels.ts'
import type { Purpose } from './targets.ts'

type ListTarget = Extract<ColumnTarget, { kind: 'consentList' }>

/**
 * A multi-select answer column ('Website;Nieuwsbrief'): which purposes the question asked
 * about, and which purposes each answer text grants. Asked but not chosen counts as refused.
 */
export function ConsentListEditor({ column, target, purposes, onChange }: { column: ImportColumn; target: ListTarget; purposes: readonly Purpose[]; onChange: (t: ListTarget) => void }) {
  const texts = [...new Set([...(column.options ?? []), ...Object.keys(target.options)])]
  const asked = new Set(target.purposes)
  const toggle = (list: readonly string[], code: string, on: boolean): string[] => purposes.map((p) => p.code).filter((c) => (c === code ? on : list.includes(c)))
  return (
    <div className="consent-list">
      <p className="muted">Vink per antwoord aan voor welke doelen het toestemming geeft. Een gevraagd doel dat de ouder niet koos, telt als geweigerd; een lege cel als geen antwoord.</p>
      <div className="table-wide">
        <table className="list compact list-matrix">
          <thead>
            <tr>
              <th>Antwoord in het bestand</th>
              {purposes.map((p) => (
                <th key={p.code} className="purpose">
                  {p.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="asked">
              <th scope="row">Gevraagd op het formulier</th>
              {purposes.map((p) => (
                <td key={p.code}>
                  <input type="checkbox" aria-label={`Gevraagd: ${p.label}`} checked={asked.has(p.code)} onChange={(e) => onChange({ ...target, purposes: toggle(target.purposes, p.code, e.target.checked) })} />
                </td>
              ))}
            </tr>
            {texts.map((text) => {
              const grants = target.options[text] ?? []
              return (
                <tr key={text}>
                  <th scope="row">{text}</th>
                  {purposes.map((p) => (
                    <td key={p.code}>
                      <input
                        type="checkbox"
                        aria-label={`${text}: ${p.label}`}
                        checked={grants.includes(p.code)}
                        disabled={!asked.has(p.code)}
                        onChange={(e) => onChange({ ...target, options: { ...target.options, [text]: toggle(grants, p.code, e.target.checked) } })}
                      />
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

import { useState } from 'react'
import { formatDate } from '../../../../shared/domain.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import type { RolloverPreview, RolloverResult } from '../../../../shared/schoolyear.ts'
import { invoke } from '../../api.ts'
import { DateInput, Field } from '../../components/fields.tsx'

type Row = { groupId: number; name: string; pupilCount: number; leaves: boolean; target: string; teacherName: string }

const rowsOf = (p: RolloverPreview): Row[] =>
  p.groups.map((g) => ({ groupId: g.groupId, name: g.name, pupilCount: g.pupilCount, leaves: g.target === null, target: g.target ?? '', teacherName: '' }))

/** Preview every group's move to next year, edit it, then apply it in one go (after a backup). */
export function RolloverSection({ preview, onDone }: { preview: RolloverPreview; onDone: (r: RolloverResult) => void }) {
  const [rows, setRows] = useState(() => rowsOf(preview))
  const [leavingDate, setLeavingDate] = useState(preview.leavingDate)
  const [error, setError] = useState<ErrorInfo>()
  const [busy, setBusy] = useState(false)
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const moving = rows.filter((r) => !r.leaves).reduce((n, r) => n + r.pupilCount, 0)
  const leaving = rows.filter((r) => r.leaves).reduce((n, r) => n + r.pupilCount, 0)

  const apply = async () => {
    const question = `Overgaan naar schooljaar ${preview.toYear}?\n\n${moving} leerlingen gaan naar hun nieuwe groep; ${leaving} leerlingen verlaten de school op ${formatDate(leavingDate)}.\nEr wordt eerst een reservekopie gemaakt.`
    if (!confirm(question)) return
    setBusy(true)
    const r = await invoke('schoolyear.rollover', {
      toYear: preview.toYear,
      leavingDate,
      groups: rows.map((g) => ({ groupId: g.groupId, target: g.leaves ? null : g.target, teacherName: g.teacherName, teacherEmail: '' })),
    })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    onDone(r.value)
  }

  if (preview.alreadyDone) return <p className="card muted">De overgang naar {preview.toYear} is al gedaan.</p>
  if (preview.groups.length === 0) return <p className="empty">Er zijn nog geen groepen in {preview.fromYear}.</p>
  return (
    <section className="card">
      <h2>
        Van {preview.fromYear} naar {preview.toYear}
      </h2>
      <p className="muted">Controleer per groep waar de leerlingen volgend jaar zitten. Toestemmingen blijven gewoon gelden; de groepen van dit jaar blijven zichtbaar in de geschiedenis.</p>
      <table className="list compact rollover">
        <thead>
          <tr>
            <th>Groep nu</th>
            <th className="num">Leerlingen</th>
            <th>Verlaat de school</th>
            <th>Groep volgend jaar</th>
            <th>Leerkracht volgend jaar</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.groupId}>
              <td>Groep {r.name}</td>
              <td className="num">{r.pupilCount}</td>
              <td>
                <input type="checkbox" aria-label={`Groep ${r.name} verlaat de school`} checked={r.leaves} onChange={(e) => set(i, { leaves: e.target.checked })} />
              </td>
              <td>{r.leaves ? <span className="muted">schoolverlaters</span> : <input aria-label={`Groep ${r.name} gaat naar`} value={r.target} onChange={(e) => set(i, { target: e.target.value })} />}</td>
              <td>{!r.leaves && <input aria-label={`Leerkracht van ${r.target || 'nieuwe groep'}`} value={r.teacherName} placeholder="later invullen kan ook" onChange={(e) => set(i, { teacherName: e.target.value })} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row three">
        <Field label="Vertrekdatum schoolverlaters" name="leavingDate" error={error}>
          <DateInput name="leavingDate" value={leavingDate} onChange={setLeavingDate} />
        </Field>
      </div>
      {error && error.field !== 'leavingDate' && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <div className="actions">
        <button className="primary" disabled={busy} onClick={() => void apply()}>
          Overgaan naar {preview.toYear}
        </button>
        <span className="muted">
          {moving} leerlingen gaan over, {leaving} verlaten de school.
        </span>
      </div>
    </section>
  )
}

import { useState } from 'react'
import type { BackupView, BackupsOverview } from '../../../../shared/backups.contract.ts'
import { BACKUP_REASON_LABELS } from '../../../../shared/backups.labels.ts'
import { invoke, registerFiles } from '../../api.ts'
import { announceRegisterChanged } from '../../register-changes.ts'
import { useConfirm } from '../../components/ConfirmDialog.tsx'
import { downloadBase64 } from '../../components/fields.tsx'
import { useLoad } from '../../useLoad.ts'
import { formatMoment } from '../../../../shared/dates.ts'
import { ErrorText } from '../../components/ErrorText.tsx'
import { ListTable } from '../../components/ListTable.tsx'
import { useSave } from '../../components/useSave.ts'
import type { ErrorInfo } from '../../../../shared/errors.ts'

const size = (bytes: number): string => (bytes > 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`)

/** The backups beside the database: make one, put one back, export the whole database or restore from a file. */
export function BackupsPage() {
  const [tick, setTick] = useState(0)
  const list = useLoad('backups.list', {}, String(tick))
  const [message, setMessage] = useState<string>()
  const saving = useSave()
  const { busy, error, setError } = saving
  const { dialog, ask } = useConfirm()

  const run = (work: () => Promise<{ ok: true; value: BackupsOverview | unknown } | { ok: false; error: ErrorInfo }>, done: string) =>
    saving.run(async () => {
      setMessage(undefined)
      setError(undefined)
      const r = await work()
      if (!r.ok) return setError(r.error)
      setMessage(done)
      setTick((t) => t + 1)
      announceRegisterChanged()
    })
  const restore = async (b: BackupView) => {
    const { name, createdAt } = b
    const yes = await ask({
      title: `Terugzetten naar ${formatMoment(createdAt)}?`,
      lines: [
        `Het register krijgt de stand van de reservekopie van ${formatMoment(createdAt)} (${BACKUP_REASON_LABELS[b.reason].toLowerCase()}, ${size(b.size)}).`,
        `Alles wat na ${formatMoment(createdAt)} is vastgelegd, staat dan niet meer in het register: leerlingen, toestemmingen, dossierstukken en imports van na dat moment.`,
        'De huidige stand wordt eerst zelf als reservekopie bewaard, zodat u dit ongedaan kunt maken.',
      ],
      confirmLabel: 'Terugzetten',
      danger: true,
    })
    if (!yes) return
    void run(() => invoke('backups.restore', { name }), `De stand van ${formatMoment(createdAt)} is teruggezet. Alle schermen tonen nu die stand.`)
  }
  const restoreFile = async (file: File | undefined) => {
    if (!file) return
    const yes = await ask({
      title: `Het register vervangen door ${file.name}?`,
      lines: [
        `Alles in het register wordt vervangen door de inhoud van ${file.name} (${size(file.size)}); wat alleen in het huidige register staat, is daarna weg.`,
        'Alleen een bestand van dit programma wordt aangenomen. De huidige stand wordt eerst als reservekopie bewaard, zodat u dit ongedaan kunt maken.',
      ],
      confirmLabel: 'Vervangen',
      danger: true,
    })
    if (!yes) return
    // The core reads the file where it lies (by token): in the desktop app main gets its path, the harness uploads it once.
    void run(async () => {
      const chosen = await registerFiles([{ file, name: file.name }])
      if (!chosen.ok) return chosen
      const token = chosen.value[0]?.token
      return token ? invoke('backups.restoreFile', { token }) : { ok: false as const, error: { code: 'validation' as const, message: 'Er is geen bestand gekozen. Er is niets veranderd.' } }
    }, `${file.name} is teruggezet. Alle schermen tonen nu die stand.`)
  }
  // The desktop app: main's open dialog chooses the file and the core reads it where it lies, so a
  // database of hundreds of MB is not sent over as text.
  const restoreChosen = async () => {
    if (!confirm('De database vervangen door een bestand dat u nu kiest? De huidige stand wordt eerst als reservekopie bewaard.')) return
    await saving.run(async () => {
      setMessage(undefined)
      setError(undefined)
      const r = await invoke('backups.restoreChosen', {})
      if (!r.ok) return setError(r.error)
      setMessage(r.value.restoredFrom ? `${r.value.restoredFrom} is teruggezet. Herlaad het scherm om alles opnieuw te zien.` : 'Geen bestand gekozen. Er is niets veranderd.')
      setTick((t) => t + 1)
    })
  }
  const exportAll = () =>
    saving.run(async () => {
      const r = await invoke('backups.export', { delivery: window.api ? 'save' : 'data' })
      if (!r.ok) return setError(r.error)
      if (r.value.delivered === 'data') downloadBase64(r.value.fileName, r.value.mimeType, r.value.data)
      setMessage(r.value.delivered === 'saved' ? `Opgeslagen: ${r.value.path}` : r.value.delivered === 'cancelled' ? 'Niet opgeslagen.' : `Gedownload: ${r.value.fileName}`)
    })

  return (
    <>
      <h1>Reservekopieën</h1>
      <p className="lead-small">
        Het programma maakt elke dag bij de eerste start een reservekopie, en ook vóór elke import, het ongedaan maken van een import, de overgang naar een nieuw schooljaar, het verwijderen na de bewaartermijn en het
        terugzetten van een reservekopie.
        {list.data && (
          <>
            {' '}
            Ze staan in <span className="path">{list.data.folder}</span>.
          </>
        )}
      </p>
      <div className="toolbar">
        <button className="primary" disabled={busy} onClick={() => void run(() => invoke('backups.create', {}), 'Reservekopie gemaakt.')}>
          Nu een reservekopie maken
        </button>
        <button disabled={busy} onClick={() => void exportAll()}>
          Hele database opslaan als…
        </button>
        {window.api ? (
          <button disabled={busy} onClick={() => void restoreChosen()}>
            Terugzetten uit een bestand…
          </button>
        ) : (
          <label className="button-like">
            Terugzetten uit een bestand…
            <input type="file" accept=".sqlite,.db" hidden onChange={(e) => void restoreFile(e.target.files?.[0])} />
          </label>
        )}
      </div>
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {(error || list.error) && <ErrorText alert>{error?.message ?? list.error}</ErrorText>}
      <ListTable
        className="compact"
        rows={list.data?.backups}
        rowKey={(b) => b.name}
        empty="Nog geen reservekopieën."
        columns={[
          { header: 'Gemaakt op', className: 'nowrap', render: (b) => formatMoment(b.createdAt) },
          { header: 'Waarom', render: (b) => BACKUP_REASON_LABELS[b.reason] },
          { header: 'Grootte', className: 'num', headerClassName: 'num', render: (b) => size(b.size) },
          {
            header: undefined,
            render: (b) => (
              <button disabled={busy} onClick={() => void restore(b)}>
                Terugzetten
              </button>
            ),
          },
        ]}
      />
      {dialog}
    </>
  )
}

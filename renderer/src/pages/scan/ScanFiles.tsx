// Choosing the scans to read, as the import wizard chooses its files: the desktop app's open dialog
// (files.choose, purpose 'scan'), the browser's file input in the web harness (uploaded once), or a
// drop on the zone. Each becomes a token the core reads where the file lies; the list shows the
// chosen files with their sizes, and each can be taken off again before reading.
import { useState, type DragEvent } from 'react'
import type { ChosenFile } from '../../../../shared/files.contract.ts'
import { choosesInMain, invoke, registerFiles } from '../../api.ts'
import { sizeText } from '../../components/file-size.ts'

const SCAN_FILE = /\.(pdf|jpe?g|png|tiff?)$/i

export function ScanFiles({ files, onChange, onError }: { files: ChosenFile[]; onChange: (files: ChosenFile[]) => void; onError: (message: string | undefined) => void }) {
  const [over, setOver] = useState(false)
  const [busy, setBusy] = useState(false)

  const add = (more: ChosenFile[]) => {
    const known = new Set(files.map((f) => f.token))
    onChange([...files, ...more.filter((f) => !known.has(f.token))])
  }
  const register = async (picked: File[]) => {
    onError(undefined)
    const wanted = picked.filter((f) => SCAN_FILE.test(f.name))
    if (wanted.length < picked.length) onError('Een of meer bestanden zijn geen scan (PDF, JPG, PNG of TIFF) en zijn niet gekozen. Er is niets gelezen.')
    if (wanted.length === 0) return
    setBusy(true)
    const r = await registerFiles(wanted.map((file) => ({ file, name: file.name })))
    setBusy(false)
    if (!r.ok) return onError(r.error.message)
    add(r.value)
  }
  const chooseInMain = async () => {
    onError(undefined)
    const r = await invoke('files.choose', { purpose: 'scan' })
    if (!r.ok) return onError(r.error.message)
    add(r.value.files)
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    void register([...e.dataTransfer.files])
  }

  return (
    <div
      className={`scan-drop${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="actions">
        {choosesInMain ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void chooseInMain()}>
            Scans kiezen…
          </button>
        ) : (
          <label className="button-like primary">
            Scans kiezen…
            <input
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"
              hidden
              aria-label="Scans kiezen"
              onChange={(e) => {
                const picked = [...(e.currentTarget.files ?? [])]
                e.currentTarget.value = ''
                void register(picked)
              }}
            />
          </label>
        )}
        <span className="muted">{busy ? 'De bestanden worden klaargezet…' : 'of sleep de scans hierheen.'}</span>
      </div>
      {files.length === 0 ? (
        <p className="file-names">Nog geen bestand gekozen.</p>
      ) : (
        <table className="list compact scan-files" aria-label="Gekozen scans">
          <thead>
            <tr>
              <th scope="col">Bestand</th>
              <th scope="col" className="num">
                Grootte
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.token}>
                <td className="file-name">{f.name}</td>
                <td className="num nowrap">{sizeText(f.size)}</td>
                <td>
                  <button type="button" className="link" aria-label={`${f.name} weghalen`} onClick={() => onChange(files.filter((g) => g.token !== f.token))}>
                    Weghalen
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

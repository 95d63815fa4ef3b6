// The rows that could not be imported, as a workbook to fix and import again: the mapped columns
// under our own header names (so it maps by itself), the original values, and a reason column.
// Ignored columns (BSN, medical notes, ...) are left out. Pure: data in, bytes out.
import { excel } from '../libraries.ts'
import type { ColumnTarget, ImportLayout, ImportRowError } from '../../../shared/imports.contract.ts'
import { targetLabel } from '../../../shared/imports.contract.ts'
import type { PreparedFile } from './analyze.ts'
import type { Cell } from './types.ts'
import { keepTextAsText } from './workbook-text.ts'

const header = (t: ColumnTarget, label: (code: string) => string, original: string): string => (t.kind === 'consentList' ? original : targetLabel(t, label))

/** Rows with errors -> .xlsx bytes. */
export async function rejectedWorkbook(
  files: readonly PreparedFile[],
  layouts: readonly ImportLayout[],
  errors: readonly ImportRowError[],
  purposeLabel: (code: string) => string,
): Promise<{ data: Buffer; rows: number }> {
  const bySignature = new Map(layouts.map((l) => [l.signature, l]))
  const columns: string[] = []
  const rows: { values: Map<string, Cell>; file: string; sheet: string; row: number; reasons: string[] }[] = []
  const keyed = new Map<string, (typeof rows)[number]>()
  for (const e of errors) {
    const id = `${e.fileIndex}/${e.sheet}/${e.row}`
    let entry = keyed.get(id)
    if (!entry) {
      const f = files.find((x) => x.index === e.fileIndex)
      const sheet = f?.sheets.find((s) => s.name === e.sheet)
      const d = sheet?.detected
      const layout = d ? bySignature.get(d.signature) : undefined
      const record = d?.records.find((r) => r.row === e.row) ?? (d?.layout === 'form' ? d.records[0] : undefined)
      const values = new Map<string, Cell>()
      layout?.columns.forEach((c, i) => {
        if (c.target.kind === 'ignore' || c.sensitive) return
        const name = header(c.target, purposeLabel, c.header)
        if (!columns.includes(name)) columns.push(name)
        const v = record?.cells[i] ?? null
        if (v !== null && !values.has(name)) values.set(name, v)
      })
      entry = { values, file: e.file.replace(/^.*[\\/]/, ''), sheet: e.sheet, row: d?.layout === 'form' ? (record?.row ?? e.row) : e.row, reasons: [] }
      keyed.set(id, entry)
      rows.push(entry)
    }
    if (!entry.reasons.includes(e.message)) entry.reasons.push(e.message)
  }
  const wb = new (excel().Workbook)()
  const ws = wb.addWorksheet('Afgekeurde rijen')
  const all = [...columns, 'Reden', 'Bestand', 'Blad', 'Rij']
  ws.addRow(all).font = { bold: true }
  for (const r of rows) {
    ws.addRow([...columns.map((c) => r.values.get(c) ?? null), r.reasons.join(' '), r.file, r.sheet, r.row])
  }
  all.forEach((name, i) => {
    const col = ws.getColumn(i + 1)
    col.width = name === 'Reden' ? 70 : Math.max(14, Math.min(40, name.length + 2))
    if (name === 'Geboortedatum') col.numFmt = 'dd-mm-yyyy'
  })
  ws.getColumn(all.indexOf('Reden') + 1).alignment = { wrapText: true, vertical: 'top' }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  keepTextAsText(ws) // also a header or a sheet name from the file: no formula, ever
  const data = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
  return { data, rows: rows.length }
}

// Read files -> sheets with a layout -> layouts (one per distinct header set) with a mapping ->
// imported pupils and row errors. Pure: the remembered mappings come in as a lookup.
import type { Decision } from '../../../shared/domain.ts'
import type { ColumnTarget, ImportColumn, ImportFileInfo, ImportLayout, ImportRowError, LayoutMapping } from '../../../shared/imports.contract.ts'
import { detectForm } from './form.ts'
import { foldGuardianRows } from './guardian-rows.ts'
import { sheetLegend } from './legend.ts'
import { proposeMapping, type PurposeRef } from './headers.ts'
import type { ReadResult } from './read.ts'
import { compileMapping, recordToPupil, type ImportedPupil } from './rows.ts'
import { detectTable, isTableByEvidence, type DetectedLayout } from './table.ts'
import { cellText } from './values.ts'

export interface LoadedFile {
  index: number
  name: string
  size: number
  sha256: string | null
  read: ReadResult
}

export interface PreparedSheet {
  sheetIndex: number
  name: string
  date1904: boolean
  detected: DetectedLayout | null
  /** The user chose how to read this sheet. */
  chosen?: SheetLayoutChoice
  /** Marks defined by the sheet's legend. */
  marks?: ReadonlyMap<string, Decision>
  note?: string
}

const NO_LAYOUT =
  'In de eerste 20 rijen staat geen kopregel die het programma herkent (zoals Roepnaam, Achternaam, Geboortedatum), en het is ook geen ingevuld inschrijfformulier. Controleer of dit het goede bestand is, of zet de kolomnamen boven de gegevens.'
export const FILE_MESSAGES = {
  empty: 'Het bestand bevat geen gegevens: alle bladen zijn leeg.',
  noLayout: NO_LAYOUT,
  headersOnly: (row: number, sheet: string) => `Het bestand heeft wel een kopregel (rij ${row} op blad '${sheet}'), maar geen leerlingen daaronder.`,
  blankForm: 'Het formulier is niet ingevuld: er staan geen gegevens van een leerling in.',
  sameFile: (other: string) => `Dit bestand zit al in deze import (dezelfde inhoud als ${other}); het wordt één keer ingelezen.`,
} as const

export type SheetLayoutChoice = 'table' | 'form'

/**
 * Table or form, by evidence: a header row naming three or more known fields above two or more
 * rows of data is a table, whatever its size; otherwise a sheet with labels in a column and
 * values beside them is a form; otherwise whichever fits better. `choose` is the user's choice
 * per sheet (by sheet index), which wins.
 */
export function detectSheets(read: ReadResult & { ok: true }, purposes: readonly PurposeRef[], choose: (sheetIndex: number) => SheetLayoutChoice | undefined = () => undefined): PreparedSheet[] {
  return read.sheets.map((sheet, sheetIndex) => {
    const legend = sheetLegend(sheet)
    const base = { sheetIndex, name: sheet.name, date1904: sheet.date1904, ...(legend.size > 0 ? { marks: legend } : {}) }
    if (sheet.rows.every((r) => r.every((c) => c === null || cellText(c) === ''))) return { ...base, detected: null, note: 'leeg blad' }
    const chosen = choose(sheetIndex)
    if (chosen === 'table') {
      const table = detectTable(sheet, purposes)
      return table ? { ...base, detected: table, chosen } : { ...base, detected: null, chosen, note: 'als tabel gekozen, maar er staat geen kopregel in' }
    }
    if (chosen === 'form') {
      const form = detectForm(sheet, purposes, true)
      return form ? { ...base, detected: form, chosen } : { ...base, detected: null, chosen, note: 'als formulier gekozen, maar er staan geen vragen met antwoorden in' }
    }
    const table = detectTable(sheet, purposes)
    if (isTableByEvidence(table, purposes)) return { ...base, detected: table }
    const form = read.kind === 'csv' ? null : detectForm(sheet, purposes)
    const tableFits = table !== null && table.records.length > 1 && table.score >= 4
    const detected = form && (!tableFits || form.score > (table?.score ?? 0)) ? form : table
    return detected ? { ...base, detected } : { ...base, detected: null, note: 'geen kopregel of formulier gevonden' }
  })
}

export interface PreparedFile extends LoadedFile {
  sheets: PreparedSheet[]
  error?: string
}

/** Groups sheets by signature and settles each layout's mapping: the user's, else remembered, else proposed. */
export function buildLayouts(files: readonly PreparedFile[], purposes: readonly PurposeRef[], remembered: (signature: string) => LayoutMapping | undefined, overrides: readonly LayoutMapping[] = []): ImportLayout[] {
  const groups = new Map<string, { layout: DetectedLayout; sheets: ImportLayout['sheets']; records: DetectedLayout['records'] }>()
  for (const f of files) {
    if (f.error) continue
    for (const s of f.sheets) {
      const d = s.detected
      if (!d) continue
      const g = groups.get(d.signature) ?? { layout: d, sheets: [], records: [] }
      groups.set(d.signature, g)
      g.sheets.push({ fileIndex: f.index, file: f.name, sheet: s.name, headerRow: d.headerRow, rows: d.records.length })
      if (g.records.length < 2000) g.records.push(...d.records.slice(0, 2000 - g.records.length))
    }
  }
  const byUser = new Map(overrides.map((m) => [m.signature, m]))
  return [...groups.entries()].map(([signature, g]) => {
    const inputs = g.layout.columns.map((c, i) => ({ key: c.key, header: c.header, classifyAs: c.classifyAs, values: g.records.map((r) => r.cells[i] ?? null) }))
    const proposals = proposeMapping(inputs, purposes)
    const chosen = byUser.get(signature) ?? remembered(signature)
    const fromChoice = new Map(chosen?.columns.map((c) => [c.key, c.target]) ?? [])
    const columns: ImportColumn[] = g.layout.columns.map((c, i) => {
      const p = proposals[i] as (typeof proposals)[number]
      const target: ColumnTarget = p.sensitive ? { kind: 'ignore' } : (fromChoice.get(c.key) ?? p.target)
      const samples: string[] = []
      for (const r of g.records) {
        const t = cellText(r.cells[i] ?? null)
        if (t !== '' && !p.sensitive && samples.length < 3 && !samples.includes(t)) samples.push(t.slice(0, 80))
        if (samples.length >= 3) break
      }
      return { key: c.key, header: c.header, at: c.at, samples, hidden: c.hidden, sensitive: p.sensitive, target, ...(p.options ? { options: p.options } : {}) }
    })
    return { signature, layout: g.layout.layout, remembered: !byUser.has(signature) && chosen !== undefined, columns, sheets: g.sheets }
  })
}

export interface Converted {
  pupils: ImportedPupil[]
  rowErrors: ImportRowError[]
  /** Per file: the number of records that were not empty. */
  rowsPerFile: Map<number, number>
}

/** Every record of every sheet through its layout's mapping. */
export function convertRecords(files: readonly PreparedFile[], layouts: readonly ImportLayout[], purposes: readonly PurposeRef[], today: string, onRecord?: (done: number) => void): Converted {
  const bySignature = new Map(layouts.map((l) => [l.signature, l]))
  const active = new Set(purposes.map((p) => p.code))
  const out: Converted = { pupils: [], rowErrors: [], rowsPerFile: new Map() }
  let done = 0
  for (const f of files) {
    if (f.error) continue
    let rows = 0
    for (const s of f.sheets) {
      const d = s.detected
      const layout = d ? bySignature.get(d.signature) : undefined
      if (!d || !layout) continue
      const mapping = compileMapping(
        layout.columns.map((c) => ({ header: c.header, target: c.sensitive ? { kind: 'ignore' } : c.target })),
        d.records,
        active,
      )
      const ctx = { fileIndex: f.index, file: f.name, sheetIndex: s.sheetIndex, sheet: s.name, date1904: s.date1904, purposes, today, ...(s.marks ? { marks: s.marks } : {}) }
      // One tab per group without a group column: the tab's name is the group ('Groep 1-2a' -> '1-2a').
      const tabGroup = GROUP_TAB.test(s.name) ? s.name.trim().replace(/^(groep|gr\.?|klas)\s*/i, '') : null
      for (const record of d.records) {
        const r = recordToPupil(record, mapping, ctx)
        if (++done % 500 === 0) onRecord?.(done)
        if (r.kind === 'empty') continue
        rows++
        if (r.kind === 'pupil' && r.pupil.group === null && tabGroup) r.pupil.group = tabGroup
        if (r.kind === 'pupil') out.pupils.push(r.pupil)
        else for (const p of r.problems) out.rowErrors.push({ fileIndex: f.index, file: f.name, sheet: s.name, ...p })
      }
    }
    out.rowsPerFile.set(f.index, rows)
  }
  onRecord?.(done)
  out.pupils = foldGuardianRows(out.pupils)
  return out
}

/** The file's summary for the wizard and the CLI: sheets, ignored columns, its error if any. */
export function fileInfo(f: PreparedFile, layouts: readonly ImportLayout[]): ImportFileInfo {
  const bySignature = new Map(layouts.map((l) => [l.signature, l]))
  const ignored: string[] = []
  const listed = new Set<string>() // (a Set: with thousands of columns, ignored.includes made this quadratic)
  for (const s of f.sheets) {
    const layout = s.detected ? bySignature.get(s.detected.signature) : undefined
    if (!layout || !s.detected) continue
    layout.columns.forEach((c, i) => {
      if (c.target.kind !== 'ignore') return
      const hasData = s.detected?.records.some((r) => cellText(r.cells[i] ?? null) !== '')
      if ((hasData || !/^Kolom [A-Z]+$/.test(c.header)) && !listed.has(c.header)) {
        listed.add(c.header)
        ignored.push(c.header)
      }
    })
  }
  return {
    index: f.index,
    file: f.name,
    ok: f.error === undefined,
    ...(f.error !== undefined ? { error: f.error } : {}),
    size: f.size,
    sha256: f.sha256,
    kind: f.read.ok ? f.read.kind : null,
    found: fileFound(f),
    sheets: f.sheets.map((s) => ({
      sheet: s.name,
      layout: s.detected?.layout ?? null,
      chosen: s.chosen !== undefined,
      signature: s.detected?.signature ?? null,
      rows: s.detected?.records.length ?? 0,
      found: sheetFound(s),
      ...(s.note ? { note: s.note } : {}),
    })),
    ignoredColumns: ignored,
  }
}

const pupilsText = (n: number): string => `${n} ${n === 1 ? 'leerling' : 'leerlingen'}`

/** What one sheet holds, in Dutch: 'tabel met 21 leerlingen (kopregel op rij 4)', 'ingevuld formulier'. */
export function sheetFound(s: PreparedSheet): string {
  const d = s.detected
  if (!d) return s.note ?? 'niets gevonden'
  if (d.layout === 'form') return 'ingevuld formulier'
  return `tabel met ${pupilsText(d.records.length)}${d.headerRow > 1 ? ` (kopregel op rij ${d.headerRow})` : ''}`
}

/** A tab named after a group: 'Groep 1-2a', '3', '7/8', 'Klas 4b'. */
const GROUP_TAB = /^\s*(groep|gr\.?|klas)?\s*\d{1,2}\s*([-/]\s*\d{1,2})?\s*[a-z]?\s*$/i

/** What the file holds, in Dutch, for the wizard's file list and the CLI. */
export function fileFound(f: PreparedFile): string {
  if (f.error !== undefined) return f.error
  const used = f.sheets.filter((s) => s.detected)
  const first = used[0]
  if (!first) return 'niets gevonden'
  if (used.length === 1) return f.sheets.length === 1 || (f.read.ok && f.read.kind === 'csv') ? sheetFound(first) : `${sheetFound(first)} op tabblad '${first.name}'`
  const rows = used.reduce((n, s) => n + (s.detected?.records.length ?? 0), 0)
  if (used.every((s) => s.detected?.layout === 'form')) return `${used.length} ingevulde formulieren (één per tabblad)`
  if (used.every((s) => s.detected?.layout === 'table' && GROUP_TAB.test(s.name))) return `één tabblad per groep: ${used.length} tabbladen, ${pupilsText(rows)}`
  return `${used.length} tabbladen: ${used.map((s) => `'${s.name}' ${sheetFound(s)}`).join('; ')}`
}

// The import wizard's state, kept outside the page: a user who looks up a pupil halfway and comes
// back finds the wizard where it was, and a commit that finishes meanwhile still lands here.
// The API is stateless: every call sends the same files, the mappings and the decisions again.
import { useSyncExternalStore } from 'react'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import {
  MAX_IMPORT_FILES, type ColumnTarget, type ImportAnalysis, type ImportCommitResult, type ImportPreview, type ImportProgress, type ImportRunInput, type RowDecision, type SheetLayout,
} from '../../../../shared/imports.contract.ts'
import { invoke } from '../../api.ts'
import { downloadBase64 } from '../../components/fields.tsx'
import type { Mappings } from './MappingStep.tsx'
import { readChosen, type ChosenFile } from './read-files.ts'

export type Step = 'files' | 'mapping' | 'preview' | 'done'
export type Busy = 'read' | 'analyze' | 'preview' | 'commit' | 'rejected'

export interface WizardState {
  step: Step
  files: ChosenFile[]
  analysis?: ImportAnalysis
  mappings: Mappings
  decisions: Record<string, RowDecision>
  preview?: ImportPreview
  result?: ImportCommitResult
  busy?: Busy
  /** The API's Dutch message, shown on the step it belongs to. */
  error?: ErrorInfo & { step: Step }
  /** A note that is not an error (e.g. files left out). */
  notice?: string
  /** Bumped when a commit changed the batches, so the history reloads. */
  historyTick: number
  /** Batches undone on this page meanwhile (the done step says so when it is about one of them). */
  undone: number[]
  /** How far the running analyze, preview or commit is, as the core reports it. */
  progress?: ImportProgress
  /** The user's choice of table or form, per file id and sheet name (see sheetKey). */
  sheetLayouts: Record<string, SheetLayout['layout']>
}

export const sheetKey = (fileId: string, sheet: string): string => `${fileId}\u0001${sheet}`

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const initial = (historyTick = 0, undone: number[] = []): WizardState => ({ step: 'files', files: [], mappings: {}, decisions: {}, historyTick, undone, sheetLayouts: {} })

let state: WizardState = initial()
const listeners = new Set<() => void>()
let sequence = 0

function set(patch: Partial<WizardState>): void {
  state = { ...state, ...patch }
  for (const l of listeners) l()
}

export function useWizard(): WizardState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => state,
  )
}

/** Runs an import call while asking the core every 250 ms how far it is (files read, rows checked, backup, writing). */
async function tracked<M extends 'imports.analyze' | 'imports.preview' | 'imports.commit'>(method: M, input: Parameters<typeof invoke<M>>[1]) {
  const progressId = `p-${crypto.randomUUID()}`
  const call = { running: true }
  const poll = async (): Promise<void> => {
    while (call.running) {
      await new Promise((r) => setTimeout(r, 250))
      if (!call.running) break
      const p = await invoke('imports.progress', { progressId })
      if (call.running && p.ok && p.value.running && p.value.phase) set({ progress: { phase: p.value.phase, done: p.value.done, total: p.value.total } })
    }
  }
  const polling = poll()
  try {
    return await invoke(method, { ...input, progressId })
  } finally {
    call.running = false
    await polling
    set({ progress: undefined })
  }
}

export function runInput(s: WizardState = state): ImportRunInput {
  return {
    files: s.files.map(({ name, data, size }) => ({ name, data, size })),
    mappings: (s.analysis?.layouts ?? []).map((l) => ({
      signature: l.signature,
      columns: l.columns.map((c) => ({ key: c.key, target: c.sensitive ? { kind: 'ignore' as const } : (s.mappings[l.signature]?.[c.key] ?? c.target) })),
    })),
    decisions: Object.values(s.decisions),
    sheetLayouts: chosenLayouts(s),
  }
}

/** The user's choices as the API wants them: by the file's place in the list. */
function chosenLayouts(s: WizardState): SheetLayout[] {
  return s.files.flatMap((f, file) =>
    Object.entries(s.sheetLayouts).flatMap(([key, layout]) => (key.startsWith(sheetKey(f.id, '')) ? [{ file, sheet: key.slice(sheetKey(f.id, '').length), layout }] : [])),
  )
}

async function analyze(): Promise<void> {
  const mine = ++sequence
  if (state.files.length === 0) return set({ analysis: undefined, busy: undefined, preview: undefined })
  set({ busy: 'analyze', error: undefined, preview: undefined, decisions: {} })
  const { files, sheetLayouts } = runInput()
  const r = await tracked('imports.analyze', { files, sheetLayouts })
  if (mine !== sequence) return
  if (!r.ok) return set({ busy: undefined, analysis: undefined, error: { ...r.error, step: 'files' } })
  // Keep the user's choices for layouts that are still there.
  const signatures = new Set(r.value.layouts.map((l) => l.signature))
  const mappings = Object.fromEntries(Object.entries(state.mappings).filter(([s]) => signatures.has(s)))
  set({ busy: undefined, analysis: r.value, mappings })
}

export async function addFiles(picked: Parameters<typeof readChosen>[0]): Promise<void> {
  if (picked.length === 0) return set({ notice: 'Er zat geen Excel- of CSV-bestand bij.' })
  set({ busy: 'read', error: undefined, notice: undefined })
  let read: ChosenFile[]
  try {
    read = await readChosen(picked)
  } catch (e) {
    return set({ busy: undefined, error: { code: 'io', message: e instanceof Error ? e.message : 'Een bestand kon niet worden gelezen.', step: 'files' } })
  }
  const known = new Set(state.files.map((f) => f.id))
  const all = [...state.files, ...read.filter((f) => !known.has(f.id))]
  const files = all.slice(0, MAX_IMPORT_FILES)
  const notice = all.length > files.length ? `U koos ${all.length} bestanden; er kunnen er ${MAX_IMPORT_FILES} tegelijk. De eerste ${MAX_IMPORT_FILES} staan klaar; importeer de rest daarna.` : undefined
  set({ files, notice, step: 'files' })
  await analyze()
}

export async function removeFile(id: string): Promise<void> {
  set({ files: state.files.filter((f) => f.id !== id), notice: undefined })
  await analyze()
}

/** The user reads a sheet as a table or as a form instead: the analysis (and so the preview) follows. */
export async function setSheetLayout(fileId: string, sheet: string, layout: SheetLayout['layout']): Promise<void> {
  set({ sheetLayouts: { ...state.sheetLayouts, [sheetKey(fileId, sheet)]: layout }, preview: undefined, notice: undefined })
  await analyze()
}

export function setTarget(signature: string, column: string, target: ColumnTarget): void {
  set({ mappings: { ...state.mappings, [signature]: { ...state.mappings[signature], [column]: target } }, preview: undefined, error: undefined })
}

export function resetLayout(signature: string): void {
  const { [signature]: _dropped, ...rest } = state.mappings
  set({ mappings: rest, preview: undefined, error: undefined })
}

export function goTo(step: Step): void {
  set({ step, error: undefined })
}

async function runPreview(from: Step): Promise<void> {
  const mine = ++sequence
  set({ busy: 'preview', error: undefined })
  const r = await tracked('imports.preview', runInput())
  if (mine !== sequence) return
  if (!r.ok) return set({ busy: undefined, error: { ...r.error, step: r.error.field?.startsWith('mappings') ? 'mapping' : from } })
  set({ busy: undefined, preview: r.value, step: 'preview' })
}

export const showPreview = (): Promise<void> => runPreview('mapping')

/** A choice for a possible duplicate (undefined: back to what happens without a choice); the preview follows. */
export async function decide(row: string, decision: RowDecision | undefined): Promise<void> {
  const { [row]: _old, ...rest } = state.decisions
  set({ decisions: decision ? { ...rest, [row]: decision } : rest })
  await runPreview('preview')
}

export async function commit(): Promise<void> {
  set({ busy: 'commit', error: undefined })
  const r = await tracked('imports.commit', runInput())
  if (!r.ok) return set({ busy: undefined, error: { ...r.error, step: 'preview' } })
  set({ busy: undefined, result: r.value, step: 'done', historyTick: state.historyTick + 1 })
}

export async function downloadRejected(): Promise<void> {
  const step = state.step
  set({ busy: 'rejected', error: undefined })
  const r = await invoke('imports.rejectedRows', runInput())
  set({ busy: undefined })
  if (!r.ok) return set({ error: { ...r.error, step } })
  downloadBase64(r.value.fileName, XLSX, r.value.data)
}

export function restart(): void {
  sequence++
  state = initial(state.historyTick, state.undone)
  for (const l of listeners) l()
}

/** An import was undone: the history reloads, and an open preview is made again against the register as it is now. */
export function historyChanged(undoneBatch: number): void {
  set({ historyTick: state.historyTick + 1, undone: [...state.undone, undoneBatch] })
  if (state.step === 'preview' && state.preview) void runPreview('preview')
}

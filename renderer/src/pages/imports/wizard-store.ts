// The import wizard's state, kept outside the page: a user who looks up a pupil halfway and comes
// back finds the wizard where it was, and a commit that finishes meanwhile still lands here.
// The files are read once, by the core, when the list changes (imports.open, a session); every
// later call names that session and sends the mappings and the decisions.
import { useSyncExternalStore } from 'react'
import type { ErrorInfo } from '../../../../shared/errors.ts'
import type { ImportAnalysis, ImportCommitResult, ImportPreview, ImportProgress, ImportRunInput, RowDecision, SheetLayout } from '../../../../shared/imports.contract.ts'
import { MAX_IMPORT_FILES, type ColumnTarget } from '../../../../shared/imports.labels.ts'
import { JOB_CANCELLED_MESSAGE } from '../../../../shared/jobs.labels.ts'
import { call, invoke } from '../../api.ts'
import type { DocumentItem } from '../../components/DocumentActions.tsx'
import type { Mappings } from './MappingStep.tsx'
import { fromDialog, readChosen, type ChosenFile } from './read-files.ts'

export type Step = 'files' | 'mapping' | 'preview' | 'done'
export type Busy = 'read' | 'analyze' | 'preview' | 'commit'

export interface WizardState {
  step: Step
  files: ChosenFile[]
  /** The core's session for these files (imports.open); absent until they are opened. */
  session?: string
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
  /** The progress id of the call that runs now, for the 'Stoppen' button (jobs.cancel). */
  running?: string
  /** A stop was asked for and the core has not answered yet. */
  stopping?: boolean
  /** The user's choice of table or form, per file id and sheet name (see sheetKey). */
  sheetLayouts: Record<string, SheetLayout['layout']>
}

export const sheetKey = (fileId: string, sheet: string): string => `${fileId}\u0001${sheet}`

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
async function tracked<M extends 'imports.open' | 'imports.analyze' | 'imports.preview' | 'imports.commit'>(method: M, input: Parameters<typeof invoke<M>>[1]) {
  const progressId = `p-${crypto.randomUUID()}`
  const job = { running: true }
  const mine = (): boolean => job.running && state.running === progressId
  const poll = async (): Promise<void> => {
    while (job.running) {
      await new Promise((r) => setTimeout(r, 250))
      if (!job.running) break
      const p = await invoke('imports.progress', { progressId })
      if (mine() && p.ok && p.value.running && p.value.phase) set({ progress: { phase: p.value.phase, done: p.value.done, total: p.value.total } })
    }
  }
  set({ running: progressId, stopping: false })
  const polling = poll()
  try {
    return await invoke(method, { ...input, progressId })
  } finally {
    const still = mine()
    job.running = false
    await polling
    if (still) set({ progress: undefined, running: undefined, stopping: false })
  }
}

/**
 * 'Stoppen': the core stops the running read, check or preview at its next step; nothing is saved.
 * A look (analysis, preview) is dropped at once, so the screen answers even while the core finishes
 * a step it cannot break off; a commit is only asked to stop, and goes on once it writes.
 */
export async function stop(): Promise<void> {
  const progressId = state.running
  if (!progressId) return
  const cancelled = invoke('jobs.cancel', { progressId })
  if (state.busy === 'commit') {
    set({ stopping: true })
    await cancelled
    return
  }
  sequence++
  set({ busy: undefined, running: undefined, progress: undefined, stopping: false, notice: JOB_CANCELLED_MESSAGE, ...(state.busy === 'analyze' ? { analysis: undefined, session: undefined } : {}) })
  await cancelled
}

export function runInput(s: WizardState = state): Omit<ImportRunInput, 'files'> {
  return {
    ...(s.session ? { session: s.session } : {}),
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
  return s.files.flatMap((f, file) => Object.entries(s.sheetLayouts).flatMap(([key, layout]) => (key.startsWith(sheetKey(f.id, '')) ? [{ file, sheet: key.slice(sheetKey(f.id, '').length), layout }] : [])))
}

/** `reopen`: the list of files changed, so the core reads them (a new session); otherwise the session's files are analyzed again. */
async function analyze(reopen = true): Promise<void> {
  const mine = ++sequence
  if (state.files.length === 0) return set({ analysis: undefined, busy: undefined, preview: undefined, session: undefined })
  set({ busy: 'analyze', error: undefined, notice: undefined, preview: undefined, decisions: {}, ...(reopen ? { session: undefined } : {}) })
  const { sheetLayouts } = runInput()
  const r = reopen || !state.session ? await tracked('imports.open', { files: state.files.map((f) => ({ token: f.token })), sheetLayouts }) : await tracked('imports.analyze', { session: state.session, sheetLayouts })
  if (mine !== sequence) return
  if (!r.ok && r.error.code === 'cancelled') return set({ busy: undefined, analysis: undefined, session: undefined, notice: r.error.message })
  if (!r.ok) return set({ busy: undefined, analysis: undefined, error: { ...r.error, step: 'files' } })
  if ('session' in r.value && typeof r.value.session === 'string') set({ session: r.value.session })
  // Keep the user's choices for layouts that are still there.
  const signatures = new Set(r.value.layouts.map((l) => l.signature))
  const mappings = Object.fromEntries(Object.entries(state.mappings).filter(([s]) => signatures.has(s)))
  set({ busy: undefined, analysis: r.value, mappings })
}

export async function addFiles(picked: Parameters<typeof readChosen>[0]): Promise<void> {
  if (picked.length === 0) return set({ notice: 'Er zat geen Excel- of CSV-bestand bij.' })
  set({ busy: 'read', error: undefined, notice: undefined })
  const r = await readChosen(picked)
  if (!r.ok) return set({ busy: undefined, error: { ...r.error, step: 'files' } })
  await addChosen(r.value)
}

/** The desktop app: main's open dialog chooses the files (several at once); cancelled: nothing changes. */
export async function chooseInMain(): Promise<void> {
  set({ error: undefined, notice: undefined })
  try {
    const { files } = await call('files.choose', { purpose: 'import' })
    if (files.length > 0) await addChosen(fromDialog(files))
  } catch (e) {
    set({ error: { code: 'io', message: e instanceof Error ? e.message : String(e), step: 'files' } })
  }
}

async function addChosen(read: ChosenFile[]): Promise<void> {
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
  await analyze(false)
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
  set({ busy: 'preview', error: undefined, notice: undefined })
  const r = await tracked('imports.preview', runInput())
  if (mine !== sequence) return
  if (!r.ok && r.error.code === 'cancelled') return set({ busy: undefined, notice: r.error.message })
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
  if (!r.ok && r.error.code === 'cancelled') return set({ busy: undefined, notice: r.error.message })
  if (!r.ok) return set({ busy: undefined, error: { ...r.error, step: 'preview' } })
  set({ busy: undefined, result: r.value, step: 'done', historyTick: state.historyTick + 1 })
}

/** The rows with errors as a workbook, for DocumentActions: opened in Excel, saved, or downloaded in the harness. */
export const rejectedRowsItem = (s: WizardState): DocumentItem<'imports.rejectedRows'> => ({ label: 'Afgekeurde rijen (Excel)', method: 'imports.rejectedRows', input: runInput(s) })

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

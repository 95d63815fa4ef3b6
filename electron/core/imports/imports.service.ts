// The import of enrolment forms: analyze, preview, commit (backup first, then one transaction),
// batches, undo. The pure work (reading, mapping, rows) is in the files beside this one.
import { localIsoDate } from '../../../shared/domain.ts'
import { AppError } from '../../../shared/errors.ts'
import type { ImportAnalysis, ImportBatch, ImportCommitResult, ImportPreview, ImportProgress, ImportRunInput, ImportUndoPreview, ImportUndoResult, PreviewPupil } from '../../../shared/imports.contract.ts'
import { DECISION_WORDS } from '../../../shared/imports.contract.ts'
import { writeAudit } from '../audit/audit.ts'
import { backupNow } from '../backup/backup.ts'
import type { CoreContext } from '../context.ts'
import { createLogger } from '../log.ts'
import { refreshSearchText } from '../pupils/search-text.ts'
import { schoolYearId, requireStaffName } from '../settings/settings.service.ts'
import { writePlan } from './commit.ts'
import { planImport, type Plan } from './match.ts'
import { loadChosenFiles, prepareImport, saveMappings, type Prepared } from './prepare.ts'
import { openSession } from './sessions.ts'
import { loadSnapshot } from './snapshot.ts'
import { batchView, describeUndo, planUndo } from './undo.ts'
import { batchRow, batchRows, markBatchUndone } from './undo.queries.ts'
import { recordSource, totalChanges } from './imports.queries.ts'

const log = createLogger('imports')

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void
  /** Who commits; default: the staff name from the settings. */
  actor?: string
}

export async function analyzeImport(ctx: CoreContext, input: Pick<ImportRunInput, 'files' | 'session'> & Partial<Pick<ImportRunInput, 'sheetLayouts'>>, options: ImportOptions = {}): Promise<ImportAnalysis> {
  const prepared = await prepareImport(ctx, { session: input.session, files: input.files, sheetLayouts: input.sheetLayouts ?? [] }, options.onProgress)
  return { files: prepared.infos, layouts: prepared.layouts, purposes: prepared.purposes.map((p) => ({ code: p.code, label: p.label })) }
}

/** imports.open: reads the chosen files once, keeps them as the session (ending the one before), and analyzes them. */
export async function openImport(
  ctx: CoreContext,
  input: { files: readonly { token: string }[]; sheetLayouts?: ImportRunInput['sheetLayouts'] },
  options: ImportOptions = {},
): Promise<ImportAnalysis & { session: string }> {
  const loaded = await loadChosenFiles(
    ctx,
    input.files.map((f) => f.token),
    options.onProgress,
  )
  const session = openSession(ctx, loaded)
  return { session, ...(await analyzeImport(ctx, { session, sheetLayouts: input.sheetLayouts ?? [] }, options)) }
}

function planFor(ctx: CoreContext, prepared: Prepared, input: ImportRunInput): Plan {
  const snapshot = loadSnapshot(ctx, schoolYearId(ctx), prepared.purposes)
  return planImport(snapshot, prepared.converted.pupils, input.decisions)
}

function toPreview(ctx: CoreContext, prepared: Prepared, plan: Plan): ImportPreview {
  const labels = new Map(prepared.purposes.map((p) => [p.code, p.label]))
  const pupils: PreviewPupil[] = plan.rows.map((r) => {
    const p = r.imported
    const consentChanges = r.consents.map((c) => {
      const purpose = prepared.purposes.find((x) => x.code === c.code)
      const now = r.target.id !== null && purpose ? plan.snapshot.current(r.target, purpose) : null
      const decisive = now?.recordId ?? null
      const src = decisive ? (recordSource(ctx.db, decisive) as { source: ImportPreview['pupils'][number]['consentChanges'][number]['currentSource']; since: string } | undefined) : undefined
      const manual = src && src.source !== 'enrolment_form' && src.source !== 'import_undo'
      return {
        purpose: c.code,
        label: labels.get(c.code) ?? c.code,
        old: c.old,
        new: c.decision,
        text: `${c.code}: ${DECISION_WORDS[c.old]} -> ${DECISION_WORDS[c.decision]}`,
        currentSource: manual ? (src?.source ?? null) : null,
        currentSince: manual ? (src?.since ?? null) : null,
        replacesDisagreement: now?.conflict ?? false,
      }
    })
    return {
      key: p.key,
      fileIndex: p.fileIndex,
      file: p.file,
      sheet: p.sheet,
      row: p.row,
      studentNumber: p.studentNumber,
      firstName: p.firstName,
      lastNamePrefix: p.lastNamePrefix,
      lastName: p.lastName,
      nameAsTyped: p.nameAsTyped ?? null,
      birthDate: p.birthDate,
      group: r.groupName,
      guardians: r.preview,
      consents: p.consents,
      status: r.status,
      pupilId: r.created ? null : r.target.id,
      action: r.action,
      changes: r.changes,
      consentChanges,
      duplicate: r.duplicate,
    }
  })
  const rowErrors = [...prepared.converted.rowErrors, ...plan.rowErrors].sort((a, b) => a.fileIndex - b.fileIndex || a.sheet.localeCompare(b.sheet) || a.row - b.row)
  const count = (f: (p: PreviewPupil) => boolean): number => pupils.filter(f).length
  return {
    generatedAt: ctx.now().toISOString(),
    files: prepared.infos,
    pupils,
    rowErrors,
    duplicates: plan.duplicates,
    summary: {
      files: prepared.infos.length,
      filesFailed: prepared.infos.filter((f) => !f.ok).length,
      pupils: pupils.length,
      new: count((p) => p.action === 'import' && p.status === 'new'),
      changed: count((p) => p.action === 'import' && p.status === 'changed'),
      unchanged: count((p) => p.action === 'import' && p.status === 'unchanged'),
      skipped: count((p) => p.action === 'skip'),
      rowErrors: new Set(rowErrors.map((e) => `${e.fileIndex}/${e.sheet}/${e.row}`)).size,
      duplicates: plan.duplicates.length,
      consentChanges: pupils.reduce((n, p) => n + (p.action === 'import' ? p.consentChanges.length : 0), 0),
      guardiansNew: new Set(plan.rows.filter((r) => r.action === 'import').flatMap((r) => r.guardians.filter((g) => g.created).map((g) => g.state))).size,
    },
  }
}

/** The last preview per database: a commit of the same input with nothing written since goes on from it. */
const lastPreview = new WeakMap<object, { prepared: Prepared; decisions: string; stamp: string; plan: Plan; preview: ImportPreview }>()

function planAndPreview(ctx: CoreContext, prepared: Prepared, input: ImportRunInput): { plan: Plan; preview: ImportPreview; stamp: string } {
  const decisions = JSON.stringify(input.decisions)
  const memo = lastPreview.get(ctx.db)
  lastPreview.delete(ctx.db) // a plan is used once: writing it fills in the ids of what it creates
  if (memo && memo.prepared === prepared && memo.decisions === decisions && memo.stamp === registerStamp(ctx)) return memo
  const plan = planFor(ctx, prepared, input) // (may add the school year's row: the stamp is taken after)
  return { plan, preview: toPreview(ctx, prepared, plan), stamp: registerStamp(ctx) }
}

export async function previewImport(ctx: CoreContext, input: ImportRunInput, options: ImportOptions = {}): Promise<ImportPreview> {
  const prepared = await prepareImport(ctx, input, options.onProgress)
  const { plan, preview, stamp } = planAndPreview(ctx, prepared, input)
  lastPreview.set(ctx.db, { prepared, decisions: JSON.stringify(input.decisions), stamp, plan, preview })
  return preview
}

/** Changes when anything is written to the database, by this connection or another process. */
function registerStamp(ctx: CoreContext): string {
  return `${totalChanges(ctx.db)}:${ctx.db.pragma('data_version', { simple: true }) as number}`
}

const hasWork = (plan: Plan): boolean => plan.rows.some((r) => r.action === 'import' && r.status !== 'unchanged')

export async function commitImport(ctx: CoreContext, input: ImportRunInput, options: ImportOptions = {}): Promise<ImportCommitResult> {
  const actor = options.actor ?? requireStaffName(ctx)
  const prepared = await prepareImport(ctx, input, options.onProgress)
  const { plan: first, preview, stamp: seen } = planAndPreview(ctx, prepared, input)
  if (!preview.pupils.some((p) => p.action === 'import' && p.status !== 'unchanged')) {
    return { batch: null, preview, backupPath: null, message: 'Er is niets te wijzigen: alle leerlingen in de bestanden staan al zo in het register. Er is niets opgeslagen.' }
  }
  options.onProgress?.({ phase: 'backup', done: 0, total: 1 })
  const backupPath = (await backupNow(ctx, 'import'))?.file ?? null
  const now = ctx.now()
  const multiSheet = new Set(prepared.files.filter((f) => f.sheets.filter((s) => s.detected).length > 1).map((f) => f.index))
  const names = new Map(prepared.files.map((f) => [f.index, f.name.replace(/^.*[\\/]/, '')]))
  const { batchId } = ctx.db.transaction(() => {
    // Written in between (while the backup ran)? Then plan again, inside the transaction: the register as it is now.
    const plan = registerStamp(ctx) === seen ? first : planFor(ctx, prepared, input)
    if (!hasWork(plan)) return { batchId: null }
    const files = prepared.files.filter((f) => !f.error && f.sha256).map((f) => ({ name: names.get(f.index) ?? f.name, sha256: f.sha256 as string, rows: prepared.converted.rowsPerFile.get(f.index) ?? 0 }))
    const written = writePlan(ctx, plan.snapshot, plan, {
      actor,
      now,
      today: localIsoDate(now),
      files,
      sourceDetail: (fileIndex, sheet, row) => `inschrijfformulier ${names.get(fileIndex) ?? ''}${multiSheet.has(fileIndex) ? `, blad ${sheet}` : ''}, rij ${row}`,
      counts: { skipped: plan.rows.filter((r) => r.action === 'skip').length, rowErrors: preview.summary.rowErrors },
      onProgress: (done, total) => options.onProgress?.({ phase: 'write', done, total }),
    })
    saveMappings(
      ctx,
      prepared.layouts.filter((l) => l.sheets.some((s) => !prepared.files[s.fileIndex]?.error)),
      actor,
    )
    return written
  })()
  if (batchId === null) return { batch: null, preview, backupPath, message: 'Er is niets te wijzigen. Er is niets opgeslagen.' }
  log.info('import committed', { batchId, pupils: preview.summary.pupils })
  const batch = getBatch(ctx, batchId)
  const c = batch.counts
  return {
    batch,
    preview,
    backupPath,
    message:
      `Import opgeslagen: ${c.pupilsCreated} nieuwe en ${c.pupilsUpdated} gewijzigde leerlingen, ${c.consentRecords} toestemmingsantwoorden.` +
      (c.rowErrors > 0 ? ` ${c.rowErrors} ${c.rowErrors === 1 ? 'rij met fouten is' : 'rijen met fouten zijn'} overgeslagen.` : ''),
  }
}

export function listBatches(ctx: CoreContext): ImportBatch[] {
  const rows = batchRows(ctx.db)
  return rows.map(batchView)
}

export function getBatch(ctx: CoreContext, id: number): ImportBatch {
  const row = batchRow(ctx.db, id)
  if (!row) throw new AppError('not_found', 'Deze import bestaat niet (meer). Vernieuw het scherm.')
  return batchView(row)
}

export function undoPreview(ctx: CoreContext, batchId: number): ImportUndoPreview {
  const { steps: _steps, ...view } = planUndo(ctx, getBatch(ctx, batchId))
  return view
}

export async function undoImport(ctx: CoreContext, batchId: number, options: ImportOptions = {}): Promise<ImportUndoResult> {
  const actor = options.actor ?? requireStaffName(ctx)
  const check = planUndo(ctx, getBatch(ctx, batchId))
  if (!check.canUndo) throw new AppError('conflict', check.message)
  const backupPath = (await backupNow(ctx, 'undo'))?.file ?? null
  const plan = ctx.db.transaction(() => {
    const p = planUndo(ctx, getBatch(ctx, batchId))
    if (!p.canUndo) throw new AppError('conflict', p.message)
    for (const step of p.steps) step(ctx, actor)
    refreshSearchText(
      ctx.db,
      p.pupils.map((x) => x.pupilId),
    )
    const now = ctx.now()
    markBatchUndone(ctx.db, batchId, now.toISOString(), actor)
    for (const pupil of p.pupils) {
      writeAudit(ctx.db, now, { actor, action: 'pupil.import_undo', entity: 'pupil', entityId: pupil.pupilId, pupilId: pupil.pupilId, newValue: { batchId, action: pupil.action } })
    }
    writeAudit(ctx.db, now, { actor, action: 'import.undo', entity: 'import_batch', entityId: batchId, newValue: p.counts })
    return p
  })()
  log.info('import undone', { batchId })
  const c = plan.counts
  const message = `Import ongedaan gemaakt: ${describeUndo(c, 'did')}.`
  return { batch: getBatch(ctx, batchId), counts: c, backupPath, message }
}

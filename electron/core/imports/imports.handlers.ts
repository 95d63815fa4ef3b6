// The imports methods of the contract (shared/imports.contract.ts).
import type { ImportProgress, ImportsOutputs } from '../../../shared/imports.contract.ts'
import type { CoreContext } from '../context.ts'
import { progressOf, trackProgress } from '../progress.ts'
import type { HandlersFor } from '../handler-types.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { getSettings } from '../settings/settings.service.ts'
import { analyzeImport, commitImport, openImport, listBatches, undoImport, undoPreview, previewImport, type ImportOptions } from './imports.service.ts'
import { prepareImport } from './prepare.ts'
import { rejectedWorkbook } from './rejected.ts'
import { enrolmentTemplate } from './template.ts'
import { loadSnapshot } from './snapshot.ts'
import { planImport } from './match.ts'
import { schoolYearId } from '../settings/settings.service.ts'
import { deliver } from '../documents/deliver.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Runs import work while imports.progress can tell how far it is (files read, rows checked, backup, writing). */
async function withProgress<T>(ctx: CoreContext, id: string | undefined, work: (options: ImportOptions) => Promise<T>): Promise<T> {
  const progress = trackProgress(ctx, id, 0)
  try {
    return await work({ onProgress: (p) => progress.update(p.done, p.total, p.phase) })
  } finally {
    progress.end()
  }
}

/** The CLI names who commits (--staff, else the terminal's user when no staff name is set); the app and the harness use the staff name. */
function doorActor(ctx: CoreContext): { actor?: string } {
  if (ctx.actor) return { actor: ctx.actor }
  return ctx.actorWithoutStaffName && !getSettings(ctx).staffName ? { actor: ctx.actorWithoutStaffName } : {}
}

export const importsHandlers: HandlersFor<keyof ImportsOutputs> = {
  'imports.open': (ctx, input) => withProgress(ctx, input.progressId, (options) => openImport(ctx, input, options)),
  'imports.analyze': (ctx, input) => withProgress(ctx, input.progressId, (options) => analyzeImport(ctx, input, options)),
  'imports.preview': (ctx, input) => withProgress(ctx, input.progressId, (options) => previewImport(ctx, input, options)),
  'imports.commit': (ctx, input) => withProgress(ctx, input.progressId, (options) => commitImport(ctx, input, { ...options, ...doorActor(ctx) })),
  'imports.progress': (ctx, input) => {
    const p = progressOf(ctx, input.progressId)
    return { phase: (p.phase as ImportProgress['phase'] | undefined) ?? null, done: p.done, total: p.total, running: p.running }
  },
  'imports.rejectedRows': async (ctx, input) => {
    const prepared = await prepareImport(ctx, input)
    const plan = planImport(loadSnapshot(ctx, schoolYearId(ctx), prepared.purposes), prepared.converted.pupils, input.decisions)
    const labels = new Map(prepared.purposes.map((p) => [p.code, p.label]))
    const { data, rows } = await rejectedWorkbook(prepared.files, prepared.layouts, [...prepared.converted.rowErrors, ...plan.rowErrors], (c) => labels.get(c) ?? c)
    return deliver(ctx, input.delivery, { fileName: 'afgekeurde-rijen.xlsx', mimeType: XLSX, bytes: data, count: rows, countLabel: rows === 1 ? 'rij' : 'rijen' })
  },
  'imports.batches': (ctx) => listBatches(ctx),
  'imports.undoPreview': (ctx, input) => undoPreview(ctx, input.batchId),
  'imports.undo': (ctx, input) => undoImport(ctx, input.batchId),
  'imports.template': async (ctx, input) => {
    const data = await enrolmentTemplate(listPurposes(ctx.db), getSettings(ctx).schoolName)
    return deliver(ctx, input.delivery, { fileName: 'inschrijfformulier.xlsx', mimeType: XLSX, bytes: data, count: 1, countLabel: 'werkmap' })
  },
}

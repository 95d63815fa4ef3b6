// The imports methods of the contract (shared/imports.contract.ts).
import type { ImportsOutputs } from '../../../shared/imports.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { listPurposes } from '../purposes/purposes.service.ts'
import { getSettings } from '../settings/settings.service.ts'
import { analyzeImport, commitImport, listBatches, undoImport, undoPreview, previewImport } from './imports.service.ts'
import { prepareImport } from './prepare.ts'
import { rejectedWorkbook } from './rejected.ts'
import { enrolmentTemplate } from './template.ts'
import { loadSnapshot } from './snapshot.ts'
import { planImport } from './match.ts'
import { currentSchoolYearId } from '../settings/settings.service.ts'

export const importsHandlers: HandlersFor<keyof ImportsOutputs> = {
  'imports.analyze': (ctx, input) => analyzeImport(ctx, input),
  'imports.preview': (ctx, input) => previewImport(ctx, input),
  'imports.commit': (ctx, input) => commitImport(ctx, input),
  'imports.rejectedRows': async (ctx, input) => {
    const prepared = await prepareImport(ctx, input)
    const plan = planImport(loadSnapshot(ctx, currentSchoolYearId(ctx), prepared.purposes), prepared.converted.pupils, input.decisions)
    const labels = new Map(prepared.purposes.map((p) => [p.code, p.label]))
    const { data, rows } = await rejectedWorkbook(prepared.files, prepared.layouts, [...prepared.converted.rowErrors, ...plan.rowErrors], (c) => labels.get(c) ?? c)
    return { fileName: 'afgekeurde-rijen.xlsx', data: data.toString('base64'), rows }
  },
  'imports.batches': (ctx) => listBatches(ctx),
  'imports.undoPreview': (ctx, input) => undoPreview(ctx, input.batchId),
  'imports.undo': (ctx, input) => undoImport(ctx, input.batchId),
  'imports.template': async (ctx) => {
    const data = await enrolmentTemplate(listPurposes(ctx.db), getSettings(ctx).schoolName)
    return { fileName: 'inschrijfformulier.xlsx', data: data.toString('base64') }
  },
}

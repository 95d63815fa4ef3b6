// The scan methods of the contract (shared/scan.contract.ts): each maps its input to one service call.
import type { ScanOutputs } from '../../../shared/scan.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { progressOf } from '../progress.ts'
import { confirmScannedForm } from './confirm.ts'
import { readScan } from './read.ts'
import { assignPage, closeScan, formCrops, readChosenFiles, scanSession, startScan, wholePage } from './scan.service.ts'

export const scanHandlers: HandlersFor<keyof ScanOutputs> = {
  'scan.read': (ctx, input) => readChosenFiles(ctx, input.files, readScan),
  'scan.start': (ctx, input) => startScan(ctx, input, readScan),
  'scan.progress': (ctx, input) => {
    const p = progressOf(ctx, input.progressId)
    return { done: p.done, total: p.total, phase: p.phase ?? null, running: p.running }
  },
  'scan.session': (ctx, input) => scanSession(ctx, input.sessionId),
  'scan.crops': (ctx, input) => formCrops(ctx, input),
  'scan.page': (ctx, input) => wholePage(ctx, input),
  'scan.assign': (ctx, input) => assignPage(ctx, input),
  'scan.confirm': (ctx, input) => confirmScannedForm(ctx, input),
  'scan.close': (ctx, input) => closeScan(ctx, input.sessionId),
}

// The scan methods of the contract (shared/scan.contract.ts): each maps its input to one service call.
import { AppError } from '../../../shared/errors.ts'
import type { ScanOutputs } from '../../../shared/scan.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { progressOf } from '../progress.ts'
import { confirmScannedForm } from './confirm.ts'
import { assignPage, closeScan, formCrops, scanSession, startScan, wholePage, type ScanReader } from './scan.service.ts'

/** Until the reader (read.ts) is part of the app: a clear refusal, nothing read or kept. */
const noReaderYet: ScanReader = () => Promise.reject(new AppError('validation', 'Het lezen van scans is in deze versie nog niet beschikbaar. Er is niets gelezen of vastgelegd. Leg de antwoorden vast via het zoekvak (typ de formuliercode).'))

export const scanHandlers: HandlersFor<keyof ScanOutputs> = {
  'scan.start': (ctx, input) => startScan(ctx, input, noReaderYet),
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

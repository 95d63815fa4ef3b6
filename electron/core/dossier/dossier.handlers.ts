// Handlers for a pupil's dossier.
import type { DossierOutputs } from '../../../shared/dossier.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { dossierForScreen, saveDossierEntry } from './dossier.service.ts'

export const dossierHandlers: HandlersFor<keyof DossierOutputs> = {
  'dossier.list': (ctx, input) => dossierForScreen(ctx, input.pupilId),
  'dossier.save': (ctx, input) => saveDossierEntry(ctx, input),
}

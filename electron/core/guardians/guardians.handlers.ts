// Handlers for parents and guardians.
import type { GuardiansOutputs } from '../../../shared/guardians.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { linkGuardian, saveGuardian, searchGuardians, unlinkGuardian } from './guardians.service.ts'

export const guardiansHandlers: HandlersFor<keyof GuardiansOutputs> = {
  'guardians.save': (ctx, input) => saveGuardian(ctx, input),
  'guardians.search': (ctx, input) => searchGuardians(ctx, input.query),
  'guardians.link': (ctx, input) => linkGuardian(ctx, input),
  'guardians.unlink': (ctx, input) => unlinkGuardian(ctx, input),
}

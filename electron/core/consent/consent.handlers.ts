// Handlers for recording consent, its history and the list of pupils without consent.
import type { ConsentOutputs } from '../../../shared/consent.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { consentHistory, noConsentList, noConsentPage, recordConsent } from './consent.service.ts'

export const consentHandlers: HandlersFor<keyof ConsentOutputs> = {
  'consent.record': (ctx, input) => recordConsent(ctx, input),
  'consent.history': (ctx, input) => consentHistory(ctx, input.pupilId),
  'consent.noConsentList': (ctx, input) => noConsentList(ctx, input),
  'consent.noConsentPage': (ctx, input) => noConsentPage(ctx, input),
}

// Recording a pupil's answers per purpose, their history, and the list of pupils without consent.
import { z } from 'zod'
import type { ConsentRecordView, NoConsentList, PupilDetail } from './domain.ts'
import type { NoConsentPage } from './no-consent-page.ts'
import { consentRecordSchema, id } from './schemas-base.ts'

const noConsentFilter = z.strictObject({
  groupIds: z.array(id).max(200).optional(),
  purposeIds: z.array(id).max(200).optional(),
  /** Only refused, only no answer, or both (left out: both). */
  only: z.enum(['both', 'refused', 'unknown'], 'Kies geweigerd, geen antwoord of beide.').optional(),
})

export const consentSchemas = {
  'consent.record': consentRecordSchema,
  'consent.history': z.strictObject({ pupilId: id }),
  'consent.noConsentList': noConsentFilter,
  /** The same list for the Geen toestemming screen, compact (shared/no-consent-page.ts). */
  'consent.noConsentPage': noConsentFilter,
}

export interface ConsentOutputs {
  'consent.record': PupilDetail
  'consent.history': ConsentRecordView[]
  'consent.noConsentList': NoConsentList
  'consent.noConsentPage': NoConsentPage
}

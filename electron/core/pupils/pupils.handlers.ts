// Handlers for the pupils: listing, filtering, finding, reading, saving, and possible duplicates.
import type { PupilsOutputs } from '../../../shared/pupils.contract.ts'
import { consentSummary } from '../consent/consent.service.ts'
import type { HandlersFor } from '../handler-types.ts'
import { schoolYearId } from '../settings/settings.service.ts'
import { findDuplicates } from './duplicates.ts'
import { filterPupils, matchingPupils, searchPupils } from './pupil-search.ts'
import { listPupils } from './pupils.queries.ts'
import { getPupil, savePupil } from './pupils.service.ts'

export const pupilsHandlers: HandlersFor<keyof PupilsOutputs> = {
  'pupils.list': (ctx, input) => listPupils(ctx.db, schoolYearId(ctx), input.groupId, input.includeLeft),
  'pupils.consentSummary': (ctx, input) => consentSummary(ctx, input.groupId),
  'pupils.search': (ctx, input) => searchPupils(ctx, input),
  'pupils.get': (ctx, input) => getPupil(ctx, input.id),
  'pupils.save': (ctx, input) => savePupil(ctx, input),
  'pupils.duplicates': (ctx, input) => findDuplicates(ctx, input),
  'pupils.filter': (ctx, input) => filterPupils(ctx, input),
  'pupils.matching': (ctx, input) => matchingPupils(ctx, input),
}

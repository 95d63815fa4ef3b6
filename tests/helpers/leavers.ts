// A pupil who leaves the school, and the removal of what is due after the retention period: the
// set-up of the retention, removal and backup-rewrite tests, through the real dispatch.
import type { Door } from '../../electron/core/call.ts'
import { ok } from './call-ok.ts'

/** Saves the pupil as it is, with a leaving date and reason; returns the pupil as it was before. */
export async function pupilLeaves(core: Door, pupilId: number, leftOn: string, leavingReason = 'verhuisd') {
  const p = await ok(core, 'pupils.get', { id: pupilId })
  await ok(core, 'pupils.save', {
    id: p.id,
    version: p.version,
    firstName: p.firstName,
    lastNamePrefix: p.lastNamePrefix,
    lastName: p.lastName,
    birthDate: p.birthDate ?? undefined,
    groupId: p.groupId ?? null,
    enrolledOn: p.enrolledOn ?? undefined,
    leftOn,
    leavingReason,
  })
  return p
}

/** Removes everything of this pupil the retention overview says is due; fails the test when nothing is. */
export async function removeDue(core: Door, pupilId: number) {
  const due = (await ok(core, 'retention.overview', {})).due.find((d) => d.pupilId === pupilId)
  if (!due) throw new Error('nothing due')
  return ok(core, 'retention.remove', { items: [{ pupilId, kinds: due.kinds.map((k) => k.kind) }] })
}

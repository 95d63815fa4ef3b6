// The Logboek's page of the audit trail: filtered by pupil (with their guardians), kind of
// change, staff member, date range and a search over names and values; newest first, paged;
// each line a Dutch sentence with the pupil's name.
import type { ApiParsed } from '../../../shared/api.ts'
import type { AuditPage } from '../../../shared/audit.contract.ts'
import { displayName } from '../../../shared/domain.ts'
import type { Db } from '../db/open.ts'
import { auditSentence, kindOf } from './audit-sentences.ts'
import { auditActors, auditRows, groupName, guardianName, purposeLabel } from './audit.queries.ts'

export function auditPage(db: Db, input: ApiParsed<'audit.page'>): AuditPage {
  const { total, rows } = auditRows(db, input)
  const names = {
    guardian: (id: number) => guardianName(db, id),
    group: (id: number) => groupName(db, id),
    purpose: (code: string) => purposeLabel(db, code),
  }
  const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s))
  const lines = rows.map((r) => {
    const pupilName = r.firstName !== null && (r.firstName || r.lastName) ? displayName({ firstName: r.firstName, lastNamePrefix: r.lastNamePrefix ?? '', lastName: r.lastName ?? '' }) : null
    const sentence = auditSentence({ action: r.action, entity: r.entity, entityId: r.entityId, oldValue: parse(r.oldValue), newValue: parse(r.newValue) }, { ...names, pupil: pupilName }) ?? 'Opgeslagen zonder wijziging.'
    return { id: r.id, at: r.at, actor: r.actor, kind: kindOf(r.action), sentence, pupilId: r.pupilId, pupilName, scrubbedAt: r.scrubbedAt }
  })
  return { lines, total, page: input.page, pageSize: input.pageSize, actors: auditActors(db) }
}

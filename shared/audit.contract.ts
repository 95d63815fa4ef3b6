// The Logboek: every change as a plain Dutch sentence, with the pupil's name, who and when;
// filtered by pupil, kind of change, staff member and date, searched, and paged; and the raw
// entries of one pupil or the whole register.
import { z } from 'zod'
import type { AuditEntryView } from './domain.ts'
import { AUDIT_KINDS, type AuditKind } from './audit.labels.ts'
import { id } from './save-schema.ts'

export * from './audit.labels.ts'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Schrijf de datum als dd-mm-jjjj.')

export const auditSchemas = {
  'audit.list': z.strictObject({
    pupilId: id.optional(),
    beforeId: id.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
  'audit.page': z.strictObject({
    pupilId: id.optional(),
    kind: z.enum(Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]], 'Kies een soort wijziging uit de lijst.').optional(),
    actor: z.string().max(200).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    query: z.string().max(200).optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  }),
}

/** One line of the Logboek, ready to read. */
export interface AuditLine {
  id: number
  at: string
  actor: string
  kind: AuditKind | null
  /** A plain Dutch sentence: what changed, for whom, from what to what. */
  sentence: string
  pupilId: number | null
  pupilName: string | null
  /** When a retention removal blanked personal data in this entry. */
  scrubbedAt: string | null
}

export interface AuditPage {
  lines: AuditLine[]
  total: number
  page: number
  pageSize: number
  /** The staff members who appear in the log, for the filter. */
  actors: string[]
}

export interface AuditOutputs {
  'audit.list': AuditEntryView[]
  'audit.page': AuditPage
}

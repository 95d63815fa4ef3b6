import { z } from 'zod'
import { DELIVERIES, progressIdSchema, type DocumentResult } from './documents.contract.ts'
import type { PupilDetail } from './domain.ts'
import { consentRecordSchema, isoDate, safeText } from './schemas-base.ts'

export interface CampaignCriteria {
  groupIds?: number[]
  /** Pupils with no answer for some purpose. */
  withoutAnswer?: boolean
  /** Pupils with an answer marked 'opnieuw vragen' (the purpose's wording changed). */
  askAgain?: boolean
  /** Pupils whose answer for some purpose is older than this date. */
  answeredBefore?: string
}

export interface CampaignSummary {
  id: number
  name: string
  schoolYear: string
  createdAt: string
  createdBy: string
  closedAt: string | null
  total: number
  returned: number
}

export interface CampaignDetail extends CampaignSummary {
  criteria: CampaignCriteria
  groups: { groupId: number | null; name: string; teacherName: string; total: number; returned: number }[]
  outstanding: { pupilId: number; name: string; groupName: string | null; code: string }[]
}

export interface CampaignForm {
  code: string
  campaignId: number
  campaignName: string
  returnedAt: string | null
  pupil: PupilDetail
}

const id = z.number().int().positive()

export const campaignsSchemas = {
  'campaigns.list': z.strictObject({}),
  'campaigns.get': z.strictObject({ id }),
  'campaigns.start': z.strictObject({
    name: z.string().trim().min(1, 'Geef de ronde een naam, bijvoorbeeld: Toestemming 2026-2027.').max(120, 'De naam is te lang.').superRefine(safeText()),
    groupIds: z.array(id).max(200).optional(),
    withoutAnswer: z.boolean().default(false),
    askAgain: z.boolean().default(false),
    answeredBefore: isoDate.optional(),
  }),
  'campaigns.close': z.strictObject({ id }),
  'campaigns.findForm': z.strictObject({ code: z.string().trim().min(1, 'Vul de formuliercode in.').max(40) }),
  'campaigns.recordReturn': consentRecordSchema.omit({ pupilId: true, source: true }).extend({ code: z.string().trim().min(1).max(40) }),
  /** With a progressId: progress events per form, and jobs.cancel stops it before anything is written or recorded. */
  'campaigns.printForms': z.strictObject({ id, groupIds: z.array(id).max(200).optional(), delivery: z.enum(DELIVERIES).default('data'), progressId: progressIdSchema.optional() }),
  'campaigns.reminderList': z.strictObject({ id, delivery: z.enum(DELIVERIES).default('data') }),
} as const

export interface CampaignsOutputs {
  'campaigns.list': CampaignSummary[]
  'campaigns.get': CampaignDetail
  'campaigns.start': CampaignDetail
  'campaigns.close': CampaignDetail
  'campaigns.findForm': CampaignForm
  'campaigns.recordReturn': CampaignForm
  'campaigns.printForms': DocumentResult
  'campaigns.reminderList': DocumentResult
}

// The consent rounds' methods: each maps its input to one service call.
import type { CampaignsOutputs } from '../../../shared/campaigns.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { printForms, reminderList } from './campaign-documents.ts'
import { closeCampaign, findForm, getCampaign, listCampaigns, recordReturn, startCampaign } from './campaigns.service.ts'

export const campaignsHandlers: HandlersFor<keyof CampaignsOutputs> = {
  'campaigns.list': (ctx) => listCampaigns(ctx),
  'campaigns.get': (ctx, input) => getCampaign(ctx, input.id),
  'campaigns.start': (ctx, input) => startCampaign(ctx, input),
  'campaigns.close': (ctx, input) => closeCampaign(ctx, input.id),
  'campaigns.findForm': (ctx, input) => findForm(ctx, input.code),
  'campaigns.recordReturn': (ctx, input) => recordReturn(ctx, input),
  'campaigns.printForms': (ctx, input) => printForms(ctx, input),
  'campaigns.reminderList': (ctx, input) => reminderList(ctx, input),
}

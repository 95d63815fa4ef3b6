// Handlers for the school's settings.
import type { SettingsOutputs } from '../../../shared/settings.contract.ts'
import type { HandlersFor } from '../handler-types.ts'
import { getSettings, updateSettings } from './settings.service.ts'

export const settingsHandlers: HandlersFor<keyof SettingsOutputs> = {
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, input) => updateSettings(ctx, input),
}

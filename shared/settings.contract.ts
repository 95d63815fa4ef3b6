// The school's settings: its name, the school year and the staff member who works on this computer.
import type { Settings } from './domain.ts'
import { none, settingsPatchSchema } from './schemas-base.ts'

export const settingsSchemas = {
  'settings.get': none,
  'settings.update': settingsPatchSchema,
}

export interface SettingsOutputs {
  'settings.get': Settings
  'settings.update': Settings
}

// What the app tells about itself: version, schema, where the register lives, read-only state.
import type { AppInfo } from './domain.ts'
import { none } from './schemas-base.ts'

export const appSchemas = {
  'app.info': none,
}

export interface AppOutputs {
  'app.info': AppInfo
}

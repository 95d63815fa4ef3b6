import { openCore, type Core } from '../../electron/core/boot.ts'
import type { CoreContext } from '../../electron/core/context.ts'
import { silenceLog } from '../../electron/core/log.ts'

silenceLog()

/** A fresh, migrated in-memory database with a fixed clock. */
export function testCore(now = new Date('2026-11-22T09:30:00Z')): Core {
  return openCore({ dbPath: ':memory:', appVersion: '0.0.0-test', now: () => now })
}

export function testContext(now?: Date): CoreContext {
  return testCore(now).ctx
}

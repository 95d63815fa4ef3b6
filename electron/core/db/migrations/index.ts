import type { Database } from 'better-sqlite3'
import { up as initial } from './0010-initial.ts'
import { up as imports } from './0020-imports.ts'
import { up as campaigns } from './0030-campaigns.ts'
import { up as recordedMoments } from './0040-recorded-moments.ts'
import { up as auditScrub } from './0050-audit-scrub.ts'
import { up as rowVersions } from './0060-row-versions.ts'
import { up as yearLevels } from './0070-year-levels.ts'
import { up as mails } from './0100-mails.ts'
import { up as formLayouts } from './0110-form-layouts.ts'

export interface Migration {
  version: number
  name: string
  up: (db: Database) => void
}

/** In order. Numbered in steps of 10; the number becomes PRAGMA user_version. */
export const migrations: readonly Migration[] = [
  { version: 10, name: 'initial', up: initial },
  { version: 20, name: 'imports', up: imports },
  { version: 30, name: 'campaigns', up: campaigns },
  { version: 40, name: 'recorded-moments', up: recordedMoments },
  { version: 50, name: 'audit-scrub', up: auditScrub },
  { version: 60, name: 'row-versions', up: rowVersions },
  { version: 70, name: 'year-levels', up: yearLevels },
  { version: 100, name: 'mails', up: mails },
  { version: 110, name: 'form-layouts', up: formLayouts },
]

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0

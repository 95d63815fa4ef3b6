import { z } from 'zod'
import { fileTokenSchema } from './files.contract.ts'
import type { DocumentResult } from './documents.contract.ts'
import type { BackupReason } from './backups.labels.ts'

export * from './backups.labels.ts'

export interface BackupView {
  name: string
  reason: BackupReason
  createdAt: string
  size: number
}

export interface BackupsOverview {
  folder: string
  backups: BackupView[]
}

export const backupsSchemas = {
  'backups.list': z.strictObject({}),
  'backups.create': z.strictObject({}),
  'backups.restore': z.strictObject({ name: z.string().regex(/^toestemmingsregister-[\w-]+\.sqlite$/, 'Kies een reservekopie uit de lijst.') }),
  'backups.restoreUpload': z.strictObject({
    fileName: z.string().min(1).max(255),
    data: z.string().max(700_000_000, 'Dit bestand is te groot voor een database van Toestemmingsregister.'),
  }),
  /** Desktop only: main's open dialog chooses the file, the core reads it where it lies (no upload). */
  'backups.restoreChosen': z.strictObject({}),
  /** A file chosen by token (files.choose, a dropped file, the web harness's upload), read where it lies. */
  'backups.restoreFile': z.strictObject({ token: fileTokenSchema }),
  'backups.export': z.strictObject({ delivery: z.enum(['save', 'data']).default('save') }),
} as const

export interface BackupsOutputs {
  'backups.list': BackupsOverview
  'backups.create': BackupsOverview
  'backups.restore': BackupsOverview
  'backups.restoreUpload': BackupsOverview
  /** `restoredFrom`: the chosen file's name; null when the dialog was cancelled (nothing changed). */
  'backups.restoreChosen': BackupsOverview & { restoredFrom: string | null }
  /** `safetyBackup`: the backup of the state before, made first (a path in the backups folder). */
  'backups.restoreFile': BackupsOverview & { restoredFrom: string; safetyBackup: string | null }
  'backups.export': DocumentResult
}

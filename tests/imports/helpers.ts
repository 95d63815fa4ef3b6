import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../electron/cli.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { setUpEmptySchool } from '../helpers/register.ts'
import type { ImportFileInput } from '../../shared/imports.contract.ts'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports')
export const fixture = (name: string): string => join(FIXTURES, name)
export const fileInput = (name: string, path = fixture(name)): ImportFileInput => ({ name, data: readFileSync(path).toString('base64') })

/** An empty school on a fresh file, on 01-12-2026 with a staff name, as the import tests start from; close() removes it. */
export async function emptySchool(prefix: string): Promise<{ core: Core; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => new Date('2026-12-01T09:30:00Z') })
  await setUpEmptySchool(core)
  return {
    core,
    close: () => {
      core.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface CliPupil {
  file: string
  row: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  group: string | null
  guardians: { name: string; email: string; phone: string }[]
  consents: Record<string, 'granted' | 'refused' | 'unknown'>
  status: 'new' | 'changed' | 'unchanged'
}

export interface CliJson {
  files: {
    file: string
    ok: boolean
    error?: string
    layout: 'table' | 'form' | 'mixed' | null
    rows: number
    found: string
    sheets: { sheet: string; layout: 'table' | 'form' | null; rows: number; found: string }[]
    ignoredColumns: string[]
  }[]
  pupils: CliPupil[]
  rowErrors: { file: string; row: number; message: string }[]
  duplicates: unknown[]
  summary: Record<string, unknown>
}

/** Runs the CLI in this process, collecting what it writes. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: () => CliJson }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as CliJson }
}

/** Consent answers as a short string in purpose order: + granted, - refused, . no answer. */
export function answers(consents: CliPupil['consents']): string {
  const order = ['website', 'social_media', 'school_guide', 'newsletter', 'parent_app', 'press', 'class_video', 'contact_list']
  return order.map((c) => ({ granted: '+', refused: '-', unknown: '.' })[consents[c] ?? 'unknown']).join('')
}

import type { z } from 'zod'
import type { ApiOutput, Method } from '../../shared/api.ts'
import { AppError, INTERNAL_ERROR_MESSAGE, type Result } from '../../shared/errors.ts'
import { inputSchemas, isMethod } from '../../shared/schemas.ts'
import { handlers as defaultHandlers, type Handlers } from './api.ts'
import { runCall, type CoreContext } from './context.ts'
import { createLogger } from './log.ts'
import { readOnlyError } from './read-only.ts'

const log = createLogger('dispatch')

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>

export const DISK_FULL_MESSAGE =
  'De schijf is vol. Er is niets opgeslagen en niets half opgeslagen; wat al was opgeslagen blijft bewaard. Maak ruimte vrij op de schijf (of vraag de beheerder daarom) en probeer het opnieuw.'
export const DISK_ERROR_MESSAGE =
  'De schijf gaf een fout bij het lezen of schrijven. Er is niets half opgeslagen; wat al was opgeslagen blijft bewaard. Controleer of de schijf of netwerkmap bereikbaar is en er ruimte is, en probeer het opnieuw.'

/**
 * SQLite's and the file system's errors about the disk (full, read-only, failing) as a Dutch
 * AppError a user can act on; undefined for any other error. A failed write inside a transaction
 * has been rolled back, so "niets half opgeslagen" holds.
 */
export function storageError(e: unknown, ctx?: Pick<CoreContext, 'readOnly'>): AppError | undefined {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return undefined
  if (code === 'SQLITE_READONLY') return readOnlyError(ctx)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return new AppError('io', DISK_FULL_MESSAGE)
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new AppError('io', DISK_ERROR_MESSAGE)
  return undefined
}

/** The first problem zod found, as a Dutch message with the field it is about; every other problem with its field too. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  const field = issue?.path.map(String).join('.') ?? ''
  const message = issue?.message ?? 'Ongeldige invoer.'
  const issues = error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })).filter((i) => i.field !== '')
  return new AppError('validation', message, field || undefined, issues)
}

/** Method allow-list, input schema, handler, and every outcome as a Result. */
export function createDispatch(ctx: CoreContext, handlers: Handlers = defaultHandlers): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: 'Deze opdracht bestaat niet in het programma.' } }
    }
    const parsed = inputSchemas[method].safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toInfo() }
    try {
      const handler = handlers[method] as (c: CoreContext, i: unknown) => ApiOutput<Method> | Promise<ApiOutput<Method>>
      return { ok: true, value: await runCall(() => handler(ctx, parsed.data)) }
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toInfo() }
      const stored = storageError(e, ctx)
      if (stored) {
        log.warn(`${method}: ${(e as { code?: string }).code}`)
        return { ok: false, error: stored.toInfo() }
      }
      log.error(`unexpected error in ${method}`, e)
      return { ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } }
    }
  }
}

import type { z } from 'zod'
import type { ApiOutput, Method } from '../../shared/api.ts'
import { AppError, INTERNAL_ERROR_MESSAGE, type Result } from '../../shared/errors.ts'
import { inputSchemas, isMethod } from '../../shared/schemas.ts'
import { handlers as defaultHandlers, type Handlers } from './api.ts'
import type { CoreContext } from './context.ts'
import { createLogger } from './log.ts'
import { readOnlyError } from './read-only.ts'

const log = createLogger('dispatch')

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>

/** The first problem zod found, as a Dutch message with the field it is about. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  const field = issue?.path.map(String).join('.') ?? ''
  const message = issue?.message ?? 'Ongeldige invoer.'
  return new AppError('validation', message, field || undefined)
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
      return { ok: true, value: await handler(ctx, parsed.data) }
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toInfo() }
      if ((e as { code?: string }).code === 'SQLITE_READONLY') return { ok: false, error: readOnlyError(ctx).toInfo() }
      log.error(`unexpected error in ${method}`, e)
      return { ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } }
    }
  }
}

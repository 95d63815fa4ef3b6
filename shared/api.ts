// The contract: every method the renderer (or CLI, or harness) may call, once.
// Inputs are the zod schemas in schemas.ts; outputs are named here.
import type { z } from 'zod'
import type { AppInfo, GroupSummary, PupilSummary, Settings } from './domain.ts'
import type { Result } from './errors.ts'
import type { Method, inputSchemas } from './schemas.ts'

export type { Method } from './schemas.ts'

export interface ApiOutputs {
  'app.info': AppInfo
  'settings.get': Settings
  'settings.update': Settings
  'school.setup': Settings
  'groups.list': GroupSummary[]
  'pupils.list': PupilSummary[]
}

/** What a caller sends. */
export type ApiInput<M extends Method> = z.input<(typeof inputSchemas)[M]>
/** What a handler receives, after validation and defaults. */
export type ApiParsed<M extends Method> = z.output<(typeof inputSchemas)[M]>
export type ApiOutput<M extends Method> = ApiOutputs[M]

/** The one function every transport provides. */
export type Invoke = <M extends Method>(method: M, input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>

// Compile-time check: the outputs name exactly the methods of the schemas.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const contractIsComplete: Exact<Method, keyof ApiOutputs> = true

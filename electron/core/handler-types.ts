import type { ApiOutput, ApiParsed, Method } from '../../shared/api.ts'
import type { CoreContext } from './context.ts'

/** Handlers for some methods of the contract; a feature exports its own table of these. */
export type HandlersFor<K extends Method> = {
  [M in K]: (ctx: CoreContext, input: ApiParsed<M>) => ApiOutput<M> | Promise<ApiOutput<M>>
}

export type Handlers = HandlersFor<Method>

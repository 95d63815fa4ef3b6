// The typed call on the handler table: a door's dispatch (in-process, or the worker's) asked for one
// named method with that method's input, answering that method's output. Dispatch still validates
// the input; the types only keep a caller (the CLI, the tests) from naming a method or a field wrong.
import type { ApiInput, ApiOutput, Method } from '../../shared/api.ts'
import type { Result } from '../../shared/errors.ts'
import type { Dispatch } from './dispatch.ts'

/** Anything that dispatches: the in-process core, the worker's host, the CLI's door. */
export interface Door {
  dispatch: Dispatch
}

export function call<M extends Method>(door: Door, method: M, input: ApiInput<M>): Promise<Result<ApiOutput<M>>> {
  return door.dispatch(method, input) as Promise<Result<ApiOutput<M>>>
}

// The tests' typed call that fails the test on an error result. Its own module, without the
// log silencing of helpers/db.ts, so a test that searches the log can use it too.
import type { ApiInput, ApiOutput, Method } from '../../shared/api.ts'
import { call, type Door } from '../../electron/core/call.ts'

/** Calls a method through the real dispatch (in this process, or the harness's worker) and fails the test on an error result. */
export async function ok<M extends Method>(core: Door, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await call(core, method, input)
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`)
  return r.value
}

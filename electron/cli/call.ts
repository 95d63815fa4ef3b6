// `npm run cli -- call METHODE [JSON]`: any method of the handler table from a terminal. A file goes,
// as through every other door, by a token: write "@PAD" where the method takes one, e.g. a scan
// kept with an answer, '{"attachment":{"token":"@scan.pdf"}}'. The terminal vouches for the files
// it names, so each is registered by its path (as main does for its open dialog) and the core
// gets only the token; the file is read where it lies, after its size is checked.
import { resolve } from 'node:path'
import type { Result } from '../../shared/errors.ts'
import type { ChosenFile } from '../../shared/files.contract.ts'
import type { CoreHost } from '../core/worker-host.ts'

export const CALL_HELP = `  call METHODE [JSON]           roep een methode van het programma aan, bijv.
                                call pupils.list '{"groupId":1}'; een bestand als "@pad" waar
                                een token hoort: '{"attachment":{"token":"@scan.pdf"}}'
`

type Door = Pick<CoreHost, 'dispatch' | 'registerFile'>

/** `input` with every {"token":"@PAD"} replaced by the token of the file at PAD; the first file that cannot be read ends it. */
async function withTokens(door: Door, input: unknown): Promise<Result<unknown>> {
  if (Array.isArray(input)) {
    const out: unknown[] = []
    for (const item of input) {
      const r = await withTokens(door, item)
      if (!r.ok) return r
      out.push(r.value)
    }
    return { ok: true, value: out }
  }
  if (input === null || typeof input !== 'object') return { ok: true, value: input }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (key === 'token' && typeof value === 'string' && value.startsWith('@')) {
      const chosen = JSON.parse(await door.registerFile(resolve(value.slice(1)))) as Result<ChosenFile>
      if (!chosen.ok) return chosen
      out[key] = chosen.value.token
      continue
    }
    const r = await withTokens(door, value)
    if (!r.ok) return r
    out[key] = r.value
  }
  return { ok: true, value: out }
}

export async function runCallCommand(door: Door, method: string, input: unknown): Promise<Result<unknown>> {
  const given = await withTokens(door, input)
  return given.ok ? door.dispatch(method, given.value) : given
}

// Combines per-feature tables (input schemas, output types, handlers) into one, refusing a
// method name that two features define: at compile time through the parameter type, and at
// start with an error, so a later feature can never silently replace an earlier one's method.

/** The intersection of every table in the tuple. */
export type Combined<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Combined<R> : unknown

type KeysOf<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? keyof H | KeysOf<R> : never

/** The method names more than one table in the tuple defines (never when there are none). */
export type Overlap<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? (keyof H & KeysOf<R>) | Overlap<R> : never

/** Only a tuple whose tables share no method name; anything else does not compile. */
type Disjoint<T extends readonly object[]> = [Overlap<T>] extends [never] ? T : { duplicateMethods: Overlap<T> }

/** One table of all the parts; throws when two parts define the same method name. */
export function combineTables<const T extends readonly object[]>(what: string, parts: Disjoint<T> & T): Combined<T> {
  const combined: Record<string, unknown> = {}
  for (const part of parts as readonly object[]) {
    for (const [name, value] of Object.entries(part)) {
      if (Object.hasOwn(combined, name)) throw new Error(`${what}: the method '${name}' is defined twice; give it one home.`)
      combined[name] = value
    }
  }
  return combined as Combined<T>
}

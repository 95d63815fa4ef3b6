// The input of a save method for a row a user edits, built from the row's fields. Without an
// id the save creates a row: the required fields must be there and an omitted one gets its
// default. With an id it changes that row: the version the screen loaded is required (a stale
// one is refused by the service), and a field left out keeps its stored value, so a caller
// never clears what it did not send. Clearing is explicit: '' for a text, null (or '') for a
// date, null for a reference such as the group.
import { z } from 'zod'

/** The id of a row: a pupil, group, purpose, ... */
export const id = z.number('Kies eerst een leerling, groep of doel.').int().positive()
/** The version of a row as the screen loaded it; every change of the row raises it. */
export const version = z.number('Er is niets opgeslagen: het scherm stuurde niet mee welke versie het had geladen. Vernieuw het scherm en probeer het opnieuw.').int().positive()

type Unwrapped<T> = T extends z.ZodDefault<infer Inner> ? Inner : T

type ChangeShape<S extends z.ZodRawShape, Kept extends keyof S, CreateOnly extends keyof S> = {
  [K in Exclude<keyof S, CreateOnly>]: K extends Kept ? S[K] : z.ZodOptional<Unwrapped<S[K]>>
}

interface SaveSchemaOptions<S extends z.ZodRawShape, V extends string, Kept extends keyof S, CreateOnly extends keyof S> {
  /** The name of the version field (default 'version'). */
  versionKey?: V
  /** Fields a change must send too (they say where the row belongs, not what it says). */
  kept?: readonly Kept[]
  /** Fields only a new row has; a change that sends one is refused. */
  createOnly?: readonly CreateOnly[]
}

const hasId = (input: unknown): boolean => typeof input === 'object' && input !== null && (input as { id?: unknown }).id !== undefined

export function saveSchema<S extends z.ZodRawShape, V extends string = 'version', Kept extends keyof S = never, CreateOnly extends keyof S = never>(fields: S, options: SaveSchemaOptions<S, V, Kept, CreateOnly> = {}) {
  const versionKey = (options.versionKey ?? 'version') as V
  const kept = new Set<PropertyKey>(options.kept ?? [])
  const createOnly = new Set<PropertyKey>(options.createOnly ?? [])
  const create = z.strictObject({ ...fields, id: z.undefined().optional() })
  const changeFields: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(fields) as [string, z.ZodType][]) {
    if (createOnly.has(key)) continue
    if (kept.has(key)) changeFields[key] = field
    else changeFields[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional()
  }
  const change = z.strictObject({
    id,
    [versionKey]: version,
    ...changeFields,
  }) as unknown as z.ZodObject<{ id: typeof id } & { [K in V]: typeof version } & ChangeShape<S, Kept, CreateOnly>, z.core.$strict>

  // Which of the two a caller meant is plain from the id; zod's union would report both.
  const schema = z.unknown().transform((input, ctx) => {
    const parsed = (hasId(input) ? change : create).safeParse(input)
    if (parsed.success) return parsed.data
    for (const issue of parsed.error.issues) ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input })
    return z.NEVER
  })
  return schema as unknown as z.ZodType<z.output<typeof create> | z.output<typeof change>, z.input<typeof create> | z.input<typeof change>>
}

/** The fields of a change that were sent: the omitted ones keep their stored value. */
export function sentFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>
}

// The printed layouts, remembered when forms are printed and looked up when a sheet comes back: the
// QR code's digest names one. Remembering is skipped when nothing may be written (the sheet is then
// read only if its layout was printed before); a stored layout that does not parse is not used.
import type { CoreContext } from '../context.ts'
import { layoutDigest, type SheetLayout } from '../documents/consent-form-layout.ts'
import { layoutJson, saveLayout } from './scan.queries.ts'

export function rememberLayouts(ctx: CoreContext, layouts: Record<string, SheetLayout>): void {
  if (ctx.readOnly) return
  const at = ctx.now().toISOString()
  ctx.db.transaction(() => {
    for (const [digest, layout] of Object.entries(layouts)) saveLayout(ctx.db, digest, layout.version, JSON.stringify(layout), at)
  })()
}

/** Parsed layouts per connection: a restore's new connection (another register) starts empty. */
const parsedPer = new WeakMap<CoreContext['db'], Map<string, SheetLayout>>()

/** The layout a QR code names, checked against its own digest, from this register only. */
export function printedLayout(ctx: CoreContext, digest: string): SheetLayout | undefined {
  let parsed = parsedPer.get(ctx.db)
  if (!parsed) parsedPer.set(ctx.db, (parsed = new Map()))
  const hit = parsed.get(digest)
  if (hit) return hit
  const json = layoutJson(ctx.db, digest)
  if (!json) return undefined
  try {
    const layout = JSON.parse(json) as SheetLayout
    if (layoutDigest(layout) !== digest) return undefined
    parsed.set(digest, layout)
    return layout
  } catch {
    return undefined
  }
}

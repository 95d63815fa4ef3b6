// What the school puts on its documents besides its name: the consent form's intro text and a
// logo (PNG or JPG only, checked by its bytes). Kept in school_settings with the other settings.
import { createHash } from 'node:crypto'
import { pdfKit } from '../libraries.ts'
import type { ApiParsed } from '../../../shared/api.ts'
import { MAX_LOGO_BYTES, type DocumentSettings } from '../../../shared/documents.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import { writeAudit } from '../audit/audit.ts'
import type { CoreContext } from '../context.ts'
import { getSettings } from '../settings/settings.service.ts'
import { DEFAULT_INTRO } from './consent-form.ts'
import type { Letterhead } from './pdf-base.ts'

const KEYS = { intro: 'documents.formIntro', logo: 'documents.logo', logoType: 'documents.logoType' } as const
type LogoType = 'image/png' | 'image/jpeg'

function read(ctx: CoreContext, key: string): string | undefined {
  return ctx.db.prepare(`SELECT value FROM school_settings WHERE key = ?`).pluck().get(key) as string | undefined
}

function put(ctx: CoreContext, key: string, value: string | null): void {
  if (value === null) ctx.db.prepare(`DELETE FROM school_settings WHERE key = ?`).run(key)
  else ctx.db.prepare(`INSERT INTO school_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value)
}

/** PNG or JPG by its first bytes; the file name is not trusted. */
export function logoType(bytes: Buffer): LogoType | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  return undefined
}

/** Refuses what is not a PNG or JPG a PDF can hold, with a Dutch message at the field. */
export function checkLogo(fileName: string, bytes: Buffer): LogoType {
  if (bytes.length === 0) throw new AppError('validation', `Het bestand ${fileName} is leeg. Kies het logo opnieuw.`, 'logo')
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('validation', 'Het logo is groter dan 2 MB. Kies een kleiner bestand.', 'logo')
  const type = logoType(bytes)
  if (!type) throw new AppError('validation', `${fileName} is geen PNG- of JPG-afbeelding. Sla het logo op als PNG of JPG en kies het opnieuw.`, 'logo')
  try {
    ;(new (pdfKit())({ autoFirstPage: false }) as unknown as { openImage(b: Buffer): unknown }).openImage(bytes)
  } catch {
    throw new AppError('validation', `${fileName} is beschadigd of een soort ${type === 'image/png' ? 'PNG' : 'JPG'} die niet in een PDF past. Sla het logo opnieuw op als gewone PNG of JPG.`, 'logo')
  }
  return type
}

export function getDocumentSettings(ctx: CoreContext): DocumentSettings {
  const logo = read(ctx, KEYS.logo)
  const type = read(ctx, KEYS.logoType) as LogoType | undefined
  return {
    formIntro: read(ctx, KEYS.intro) ?? '',
    defaultFormIntro: DEFAULT_INTRO,
    logo: logo && type ? { mimeType: type, size: Buffer.from(logo, 'base64').length, data: logo } : null,
  }
}

export function saveDocumentSettings(ctx: CoreContext, input: ApiParsed<'documents.saveSettings'>): DocumentSettings {
  const bytes = input.logo ? Buffer.from(input.logo.data, 'base64') : undefined
  const type = input.logo && bytes ? checkLogo(input.logo.fileName, bytes) : undefined
  return ctx.db.transaction(() => {
    const before = getDocumentSettings(ctx)
    const old: Record<string, unknown> = {}
    const changed: Record<string, unknown> = {}
    if (input.formIntro !== undefined && input.formIntro !== before.formIntro) {
      put(ctx, KEYS.intro, input.formIntro)
      old.formIntro = before.formIntro
      changed.formIntro = input.formIntro
    }
    const describe = (l: { size: number; data: string } | null): string | null =>
      l ? `logo (${l.size} bytes, sha256 ${createHash('sha256').update(Buffer.from(l.data, 'base64')).digest('hex').slice(0, 16)})` : null
    if (input.logo === null && before.logo) {
      put(ctx, KEYS.logo, null)
      put(ctx, KEYS.logoType, null)
      old.logo = describe(before.logo)
      changed.logo = null
    } else if (input.logo && bytes && type) {
      put(ctx, KEYS.logo, bytes.toString('base64'))
      put(ctx, KEYS.logoType, type)
      old.logo = describe(before.logo)
      changed.logo = describe({ size: bytes.length, data: bytes.toString('base64') })
    }
    if (Object.keys(changed).length > 0) {
      writeAudit(ctx.db, ctx.now(), { actor: getSettings(ctx).staffName, action: 'settings.update', entity: 'settings', oldValue: old, newValue: changed })
    }
    return getDocumentSettings(ctx)
  })()
}

/** The school's name and logo, for the top of every page. */
export function letterhead(ctx: CoreContext): Letterhead {
  const logo = read(ctx, KEYS.logo)
  return { schoolName: getSettings(ctx).schoolName, logo: logo ? Buffer.from(logo, 'base64') : null }
}

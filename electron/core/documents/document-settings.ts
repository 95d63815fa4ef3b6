// What the school puts on its documents besides its name: the consent form's intro text, a logo
// (PNG or JPG only, checked by its bytes and its size in pixels, at upload and again at use), and
// who parents reach for questions and their rights (address, e-mail, phone, privacy officer,
// privacy statement). Kept in school_settings.
import { createHash } from 'node:crypto'
import { pdfKit } from '../libraries.ts'
import type { ApiParsed } from '../../../shared/api.ts'
import { LOGO_TOO_LARGE_MESSAGE, MAX_LOGO_BYTES, SCHOOL_CONTACT_FIELDS, type DocumentSettings, type SchoolContact } from '../../../shared/documents.contract.ts'
import { AppError } from '../../../shared/errors.ts'
import { checkImage, describeSize, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../attachments/image-size.ts'
import { writeAudit } from '../audit/audit.ts'
import { chosenFile, readChosenFile } from '../chosen-files.ts'
import type { CoreContext } from '../context.ts'
import { createLogger } from '../log.ts'
import { deleteSetting, putSetting, settingValue } from '../settings/settings.queries.ts'
import { getSettings } from '../settings/settings.service.ts'
import { DEFAULT_INTRO } from './consent-form.ts'
import type { Letterhead } from './pdf-base.ts'

const log = createLogger('documents')

const KEYS = { intro: 'documents.formIntro', logo: 'documents.logo', logoType: 'documents.logoType' } as const
type LogoType = 'image/png' | 'image/jpeg'

function read(ctx: CoreContext, key: string): string | undefined {
  return settingValue(ctx.db, key)
}

function put(ctx: CoreContext, key: string, value: string | null): void {
  if (value === null) deleteSetting(ctx.db, key)
  else putSetting(ctx.db, key, value)
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
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('validation', LOGO_TOO_LARGE_MESSAGE, 'logo')
  const type = logoType(bytes)
  if (!type) throw new AppError('validation', `${fileName} is geen PNG- of JPG-afbeelding. Sla het logo op als PNG of JPG en kies het opnieuw.`, 'logo')
  const image = checkImage(bytes, type, { pixels: true })
  if (!image.ok && image.problem === 'too_big') {
    throw new AppError(
      'validation',
      `Het logo ${fileName} is ${describeSize(image.size)}: te groot om in een document te zetten (de grens is ${MAX_IMAGE_SIDE.toLocaleString('nl-NL')} pixels per kant en ${MAX_IMAGE_PIXELS / 1_000_000} miljoen pixels in totaal). Het is niet opgeslagen; het logo dat er stond blijft. Maak het kleiner, bijvoorbeeld in Paint met 'Formaat wijzigen' tot ongeveer 1.000 pixels breed, sla het op als PNG of JPG en kies het opnieuw.`,
      'logo',
    )
  }
  if (!image.ok) {
    throw new AppError(
      'validation',
      `${fileName} is beschadigd of onvolledig (de afbeelding klopt niet met wat het bestand over zichzelf zegt). Het is niet opgeslagen. Open het logo in een tekenprogramma, sla het opnieuw op als PNG of JPG en kies het opnieuw.`,
      'logo',
    )
  }
  try {
    ;(new (pdfKit())({ autoFirstPage: false }) as unknown as { openImage(b: Buffer): unknown }).openImage(bytes)
  } catch {
    throw new AppError('validation', `${fileName} is beschadigd of een soort ${type === 'image/png' ? 'PNG' : 'JPG'} die niet in een PDF past. Sla het logo opnieuw op als gewone PNG of JPG.`, 'logo')
  }
  return type
}

/** The school's contact for parents, privacy officer and privacy statement, as set in Instellingen ('' when not set). */
export function schoolContact(ctx: CoreContext): SchoolContact {
  return Object.fromEntries(SCHOOL_CONTACT_FIELDS.map((f) => [f, read(ctx, `documents.${f}`) ?? ''])) as SchoolContact
}

export function getDocumentSettings(ctx: CoreContext): DocumentSettings {
  const logo = read(ctx, KEYS.logo)
  const type = read(ctx, KEYS.logoType) as LogoType | undefined
  return {
    ...schoolContact(ctx),
    formIntro: read(ctx, KEYS.intro) ?? '',
    defaultFormIntro: DEFAULT_INTRO,
    logo: logo && type ? { mimeType: type, size: Buffer.from(logo, 'base64').length, data: logo } : null,
  }
}

/** The chosen logo's name and bytes, read where it lies; one over 2 MB is refused by its size, before a byte is read. */
function chosenLogo(ctx: CoreContext, token: string): { fileName: string; bytes: Buffer } {
  const entry = chosenFile(ctx, token)
  const file = readChosenFile(entry, MAX_LOGO_BYTES)
  if (!('bytes' in file)) throw new AppError('validation', LOGO_TOO_LARGE_MESSAGE, 'logo')
  return { fileName: entry.name.replace(/^.*[\\/]/, ''), bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) }
}

export function saveDocumentSettings(ctx: CoreContext, input: ApiParsed<'documents.saveSettings'>): DocumentSettings {
  const chosen = input.logo ? chosenLogo(ctx, input.logo.token) : undefined
  const bytes = chosen?.bytes
  const type = chosen ? checkLogo(chosen.fileName, chosen.bytes) : undefined
  return ctx.db.transaction(() => {
    const before = getDocumentSettings(ctx)
    const old: Record<string, unknown> = {}
    const changed: Record<string, unknown> = {}
    if (input.formIntro !== undefined && input.formIntro !== before.formIntro) {
      put(ctx, KEYS.intro, input.formIntro)
      old.formIntro = before.formIntro
      changed.formIntro = input.formIntro
    }
    for (const field of SCHOOL_CONTACT_FIELDS) {
      const value = input[field]
      if (value === undefined || value === before[field]) continue
      put(ctx, `documents.${field}`, value === '' ? null : value)
      old[field] = before[field]
      changed[field] = value
    }
    const describe = (l: { size: number; data: string } | null): string | null => (l ? `logo (${l.size} bytes, sha256 ${createHash('sha256').update(Buffer.from(l.data, 'base64')).digest('hex').slice(0, 16)})` : null)
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

/** The last stored logo checked at use, so a batch of documents checks it once. */
let lastChecked: { data: string; fine: boolean } | undefined

/**
 * A stored logo fit to draw: a database from before the pixel check may hold one that would make
 * pdfkit decode gigabytes. Such a logo is left off the documents (with a log line), not fatal.
 */
function usableLogo(data: string): Buffer | null {
  const bytes = Buffer.from(data, 'base64')
  if (lastChecked?.data !== data) {
    const type = logoType(bytes)
    const image = type ? checkImage(bytes, type, { pixels: true }) : undefined
    lastChecked = { data, fine: image?.ok === true }
    if (!image?.ok) log.warn('stored logo left off the documents', { reason: image?.ok === false ? image.problem : 'not a PNG or JPG', ...(image?.ok === false && image.problem === 'too_big' ? image.size : {}) })
  }
  return lastChecked.fine ? bytes : null
}

/** The school's name and logo, for the top of every page. */
export function letterhead(ctx: CoreContext): Letterhead {
  const logo = read(ctx, KEYS.logo)
  return { schoolName: getSettings(ctx).schoolName, logo: logo ? usableLogo(logo) : null }
}

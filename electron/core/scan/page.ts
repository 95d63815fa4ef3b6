// One scanned page read: the pixels (page-pixels.ts: marks, transform, QR code, boxes, signature
// lines; in a page reader's thread or here) and what the register says of the code they found: the
// form and pupil behind it and the layout it was printed with. Reads the register, never writes to it.
import { join } from 'node:path'
import type { ScannedPage, ScannedSignature } from '../../../shared/scan.ts'
import type { CoreContext } from '../context.ts'
import { parseFormQr, type FormQr, type SheetLayout } from '../documents/consent-form-layout.ts'
import { printedLayout } from './layouts.ts'
import type { LayoutFor, PixelReading } from './page-pixels.ts'
import { formByCode, guardianIdsInOrder, type FormByCode } from './scan.queries.ts'
import { STRAIGHT_SCALE } from './straighten.ts'

const NO_CODE =
  'Op deze pagina staat geen formuliercode die het programma kan lezen (bijvoorbeeld een eigen brief van een ouder, of een voorblad). Er is niets vastgelegd. Wijs de pagina zo nodig met de hand toe aan een leerling.'

/** The code of a page looked up in the register: the form, and the layout it was printed with. */
interface Lookup {
  q: FormQr
  form: FormByCode | undefined
  layout: SheetLayout | undefined
}

function lookUp(ctx: CoreContext, text: string): Lookup | undefined {
  const q = parseFormQr(text)
  if (!q) return undefined
  const form = formByCode(ctx.db, q.code)
  return { q, form, layout: form && q.layout ? printedLayout(ctx, q.layout) : undefined }
}

/** Where a read page's straightened picture goes. */
export const pageImagePath = (outDir: string, index: number): string => join(outDir, `pagina-${String(index + 1).padStart(4, '0')}.png`)

/**
 * Reads one page: `pixels` reads the picture (here or in a page reader's thread), asking for the
 * layout of the code it finds; the register answers that, and what was found becomes the page.
 */
export async function readPage(ctx: CoreContext, base: { index: number; source: string }, outDir: string, pixels: (layoutFor: LayoutFor, imagePath: string) => Promise<PixelReading>): Promise<ScannedPage> {
  const empty = { ...base, answers: [], signatures: [] }
  let looked: Lookup | undefined
  const imagePath = pageImagePath(outDir, base.index)
  const where = await pixels((text) => (looked = lookUp(ctx, text))?.layout, imagePath)
  if (where.kind === 'undecodable') {
    return {
      ...empty,
      status: 'unreadable',
      message: `${base.source} is niet te lezen (beschadigd of een soort afbeelding die het programma niet kent). Er is niets vastgelegd. Scan deze pagina opnieuw.`,
    }
  }
  if (where.kind === 'nothing') return { ...empty, status: 'no_code', message: NO_CODE }
  // Looked up already when the pixels asked for the layout; a page without marks did not ask.
  const found = looked ?? lookUp(ctx, where.text)
  if (!found) return { ...empty, status: 'no_code', message: NO_CODE }
  const { q, form, layout } = found
  if (!form) return { ...empty, status: 'unreadable', message: unknownCode(q.code) }
  const formInfo = { code: q.code, sheet: q.sheet, sheets: q.sheets, layoutVersion: q.version, pupilId: form.pupilId, campaignId: form.campaignId }
  // A form printed before the reader (no layout in its code, no corner marks): its answers are typed in from the page.
  if (!q.layout) return { ...empty, status: 'unreadable', form: formInfo, byHand: 'old_form', message: oldForm(q.code) }
  if (where.kind === 'qrOnly') {
    // No marks where a code says they should be: the code still says whose page it is.
    return {
      ...empty,
      status: 'unreadable',
      form: formInfo,
      message: `Formulier ${q.code} is herkend, maar de hoekjes van de pagina zijn niet te zien (afgesneden, gevouwen of te scheef). Er is niets vastgelegd. Scan de pagina opnieuw, recht en helemaal, of vul de antwoorden met de hand in.`,
    }
  }
  if (!layout || !where.marks) return { ...empty, status: 'unreadable', form: formInfo, byHand: 'unknown_layout', message: unknownLayout(q.code) }
  const guardians = where.marks.signatures.length > 0 ? guardianIdsInOrder(ctx.db, form.pupilId) : []
  const signatures = where.marks.signatures.map((s): ScannedSignature => ({ guardianId: guardians[s.slot] ?? null, ...s }))
  const notes: string[] = []
  if (where.turn === 2) notes.push('Deze pagina lag ondersteboven in de scanner; ze is rechtgezet en gelezen.')
  if (where.turn % 2 === 1) notes.push('Deze pagina lag dwars in de scanner; ze is rechtgezet en gelezen.')
  if (form.closedAt) notes.push(`Dit formulier hoort bij de ronde '${form.campaignName}', die is afgesloten: de antwoorden worden niet bij die ronde geteld. Leg ze zo nodig vast bij de leerling zelf.`)
  return { ...base, status: 'read', ...(notes.length ? { message: notes.join(' ') } : {}), form: formInfo, answers: where.marks.answers, signatures, imagePath, scale: STRAIGHT_SCALE }
}

const oldForm = (code: string): string =>
  `Formulier ${code} is een ouder formulier, gedrukt voordat het programma formulieren kon lezen: de vakjes Ja en Nee kan het programma daarop niet lezen. Er is niets vastgelegd. Geef de pagina aan de leerling en vul de antwoorden in met het toetsenbord; de pagina staat ernaast en wordt als bewijs bewaard.`
const unknownLayout = (code: string): string =>
  `Formulier ${code} is herkend, maar gedrukt met een opmaak die dit register niet kent (op een andere computer, of vóór het terugzetten van een reservekopie): de vakjes Ja en Nee kan het programma daarop niet lezen. Er is niets vastgelegd. Geef de pagina aan de leerling en vul de antwoorden in met het toetsenbord; de pagina staat ernaast en wordt als bewijs bewaard.`
const unknownCode = (code: string): string => `Formuliercode ${code} staat niet in dit register (een formulier van een andere school of een verwijderde leerling). Er is niets vastgelegd. Zoek de leerling op naam.`

// One scanned page read: the corner marks and the page's transform, the QR code (which also tells
// a page upside down or sideways), the form and pupil behind its code, the layout it was printed
// with, then each purpose's boxes and each signature line. Reads the register, never writes to it.
import type { ScannedAnswer, ScannedPage, ScannedSignature } from '../../../shared/scan.ts'
import type { CoreContext } from '../context.ts'
import { parseFormQr, type SheetLayout } from '../documents/consent-form-layout.ts'
import { boxInk, decide, fieldInk, pageLevels } from './boxes.ts'
import type { Homography } from './homography.ts'
import { printedLayout } from './layouts.ts'
import { locate } from './locate.ts'
import type { Gray } from './pixels.ts'
import { formByCode, guardianIdsInOrder } from './scan.queries.ts'
import { STRAIGHT_SCALE, writeStraightened } from './straighten.ts'

const NO_CODE =
  'Op deze pagina staat geen formuliercode die het programma kan lezen (bijvoorbeeld een eigen brief van een ouder, of een voorblad). Er is niets vastgelegd. Wijs de pagina zo nodig met de hand toe aan een leerling.'

/** Reads one page; the straightened picture's writing is added to `writing` (the caller waits for it). */
export async function readPage(ctx: CoreContext, img: Gray, base: { index: number; source: string }, outDir: string, writing: Promise<unknown>[] = []): Promise<ScannedPage> {
  const empty = { ...base, answers: [], signatures: [] }
  const where = await locate(img)
  if (!('found' in where)) {
    // No marks where a code says they should be: the code still says whose page it is.
    const q = 'qrOnly' in where ? parseFormQr(where.qrOnly.text) : undefined
    if (!q) return { ...empty, status: 'no_code', message: NO_CODE }
    const form = formByCode(ctx.db, q.code)
    if (!form) return { ...empty, status: 'unreadable', message: unknownCode(q.code) }
    const formInfo = { code: q.code, sheet: q.sheet, sheets: q.sheets, layoutVersion: q.version, pupilId: form.pupilId, campaignId: form.campaignId }
    // A form printed before the reader has no corner marks: its answers are typed in from the page.
    if (!q.layout) return { ...empty, status: 'unreadable', form: formInfo, byHand: 'old_form', message: oldForm(q.code) }
    return {
      ...empty,
      status: 'unreadable',
      form: formInfo,
      message: `Formulier ${q.code} is herkend, maar de hoekjes van de pagina zijn niet te zien (afgesneden, gevouwen of te scheef). Er is niets vastgelegd. Scan de pagina opnieuw, recht en helemaal, of vul de antwoorden met de hand in.`,
    }
  }
  const located = where.found
  const q = parseFormQr(located.qr.text)
  if (!q) return { ...empty, status: 'no_code', message: NO_CODE }
  const form = formByCode(ctx.db, q.code)
  if (!form) return { ...empty, status: 'unreadable', message: unknownCode(q.code) }
  const formInfo = { code: q.code, sheet: q.sheet, sheets: q.sheets, layoutVersion: q.version, pupilId: form.pupilId, campaignId: form.campaignId }
  const layout = q.layout ? printedLayout(ctx, q.layout) : undefined
  if (!layout) {
    const byHand = q.layout ? 'unknown_layout' : 'old_form'
    return { ...empty, status: 'unreadable', form: formInfo, byHand, message: byHand === 'old_form' ? oldForm(q.code) : unknownLayout(q.code) }
  }
  const page = readMarks(ctx, img, located.h, layout, form.pupilId)
  const notes: string[] = []
  if (located.turn === 2) notes.push('Deze pagina lag ondersteboven in de scanner; ze is rechtgezet en gelezen.')
  if (located.turn % 2 === 1) notes.push('Deze pagina lag dwars in de scanner; ze is rechtgezet en gelezen.')
  if (form.closedAt) notes.push(`Dit formulier hoort bij de ronde '${form.campaignName}', die is afgesloten: de antwoorden worden niet bij die ronde geteld. Leg ze zo nodig vast bij de leerling zelf.`)
  const { path: imagePath, written } = writeStraightened(img, located.h, layout.page, outDir, `pagina-${String(base.index + 1).padStart(4, '0')}.png`)
  writing.push(written)
  return { ...base, status: 'read', ...(notes.length ? { message: notes.join(' ') } : {}), form: formInfo, ...page, imagePath, scale: STRAIGHT_SCALE }
}

const oldForm = (code: string): string =>
  `Formulier ${code} is een ouder formulier, gedrukt voordat het programma formulieren kon lezen: de vakjes Ja en Nee kan het programma daarop niet lezen. Er is niets vastgelegd. Geef de pagina aan de leerling en vul de antwoorden in met het toetsenbord; de pagina staat ernaast en wordt als bewijs bewaard.`
const unknownLayout = (code: string): string =>
  `Formulier ${code} is herkend, maar gedrukt met een opmaak die dit register niet kent (op een andere computer, of vóór het terugzetten van een reservekopie): de vakjes Ja en Nee kan het programma daarop niet lezen. Er is niets vastgelegd. Geef de pagina aan de leerling en vul de antwoorden in met het toetsenbord; de pagina staat ernaast en wordt als bewijs bewaard.`
const unknownCode = (code: string): string => `Formuliercode ${code} staat niet in dit register (een formulier van een andere school of een verwijderde leerling). Er is niets vastgelegd. Zoek de leerling op naam.`

function readMarks(ctx: CoreContext, img: Gray, h: Homography, layout: SheetLayout, pupilId: number): { answers: ScannedAnswer[]; signatures: ScannedSignature[] } {
  const levels = pageLevels(img, h, layout.marks)
  const answers = layout.rows.map((row): ScannedAnswer => {
    const ja = boxInk(img, h, row.ja, levels)
    const nee = boxInk(img, h, row.nee, levels)
    const { reading, confidence } = decide(ja, nee)
    return { purposeId: row.purposeId ?? 0, reading, confidence, ink: { ja: round(ja.inside), nee: round(nee.inside) }, row: row.row }
  })
  const guardians = layout.signatures.length > 0 ? guardianIdsInOrder(ctx.db, pupilId) : []
  const signatures = layout.signatures.map((line): ScannedSignature => {
    const sign = fieldInk(img, h, line.sign, levels)
    const date = fieldInk(img, h, line.date, levels)
    return { guardianId: guardians[line.slot] ?? null, slot: line.slot, signed: sign.present, dated: date.present, confidence: Math.min(sign.confidence, date.confidence), block: line.block }
  })
  return { answers, signatures }
}

const round = (n: number): number => Math.round(n * 1000) / 1000

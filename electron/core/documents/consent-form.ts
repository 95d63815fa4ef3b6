// The consent form: one pupil per page, pre-filled, with a Ja and a Nee box per purpose, the
// school's intro, the rules and who to contact (from Instellingen), a signature line per guardian
// (at least two), and the pupil's form code as text and as a QR code, so the desk finds the pupil
// at once when the form comes back. A form that asks again marks the new and changed purposes.
import type { SchoolContact } from '../../../shared/documents.contract.ts'
import { ASK_AGAIN_RULE, contactRule, DEFAULT_INTRO, RULES } from './consent-form-texts.ts'
import { coverPage, type FormGroup } from './consent-form-cover.ts'
import { formatDate } from '../../../shared/domain.ts'
import { COLOR, CONTENT_WIDTH, createDocument, drawLogo, F, finish, MARGIN, openLogo, PAGE, type Doc, type Fonts, type Letterhead } from './pdf-base.ts'
import { drawQr } from './qr.ts'
import { drawLines, fitLine, guardianLabel, measureFit, wrapLines } from './text-wrap.ts'

export interface ConsentFormPupil {
  formCode: string
  /** 'Zoë van der Berg' */
  name: string
  birthDate: string | null
  groupName: string | null
  guardians: { name: string; relation: string }[]
  /**
   * Per purpose (same order as the input's purposes): 'new' when the pupil has answers but none for
   * this purpose, 'changed' when the answer was given to an older text. Any mark makes the form one
   * that asks again: the other answers stand.
   */
  marks?: ('new' | 'changed' | null)[]
}

export interface ConsentFormsInput {
  letterhead: Letterhead
  schoolYear: string
  /** The school's own words above the questions; a standard text when empty. */
  intro: string
  purposes: { label: string; description: string }[]
  pupils: ConsentFormPupil[]
  generatedAt: Date
  /** Who parents reach for questions and for withdrawing, and where the privacy statement is. */
  contact?: SchoolContact
  madeBy?: string
  /** Several groups' forms in one batch: a cover page before each group's, for sorting them out. */
  groups?: FormGroup[]
}

export interface RenderOptions {
  /** Called after each page, with the number done and the total. */
  onProgress?: (done: number, total: number) => void
  /** Lets other work (a progress request) run between pages. */
  yieldToOthers?: () => Promise<void>
}

export { ASK_AGAIN_RULE, contactRule, DEFAULT_INTRO, RULES } from './consent-form-texts.ts'

const TITLE = "Toestemming voor foto's en video's"
const BOTTOM = PAGE.height - 58
const QR_SIDE = 62
const BOX = 10.5
const CHOICE_WIDTH = 52

interface Plan {
  scale: number
  intro: string[]
  rules: string[][]
  purposes: { label: string[]; description: string[] }[]
  descSize: number
  descLead: number
  rowPad: number
  /** The purposes (by index) on each sheet of one pupil's form: one sheet unless they cannot fit. */
  sheets: number[][]
  /** Signature lines on this batch's forms: one per guardian, at least two, at most four. */
  signers: number
}

/** Room at the right of a purpose's text for its 'NIEUW' or 'TEKST GEWIJZIGD' mark. */
const MARK_WIDTH = 92

function build(doc: Doc, input: ConsentFormsInput, scale: number, intro: string[], rules: string[][]): Plan {
  const textWidth = CONTENT_WIDTH - 2 * CHOICE_WIDTH - 16 - (input.pupils.some((p) => p.marks?.some(Boolean)) ? MARK_WIDTH : 0)
  const descSize = 8.5 * scale
  return {
    scale,
    intro,
    rules,
    descSize,
    descLead: descSize * 1.3,
    rowPad: 7 * scale,
    sheets: [input.purposes.map((_, i) => i)],
    signers: Math.min(4, Math.max(2, ...input.pupils.map((pupil) => pupil.guardians.length))),
    purposes: input.purposes.map((purpose) => {
      doc.font(F.bold).fontSize(10 * Math.max(scale, 0.85))
      const label = wrapLines(doc, purpose.label, textWidth)
      doc.font(F.regular).fontSize(descSize)
      return { label, description: purpose.description ? wrapLines(doc, purpose.description, textWidth) : [] }
    }),
  }
}

/**
 * Wraps the text that is the same on every form once. The purposes shrink a little until one sheet
 * holds them; when even that is not enough (many purposes), the form goes on over a second sheet
 * in a readable size, with the signatures on the last one.
 */
function plan(doc: Doc, input: ConsentFormsInput, askAgain: boolean): Plan {
  doc.font(F.regular).fontSize(9.5)
  const intro = wrapLines(doc, input.intro.trim() || DEFAULT_INTRO, CONTENT_WIDTH)
  doc.fontSize(8.5)
  const texts = [...RULES.slice(0, -1), askAgain ? ASK_AGAIN_RULE : (RULES.at(-1) ?? ''), contactRule(input.letterhead.schoolName, input.contact)].filter(Boolean)
  const rules = texts.map((r) => wrapLines(doc, r, CONTENT_WIDTH - 30))
  for (const scale of [1, 0.93, 0.86]) {
    const p = build(doc, input, scale, intro, rules)
    const table = 20 + p.purposes.reduce((h, row) => h + rowHeight(p, row), 0)
    if (purposesTop(p) + table + signatureHeight(p) <= BOTTOM) return p
  }
  const p = build(doc, input, 0.93, intro, rules)
  const sheets: number[][] = [[]]
  let y = purposesTop(p) + 20
  p.purposes.forEach((row, i) => {
    const h = rowHeight(p, row)
    if (y + h > BOTTOM) {
      sheets.push([])
      y = CONTINUED_TOP + 20
    }
    sheets.at(-1)?.push(i)
    y += h
  })
  // The signatures go under the last purposes; move rows over until they fit.
  const last = (): number[] => sheets.at(-1) ?? []
  const lastHeight = (): number => last().reduce((h, i) => h + rowHeight(p, p.purposes[i] as Plan['purposes'][number]), 0)
  while ((sheets.length === 1 ? purposesTop(p) : CONTINUED_TOP) + 20 + lastHeight() + signatureHeight(p) > BOTTOM) {
    const moved = last().pop()
    if (moved === undefined) break
    sheets.push([moved])
  }
  p.sheets = sheets
  return p
}

const labelLead = (p: Plan): number => 10 * Math.max(p.scale, 0.85) * 1.25
const rowHeight = (p: Plan, row: Plan['purposes'][number]): number =>
  Math.max(row.label.length * labelLead(p) + row.description.length * p.descLead, BOX + 2) + 2 * p.rowPad
const introTop = 196
const rulesTop = (p: Plan): number => introTop + p.intro.length * 13 + 8
const rulesHeight = (p: Plan): number => p.rules.reduce((h, r) => h + r.length * 11 + 3, 0) + 14
const purposesTop = (p: Plan): number => rulesTop(p) + rulesHeight(p) + 12
const SIGNER_HEIGHT = 34
const signatureHeight = (p: Plan): number => 16 + p.signers * SIGNER_HEIGHT
/** Where a continuation sheet's purposes start, below the header and the pupil's name. */
const CONTINUED_TOP = 156

function header(doc: Doc, input: ConsentFormsInput, logo: unknown, pupil: ConsentFormPupil, continued: boolean): void {
  const right = PAGE.width - MARGIN.right
  const logoWidth = drawLogo(doc, logo, MARGIN.left, 32, 120, 42)
  const textX = MARGIN.left + (logoWidth > 0 ? logoWidth + 12 : 0)
  doc.font(F.bold).fontSize(13).fillColor(COLOR.ink)
  // A long name takes two lines (from higher up) rather than losing its end.
  const school = input.letterhead.schoolName || 'Naam van de school'
  const nameWidth = right - QR_SIDE - 20 - textX
  const nameHeight = measureFit(doc, school, nameWidth, 0.8).height
  fitLine(doc, school, textX, nameHeight > 18 ? 30 : 38, nameWidth, 'left', 0.8)
  doc.font(F.regular).fontSize(9).fillColor(COLOR.muted).text(`Schooljaar ${input.schoolYear}`, textX, nameHeight > 18 ? 30 + nameHeight + 3 : 57, { lineBreak: false })
  doc.font(F.bold).fontSize(17).fillColor(COLOR.accent).text(continued ? `${TITLE} (vervolg)` : TITLE, MARGIN.left, 84, { lineBreak: false })

  drawQr(doc, pupil.formCode, right - QR_SIDE, 26, QR_SIDE)
  doc.font(F.bold).fontSize(9).fillColor(COLOR.ink)
  fitLine(doc, pupil.formCode, right - QR_SIDE - 20, 90, QR_SIDE + 20, 'center')
  doc.font(F.regular).fontSize(6.5).fillColor(COLOR.muted)
  fitLine(doc, 'formuliercode', right - QR_SIDE - 20, 101, QR_SIDE + 20, 'center')
  doc.moveTo(MARGIN.left, 113).lineTo(right, 113).lineWidth(1.2).strokeColor(COLOR.accent).stroke()
}

function pupilBox(doc: Doc, pupil: ConsentFormPupil): void {
  const y = 122
  doc.roundedRect(MARGIN.left, y, CONTENT_WIDTH, 64, 4).fill(COLOR.accentSoft)
  const cols = [MARGIN.left + 12, MARGIN.left + 290, MARGIN.left + 410]
  const label = (text: string, x: number, ly: number): void => void doc.font(F.regular).fontSize(7.5).fillColor(COLOR.muted).text(text, x, ly, { lineBreak: false })
  label('Leerling', cols[0] as number, y + 8)
  label('Geboortedatum', cols[1] as number, y + 8)
  label('Groep', cols[2] as number, y + 8)
  doc.font(F.bold).fontSize(12.5).fillColor(COLOR.ink)
  // The longest names take two lines in a smaller size: the box has room for that, never a cut.
  fitLine(doc, pupil.name, cols[0] as number, y + 17, 270, 'left', 0.6)
  doc.font(F.regular).fontSize(11).text(formatDate(pupil.birthDate) || '–', cols[1] as number, y + 19, { lineBreak: false })
  fitLine(doc, pupil.groupName ?? '–', cols[2] as number, y + 19, CONTENT_WIDTH - 410 - 12, 'left', 0.6)
  label('Ouders/verzorgers', cols[0] as number, y + 39)
  const guardians = pupil.guardians.map(guardianLabel).join(', ') || 'Niet bekend: vul hieronder uw naam in.'
  doc.font(F.regular).fontSize(9.5).fillColor(COLOR.ink)
  fitLine(doc, guardians, cols[0] as number, y + 49, CONTENT_WIDTH - 24, 'left', 0.6)
}

/** On a continuation sheet: whose form this is, so a loose sheet still finds its pupil. */
function continuedLine(doc: Doc, pupil: ConsentFormPupil): void {
  doc.roundedRect(MARGIN.left, 122, CONTENT_WIDTH, 24, 4).fill(COLOR.accentSoft)
  doc.font(F.bold).fontSize(10.5).fillColor(COLOR.ink)
  fitLine(doc, `${pupil.name}${pupil.groupName ? ` · groep ${pupil.groupName}` : ''} · vervolg van het formulier`, MARGIN.left + 12, 129, CONTENT_WIDTH - 24, 'left', 0.6)
}

function introAndRules(doc: Doc, p: Plan): void {
  doc.font(F.regular).fontSize(9.5).fillColor(COLOR.ink)
  drawLines(doc, p.intro, MARGIN.left, introTop, 13)
  const top = rulesTop(p)
  const height = rulesHeight(p)
  doc.rect(MARGIN.left, top, CONTENT_WIDTH, height).fill(COLOR.zebra)
  doc.rect(MARGIN.left, top, 3, height).fill(COLOR.accent)
  let y = top + 7
  doc.font(F.regular).fontSize(8.5).fillColor(COLOR.ink)
  for (const rule of p.rules) {
    doc.circle(MARGIN.left + 16, y + 4.5, 1.6).fill(COLOR.accent)
    doc.fillColor(COLOR.ink)
    y = drawLines(doc, rule, MARGIN.left + 24, y, 11) + 3
  }
}

function choice(doc: Doc, x: number, y: number, word: string): void {
  doc.rect(x, y, BOX, BOX).lineWidth(0.9).strokeColor(COLOR.ink).stroke()
  doc.font(F.regular).fontSize(9.5).fillColor(COLOR.ink).text(word, x + BOX + 5, y + 0.5, { lineBreak: false })
}

/** Draws the purposes' rows from `top`; returns the y below the table. */
const MARK_LABEL = { new: 'NIEUW', changed: 'TEKST GEWIJZIGD' } as const

function purposesTable(doc: Doc, p: Plan, rows: number[], top: number, marks: ConsentFormPupil['marks']): number {
  let y = top
  const right = PAGE.width - MARGIN.right
  const yesX = right - 2 * CHOICE_WIDTH
  const noX = right - CHOICE_WIDTH
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, 20).fill(COLOR.accent)
  doc.font(F.bold).fontSize(9.5).fillColor('#ffffff').text('Waarvoor mogen wij beelden van uw kind gebruiken?', MARGIN.left + 8, y + 5.5, { lineBreak: false })
  doc.text('Ja', yesX + 6, y + 5.5, { lineBreak: false })
  doc.text('Nee', noX + 6, y + 5.5, { lineBreak: false })
  y += 20
  rows.forEach((index, i) => {
    const row = p.purposes[index]
    if (!row) return
    const h = rowHeight(p, row)
    if (i % 2 === 1) doc.rect(MARGIN.left, y, CONTENT_WIDTH, h).fill(COLOR.zebra)
    let ty = y + p.rowPad
    doc.font(F.bold).fontSize(10 * Math.max(p.scale, 0.85)).fillColor(COLOR.ink)
    ty = drawLines(doc, row.label, MARGIN.left + 8, ty, labelLead(p))
    doc.font(F.regular).fontSize(p.descSize).fillColor(COLOR.muted)
    drawLines(doc, row.description, MARGIN.left + 8, ty, p.descLead)
    const boxY = y + h / 2 - BOX / 2
    const mark = marks?.[index]
    if (mark) {
      doc.font(F.bold).fontSize(7)
      const label = MARK_LABEL[mark]
      const w = doc.widthOfString(label) + 10
      doc.roundedRect(yesX - 8 - w, boxY - 1, w, 12, 3).fill(mark === 'new' ? COLOR.accent : COLOR.unknown)
      doc.fillColor('#ffffff').text(label, yesX - 3 - w, boxY + 1.5, { lineBreak: false })
    }
    choice(doc, yesX + 6, boxY, 'Ja')
    choice(doc, noX + 6, boxY, 'Nee')
    y += h
    doc.moveTo(MARGIN.left, y).lineTo(right, y).lineWidth(0.4).strokeColor(COLOR.rule).stroke()
  })
  return y
}

/**
 * At the foot of the page, or (on a continuation sheet) under the last purposes: per guardian a
 * line with the name (pre-filled), the signature and the date; at least two, one for every guardian.
 */
function signatures(doc: Doc, p: Plan, pupil: ConsentFormPupil, top = BOTTOM - signatureHeight(p) + 6): void {
  doc.font(F.bold).fontSize(9.5).fillColor(COLOR.ink).text('Ondertekening', MARGIN.left, top, { lineBreak: false })
  const cols = { name: MARGIN.left, sign: MARGIN.left + 214, date: MARGIN.left + 374 }
  const right = PAGE.width - MARGIN.right
  for (let i = 0; i < p.signers; i++) {
    const y = top + 16 + i * SIGNER_HEIGHT + 24
    const name = pupil.guardians[i]?.name ?? ''
    const field = (label: string, x: number, end: number): void => {
      doc.font(F.regular).fontSize(7.5).fillColor(COLOR.muted).text(label, x, y - 22, { lineBreak: false })
      doc.moveTo(x, y + 2).lineTo(end, y + 2).lineWidth(0.6).strokeColor(COLOR.faint).stroke()
    }
    field(`Ouder/verzorger ${i + 1}: naam`, cols.name, cols.sign - 14)
    field('Handtekening', cols.sign, cols.date - 14)
    field('Datum', cols.date, right)
    if (name) {
      doc.font(F.regular).fontSize(10).fillColor(COLOR.ink)
      const h = measureFit(doc, name, cols.sign - 18 - cols.name)
      fitLine(doc, name, cols.name, h.wraps ? y + 1 - h.height : y - 11, cols.sign - 18 - cols.name)
    }
  }
}

/** One PDF with a form per pupil, in the order given. */
export async function consentFormsPdf(input: ConsentFormsInput, fonts: Fonts, options: RenderOptions = {}): Promise<{ pdf: Buffer; pages: number }> {
  const codes: string[] = []
  const frame = {
    fonts,
    letterhead: input.letterhead,
    title: 'Toestemmingsformulieren',
    generatedAt: input.generatedAt,
    confidential: false,
    ownHeader: true,
    madeBy: input.madeBy,
    footerNote: (i: number) => (codes[i] ? `Formulier ${codes[i]}: inleveren bij de leerkracht of de administratie` : 'Voorblad: niet inleveren'),
  }
  const doc = createDocument(frame)
  const logo = openLogo(doc, input.letterhead.logo)
  const layouts = new Map<boolean, Plan>()
  const total = input.pupils.length
  let group: string | null | undefined
  for (const [i, pupil] of input.pupils.entries()) {
    const cover = input.groups && pupil.groupName !== group ? input.groups.find((g) => g.name === (pupil.groupName ?? 'zonder groep')) : undefined
    group = pupil.groupName
    if (cover && input.groups) {
      doc.addPage()
      codes.push('')
      coverPage(doc, input.letterhead.schoolName, input.schoolYear, cover, input.groups.length)
    }
    doc.addPage()
    const askAgain = Boolean(pupil.marks?.some(Boolean))
    const layout = layouts.get(askAgain) ?? plan(doc, input, askAgain)
    layouts.set(askAgain, layout)
    const sheets = layout.sheets
    for (const [s, rows] of sheets.entries()) {
      if (s > 0) doc.addPage()
      codes.push(sheets.length > 1 ? `${pupil.formCode}, blad ${s + 1} van ${sheets.length}` : pupil.formCode)
      header(doc, input, logo, pupil, s > 0)
      if (s === 0) {
        pupilBox(doc, pupil)
        introAndRules(doc, layout)
      } else continuedLine(doc, pupil)
      const end = purposesTable(doc, layout, rows, s === 0 ? purposesTop(layout) : CONTINUED_TOP, pupil.marks)
      if (s === sheets.length - 1) signatures(doc, layout, pupil, s === 0 ? undefined : Math.min(end + 36, BOTTOM - signatureHeight(layout) + 6))
    }
    options.onProgress?.(i + 1, total)
    if (options.yieldToOthers && i % 10 === 9) await options.yieldToOthers()
  }
  return finish(doc, frame)
}

// The consent form: one pupil per page, pre-filled, with a Ja and a Nee box per purpose, the
// school's intro, the rules and who to contact (from Instellingen), a signature line per guardian
// (at least two), and the pupil's form code as text and as a QR code, so the desk finds the pupil
// at once when the form comes back. A form that asks again marks the new and changed purposes.
// Corner marks and the layout's digest in the QR code let the scan reader (core/scan) read it back.
import type { SchoolContact } from '../../../shared/documents.contract.ts'
import { coverPage, type FormGroup } from './consent-form-cover.ts'
import { formatDate } from '../../../shared/domain.ts'
import { COLOR, CONTENT_WIDTH, createDocument, drawLogo, F, finish, MARGIN, openLogo, PAGE, type Doc, type Fonts, type Letterhead } from './pdf-base.ts'
import { drawQr } from './qr.ts'
import { BOX, formQrText, LAYOUT_VERSION, QR_SIDE, type PurposeRowLayout, type SheetLayout, type SignatureLayout } from './consent-form-layout.ts'
import { CHOICE_WIDTH, CONTINUED_TOP, introTop, labelLead, planForm, purposesTop, QR_TOP, rulesHeight, rulesTop, SIGN_COLS, type Plan, type PlannedForm } from './consent-form-plan.ts'
import { drawLines, fitLine, guardianLabel, measureFit } from './text-wrap.ts'

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
  /** With the register's id when known: the layout then says which purpose each row asks. */
  purposes: { label: string; description: string; id?: number }[]
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

function header(doc: Doc, input: ConsentFormsInput, logo: unknown, pupil: ConsentFormPupil, continued: boolean, qrText: string): void {
  const right = PAGE.width - MARGIN.right
  const logoWidth = drawLogo(doc, logo, MARGIN.left, 32, 120, 42)
  const textX = MARGIN.left + (logoWidth > 0 ? logoWidth + 12 : 0)
  doc.font(F.bold).fontSize(13).fillColor(COLOR.ink)
  // A long name takes two lines (from higher up) rather than losing its end.
  const school = input.letterhead.schoolName || 'Naam van de school'
  const nameWidth = right - QR_SIDE - 20 - textX
  const nameHeight = measureFit(doc, school, nameWidth, 0.8).height
  fitLine(doc, school, textX, nameHeight > 18 ? 30 : 38, nameWidth, 'left', 0.8)
  doc
    .font(F.regular)
    .fontSize(9)
    .fillColor(COLOR.muted)
    .text(`Schooljaar ${input.schoolYear}`, textX, nameHeight > 18 ? 30 + nameHeight + 3 : 57, { lineBreak: false })
  doc
    .font(F.bold)
    .fontSize(17)
    .fillColor(COLOR.accent)
    .text(continued ? `${TITLE} (vervolg)` : TITLE, MARGIN.left, 84, { lineBreak: false })

  drawQr(doc, qrText, right - QR_SIDE, QR_TOP, QR_SIDE)
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
  doc
    .font(F.regular)
    .fontSize(11)
    .text(formatDate(pupil.birthDate) || '–', cols[1] as number, y + 19, { lineBreak: false })
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
  doc
    .font(F.regular)
    .fontSize(9.5)
    .fillColor(COLOR.ink)
    .text(word, x + BOX + 5, y + 0.5, { lineBreak: false })
}

/** Draws the purposes' rows from `top`; returns the y below the table. */
const MARK_LABEL = { new: 'NIEUW', changed: 'TEKST GEWIJZIGD' } as const

function purposesTable(doc: Doc, rows: PurposeRowLayout[], top: number, marks: ConsentFormPupil['marks'], p: Plan): void {
  const right = PAGE.width - MARGIN.right
  const yesX = right - 2 * CHOICE_WIDTH
  const noX = right - CHOICE_WIDTH
  doc.rect(MARGIN.left, top, CONTENT_WIDTH, 20).fill(COLOR.accent)
  doc
    .font(F.bold)
    .fontSize(9.5)
    .fillColor('#ffffff')
    .text('Waarvoor mogen wij beelden van uw kind gebruiken?', MARGIN.left + 8, top + 5.5, { lineBreak: false })
  doc.text('Ja', yesX + 6, top + 5.5, { lineBreak: false })
  doc.text('Nee', noX + 6, top + 5.5, { lineBreak: false })
  rows.forEach(({ purposeIndex: index, row: box, ja, nee }, i) => {
    const row = p.purposes[index]
    if (!row) return
    const y = box.y
    if (i % 2 === 1) doc.rect(MARGIN.left, y, CONTENT_WIDTH, box.height).fill(COLOR.zebra)
    let ty = y + p.rowPad
    doc
      .font(F.bold)
      .fontSize(10 * Math.max(p.scale, 0.85))
      .fillColor(COLOR.ink)
    ty = drawLines(doc, row.label, MARGIN.left + 8, ty, labelLead(p))
    doc.font(F.regular).fontSize(p.descSize).fillColor(COLOR.muted)
    drawLines(doc, row.description, MARGIN.left + 8, ty, p.descLead)
    const boxY = ja.y
    const mark = marks?.[index]
    if (mark) {
      doc.font(F.bold).fontSize(7)
      const label = MARK_LABEL[mark]
      const w = doc.widthOfString(label) + 10
      doc.roundedRect(yesX - 8 - w, boxY - 1, w, 12, 3).fill(mark === 'new' ? COLOR.accent : COLOR.unknown)
      doc.fillColor('#ffffff').text(label, yesX - 3 - w, boxY + 1.5, { lineBreak: false })
    }
    choice(doc, ja.x, ja.y, 'Ja')
    choice(doc, nee.x, nee.y, 'Nee')
    doc
      .moveTo(MARGIN.left, y + box.height)
      .lineTo(right, y + box.height)
      .lineWidth(0.4)
      .strokeColor(COLOR.rule)
      .stroke()
  })
}

/** The four solid squares near the paper's corners, by which a reader finds and straightens the page. */
function drawCornerMarks(doc: Doc, layout: SheetLayout): void {
  for (const m of layout.marks) doc.rect(m.x, m.y, m.width, m.height)
  doc.fillColor('#000000').fill()
}

/**
 * At the foot of the page, or (on a continuation sheet) under the last purposes: per guardian a
 * line with the name (pre-filled), the signature and the date; at least two, one for every guardian.
 */
function signatures(doc: Doc, pupil: ConsentFormPupil, lines: SignatureLayout[]): void {
  const first = lines[0]
  if (!first) return
  doc
    .font(F.bold)
    .fontSize(9.5)
    .fillColor(COLOR.ink)
    .text('Ondertekening', MARGIN.left, first.block.y - 16, { lineBreak: false })
  const right = PAGE.width - MARGIN.right
  for (const { slot, block } of lines) {
    const y = block.y + 24
    const name = pupil.guardians[slot]?.name ?? ''
    const field = (label: string, x: number, end: number): void => {
      doc
        .font(F.regular)
        .fontSize(7.5)
        .fillColor(COLOR.muted)
        .text(label, x, y - 22, { lineBreak: false })
      doc
        .moveTo(x, y + 2)
        .lineTo(end, y + 2)
        .lineWidth(0.6)
        .strokeColor(COLOR.faint)
        .stroke()
    }
    field(`Ouder/verzorger ${slot + 1}: naam`, SIGN_COLS.name, SIGN_COLS.sign - 14)
    field('Handtekening', SIGN_COLS.sign, SIGN_COLS.date - 14)
    field('Datum', SIGN_COLS.date, right)
    if (name) {
      doc.font(F.regular).fontSize(10).fillColor(COLOR.ink)
      const h = measureFit(doc, name, SIGN_COLS.sign - 18 - SIGN_COLS.name)
      fitLine(doc, name, SIGN_COLS.name, h.wraps ? y + 1 - h.height : y - 11, SIGN_COLS.sign - 18 - SIGN_COLS.name)
    }
  }
}

/** What was printed: the PDF, its pages, and the layout of every kind of sheet in it by its digest (the QR code names it). */
export interface ConsentFormsPdf {
  pdf: Buffer
  pages: number
  layouts: Record<string, SheetLayout>
}

/** One PDF with a form per pupil, in the order given. */
export async function consentFormsPdf(input: ConsentFormsInput, fonts: Fonts, options: RenderOptions = {}): Promise<ConsentFormsPdf> {
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
  const planned = new Map<boolean, PlannedForm>()
  const layouts: Record<string, SheetLayout> = {}
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
    const form = planned.get(askAgain) ?? planForm(doc, input, askAgain)
    planned.set(askAgain, form)
    const sheets = form.sheets
    for (const [s, sheet] of sheets.entries()) {
      if (s > 0) doc.addPage()
      layouts[sheet.digest] = sheet.layout
      codes.push(sheets.length > 1 ? `${pupil.formCode}, blad ${s + 1} van ${sheets.length}` : pupil.formCode)
      drawCornerMarks(doc, sheet.layout)
      header(doc, input, logo, pupil, s > 0, formQrText({ code: pupil.formCode, sheet: s + 1, sheets: sheets.length, version: LAYOUT_VERSION, layout: sheet.digest }))
      if (s === 0) {
        pupilBox(doc, pupil)
        introAndRules(doc, form.plan)
      } else continuedLine(doc, pupil)
      purposesTable(doc, sheet.layout.rows, s === 0 ? purposesTop(form.plan) : CONTINUED_TOP, pupil.marks, form.plan)
      signatures(doc, pupil, sheet.layout.signatures)
    }
    options.onProgress?.(i + 1, total)
    if (options.yieldToOthers && i % 10 === 9) await options.yieldToOthers()
  }
  const { pdf, pages } = await finish(doc, frame)
  return { pdf, pages, layouts }
}

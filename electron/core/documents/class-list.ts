// The class list for the parents' group app: every pupil with their guardians; phone and e-mail
// only where the pupil has 'contact_list' consent; per guardian how news reaches them (in the app,
// by e-mail, or by phone or letter), the same rule in the PDF, the CSV and the vCard; and who may
// not be recognisable in the app's pictures (no 'parent_app' consent).
import type { Decision } from '../../../shared/domain.ts'
import { formatPrintedMoment } from '../../../shared/dates.ts'
import { COLOR, CONTENT_WIDTH, createDocument, F, finish, MARGIN, type Doc, type Fonts, type Letterhead } from './pdf-base.ts'
import { badge, ensureSpace, paragraph, rowsAcrossPages, title, type RowBlock } from './pdf-table.ts'
import { fitLine, guardianLabel, measureFit } from './text-wrap.ts'

export interface ClassListGuardian {
  name: string
  relation: string
  phone: string
  /** +31..., for the vCard; '' when the number could not be read. */
  phoneNormalized: string
  email: string
  inGroupApp: boolean
}

export interface ClassListPupil {
  /** 'Zoë van der Berg' */
  name: string
  /** 'Zoë': how the teacher's phone names the child on a guardian's card */
  firstName: string
  /** 'Berg, Zoë van der': how the list shows and sorts */
  sortName: string
  /** Current decision for 'parent_app': only 'granted' may be recognisable in the app's pictures. */
  parentApp: Decision
  /** Current decision for 'contact_list': only 'granted' shares the guardians' phone and e-mail. */
  contactList: Decision
  guardians: ClassListGuardian[]
}

export interface ClassListInput {
  letterhead: Letterhead
  generatedAt: Date
  madeBy?: string
  schoolYear: string
  group: { name: string; teacherName: string }
  pupils: ClassListPupil[]
}

export const NOT_RECOGNISABLE = 'niet herkenbaar in beeld'
export const NO_CONTACT = 'contactgegevens niet delen (geen toestemming)'

export const recognisable = (p: ClassListPupil): boolean => p.parentApp === 'granted'
export const sharesContact = (p: ClassListPupil): boolean => p.contactList === 'granted'

/** A Dutch mobile number (06...), from the normalised form (whatever an old database put after it). */
export const isMobile = (normalized: string): boolean => /^\+316\d{8}(?!\d)/.test(normalized)

/** How the teacher's news reaches a guardian. */
export type Reach = 'app' | 'email' | 'call'
export const REACH_LABELS: Record<Reach, string> = {
  app: 'in de groepsapp',
  email: 'niet in de groepsapp: informeren per e-mail',
  call: 'niet in de groepsapp en geen e-mailadres: bellen of een brief meegeven',
}

/**
 * One status per guardian that follows from the facts: in the app only when the guardian is in it,
 * has a mobile number and the pupil has consent to share contact details; otherwise by e-mail when
 * the school has an address, otherwise by phone or a letter.
 */
export function reachOf(p: ClassListPupil, g: ClassListGuardian): Reach {
  if (g.inGroupApp && isMobile(g.phoneNormalized) && sharesContact(p)) return 'app'
  return g.email.trim() ? 'email' : 'call'
}

/** The e-mail addresses of the guardians to be e-mailed, once each, ready to paste into BCC. */
export function bccList(input: ClassListInput): string[] {
  const seen = new Map<string, string>()
  for (const p of input.pupils) for (const g of p.guardians) if (reachOf(p, g) === 'email') seen.set(g.email.trim().toLowerCase(), g.email.trim())
  return [...seen.values()]
}

const COL = { name: MARGIN.left, phone: MARGIN.left + 208, email: MARGIN.left + 314 } as const

function columnHeads(doc: Doc): void {
  const y = doc.y
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, 17).fill(COLOR.accentSoft)
  doc.font(F.bold).fontSize(8.5).fillColor(COLOR.accent)
  doc.text('Leerling en ouders/verzorgers', COL.name + 5, y + 4.5, { lineBreak: false })
  doc.text('Telefoon', COL.phone, y + 4.5, { lineBreak: false })
  doc.text('E-mail', COL.email, y + 4.5, { lineBreak: false })
  doc.y = y + 21
}

const NAME_WIDTH = 250
const GUARDIAN_WIDTH = COL.phone - COL.name - 22
const PHONE_WIDTH = COL.email - COL.phone - 8
const EMAIL_WIDTH = MARGIN.left + CONTENT_WIDTH - COL.email - 4

/** The height of a guardian's line: a long name or address wraps rather than losing letters. */
function guardianHeight(doc: Doc, p: ClassListPupil, g: ClassListGuardian): number {
  doc.font(F.regular).fontSize(9.5)
  let h = measureFit(doc, guardianLabel(g), GUARDIAN_WIDTH).height
  if (sharesContact(p)) h = Math.max(h, measureFit(doc, g.phone || '–', PHONE_WIDTH).height, measureFit(doc, g.email || '–', EMAIL_WIDTH).height)
  return Math.max(13, h + 2) + (reachOf(p, g) === 'app' ? 0 : 11)
}

/** A pupil's row: the name (with a label when not recognisable), then each guardian and how they are reached. */
function pupilBlock(doc: Doc, p: ClassListPupil): RowBlock {
  const guardians = p.guardians
  doc.font(F.bold).fontSize(10.5)
  const nameHeight = Math.max(20, measureFit(doc, p.sortName, NAME_WIDTH).height + 7)
  const heights = guardians.map((g) => guardianHeight(doc, p, g))
  const height = nameHeight + heights.reduce((h, g) => h + g, 0) + (guardians.length === 0 ? 13 : 0) + 6
  const draw = (top: number): void => {
    doc.font(F.bold).fontSize(10.5).fillColor(COLOR.ink)
    const nameFit = measureFit(doc, p.sortName, NAME_WIDTH)
    fitLine(doc, p.sortName, COL.name + 5, top + 5, NAME_WIDTH)
    if (!recognisable(p)) {
      doc.fontSize(nameFit.size)
      const x = COL.name + 5 + Math.min(doc.widthOfString(p.sortName), NAME_WIDTH) + 10
      badge(doc, 'refused', x, top + 5.5, 7.5, NOT_RECOGNISABLE.toUpperCase())
    }
    let y = top + nameHeight
    if (guardians.length === 0) {
      doc
        .font(F.italic)
        .fontSize(8.5)
        .fillColor(COLOR.muted)
        .text('Geen ouders/verzorgers bekend bij de school.', COL.name + 15, y, { lineBreak: false })
      y += 13
    }
    guardians.forEach((g, i) => {
      doc.font(F.regular).fontSize(9.5).fillColor(COLOR.ink)
      fitLine(doc, guardianLabel(g), COL.name + 15, y, GUARDIAN_WIDTH)
      if (sharesContact(p)) {
        fitLine(doc, g.phone || '–', COL.phone, y, PHONE_WIDTH)
        fitLine(doc, g.email || '–', COL.email, y, EMAIL_WIDTH)
      }
      const reach = reachOf(p, g)
      y += (heights[i] ?? 13) - (reach === 'app' ? 0 : 11)
      if (reach !== 'app') {
        doc
          .font(F.bold)
          .fontSize(8)
          .fillColor(reach === 'call' ? COLOR.refused : COLOR.unknown)
          .text(`▸ ${REACH_LABELS[reach]}`, COL.name + 15, y - 1, { lineBreak: false })
        y += 11
      }
    })
    if (!sharesContact(p) && guardians.length > 0) {
      doc
        .font(F.italic)
        .fontSize(8.5)
        .fillColor(COLOR.muted)
        .text(`${NO_CONTACT[0]?.toUpperCase()}${NO_CONTACT.slice(1)}.`, COL.phone, top + nameHeight, { lineBreak: false })
    }
  }
  return { height, draw }
}

/** Three counts side by side, each a number with what it counts. */
function stats(doc: Doc, items: [number, string, string][]): void {
  ensureSpace(doc, 50)
  const y = doc.y
  const gap = 10
  const width = (CONTENT_WIDTH - gap * (items.length - 1)) / items.length
  items.forEach(([n, label, color], i) => {
    const x = MARGIN.left + i * (width + gap)
    doc.roundedRect(x, y, width, 38, 4).fill(COLOR.zebra)
    doc.rect(x, y, 3, 38).fill(color)
    doc
      .font(F.bold)
      .fontSize(16)
      .fillColor(color)
      .text(String(n), x + 12, y + 10, { lineBreak: false })
    doc.font(F.regular).fontSize(8.5).fillColor(COLOR.ink)
    const lines = doc.heightOfString(label, { width: width - 48 }) > 12 ? 2 : 1
    doc.text(label, x + 38, y + (lines === 1 ? 14.5 : 9), { width: width - 48 })
  })
  doc.x = MARGIN.left
  doc.y = y + 50
}

export async function classListPdf(input: ClassListInput, fonts: Fonts): Promise<{ pdf: Buffer; pages: number }> {
  const frame = { fonts, letterhead: input.letterhead, title: 'Klassenlijst groepsapp', generatedAt: input.generatedAt, confidential: true, madeBy: input.madeBy }
  const doc = createDocument(frame)
  doc.addPage()
  const teacher = input.group.teacherName ? ` · ${input.group.teacherName}` : ''
  title(doc, `Klassenlijst groepsapp: groep ${input.group.name}`, `${input.pupils.length} ${input.pupils.length === 1 ? 'leerling' : 'leerlingen'}${teacher} · schooljaar ${input.schoolYear}`)
  const hidden = input.pupils.filter((p) => !recognisable(p)).length
  const reaches = input.pupils.flatMap((p) => p.guardians.map((g) => reachOf(p, g)))
  const byEmail = reaches.filter((r) => r === 'email').length
  const byCall = reaches.filter((r) => r === 'call').length
  paragraph(
    doc,
    `Gemaakt op ${formatPrintedMoment(input.generatedAt)} uit het toestemmingsregister. Telefoon en e-mail staan er alleen bij ouders die toestemming gaven ` +
      `om hun contactgegevens in de klassenlijst te delen. Plaats leerlingen met '${NOT_RECOGNISABLE}' alleen onherkenbaar in de groepsapp. ` +
      'In de groepsapp horen alleen ouders met een mobiel nummer die toestemming gaven; de anderen krijgen hetzelfde nieuws per e-mail ' +
      "(bij Afdrukken staat de lijst 'E-mailadressen (BCC)' met hun adressen), of als er geen e-mailadres is, door te bellen of een brief mee te geven.",
    { color: COLOR.muted, gap: 0.6 },
  )
  stats(doc, [
    [hidden, hidden === 1 ? 'leerling niet herkenbaar in beeld' : 'leerlingen niet herkenbaar in beeld', COLOR.refused],
    [byEmail, byEmail === 1 ? 'ouder informeren per e-mail' : 'ouders informeren per e-mail', COLOR.unknown],
    [byCall, byCall === 1 ? 'ouder bellen of een brief' : 'ouders bellen of een brief', COLOR.muted],
  ])
  columnHeads(doc)
  const newPage = (): void => {
    doc.font(F.bold).fontSize(12).fillColor(COLOR.ink)
    fitLine(doc, `Klassenlijst groepsapp: groep ${input.group.name} (vervolg)`, MARGIN.left, doc.y, CONTENT_WIDTH)
    doc.y += 20
    columnHeads(doc)
  }
  rowsAcrossPages(doc, input.pupils, (p) => pupilBlock(doc, p), { newPage })
  return finish(doc, frame)
}

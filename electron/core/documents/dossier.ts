// The pupil's file (AVG art. 15): everything the school holds about one pupil, as a PDF to read.
// dossier-export.ts packs the same data as JSON, with the PDF and the attachments, in a ZIP.
import type { MailProofView } from '../../../shared/mail.contract.ts'
import { formatDate, type AttachmentMeta, type AuditEntryView, type ConsentRecordView, type Decision, type DossierEntry, type PupilSummary } from '../../../shared/domain.ts'
import type { SchoolContact } from '../../../shared/documents.contract.ts'
import type { RetentionLine } from './dossier-rights.ts'
import { auditSentence, type Names } from '../audit/audit-sentences.ts'
import { historySentences } from './dossier-sentences.ts'
import { BASIS_ADMINISTRATION, BASIS_CONSENT, complaintRoute, DATA_KINDS, NO_AUTOMATED_DECISIONS, recipients, retentionText, RIGHTS, SOURCES_TEXT } from './dossier-rights.ts'
import { formatPrintedMoment } from '../../../shared/dates.ts'
import { COLOR, createDocument, finish, type Doc, type Fonts, type Letterhead } from './pdf-base.ts'
import { facts, heading, paragraph, table, title, type Cell } from './pdf-table.ts'
import { guardianLabel } from './text-wrap.ts'

export interface DossierPupil extends Pick<PupilSummary, 'id' | 'studentNumber' | 'firstName' | 'lastNamePrefix' | 'lastName' | 'birthDate' | 'groupName' | 'leftOn'> {
  enrolledOn: string | null
  leavingReason: string
  formCode: string
  createdAt: string
  updatedAt: string
}

export interface DossierGuardian {
  id: number
  name: string
  relation: string
  email: string
  phone: string
  phoneNormalized: string
  inGroupApp: boolean
  preferredChannel: 'app' | 'email'
  /** A copy for the other guardian: this guardian's phone and e-mail are left out. */
  contactLeftOut: boolean
}

export interface DossierPurpose {
  purposeId: number
  purposeCode: string
  /** The wording the parent answered to (or the current one when there is no answer yet). */
  label: string
  description: string
  answeredVersion: number | null
  currentVersion: number
  active: boolean
}

export interface DossierConsent {
  purposeId: number
  purposeCode: string
  purposeLabel: string
  decision: Decision
  effectiveFrom: string | null
  conflict: boolean
  askAgain: boolean
}

export interface DossierAttachment extends AttachmentMeta {
  createdBy: string
  createdAt: string
  /** Where it belongs: 'Toestemming 12-09-2026 (Website van de school)' or 'Dossierstuk: Brief over ...' */
  belongsTo: string
  /** Its name inside the ZIP. */
  path: string
}

/** A parent's e-mail kept as proof or correspondence; in the ZIP as the original .eml or .msg. */
export interface DossierMail extends MailProofView {
  createdAt: string
  belongsTo: string
  path: string
}

/** Everything held about one pupil; also the JSON in the ZIP, so its names are the export's contract. */
export interface DossierData {
  format: 'toestemmingsregister-dossier'
  formatVersion: 2
  exportedAt: string
  /** The staff member who made the copy. */
  madeBy: string
  school: { name: string; schoolYear: string } & SchoolContact
  /** The guardian who asked for it, when chosen. */
  requester: { guardianId: number; name: string; relation: string } | null
  /** What this copy leaves out and why, in Dutch sentences. */
  leftOut: string[]
  purposes: DossierPurpose[]
  retention: RetentionLine[]
  /** The pupil's current group id, and the names of groups the log may mention (id to name). */
  groupId: number | null
  groupNames: Record<number, string>
  pupil: DossierPupil
  guardians: DossierGuardian[]
  currentConsent: DossierConsent[]
  consentHistory: ConsentRecordView[]
  dossierEntries: DossierEntry[]
  auditTrail: AuditEntryView[]
  attachments: DossierAttachment[]
  /** Kept e-mails (absent in a dossier made before e-mails were kept). */
  mails?: DossierMail[]
}

const iso = (s: string): Date => new Date(s)
const sizeText = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`)
const decisionCell = (d: Decision): Cell => ({ text: '', status: d })
const bullets = (doc: Doc, lines: string[]): void => lines.forEach((l) => paragraph(doc, `•  ${l}`, { gap: 0.25 }))
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** Names for the log's sentences, from what the dossier itself holds. */
function namesOf(data: DossierData, pupil: string): Names {
  const purposes = new Map(data.currentConsent.map((c) => [c.purposeCode, c.purposeLabel]))
  for (const p of data.purposes) if (!purposes.has(p.purposeCode)) purposes.set(p.purposeCode, p.label)
  const guardians = new Map(data.guardians.map((g) => [g.id, g.name]))
  return {
    pupil,
    purpose: (code) => purposes.get(code) ?? null,
    group: (id) => (id === data.groupId ? data.pupil.groupName : data.groupNames?.[id]) ?? null,
    guardian: (id) => guardians.get(id) ?? null,
  }
}

export async function dossierPdf(data: DossierData, letterhead: Letterhead, fonts: Fonts): Promise<{ pdf: Buffer; pages: number }> {
  const generatedAt = iso(data.exportedAt)
  const p = data.pupil
  const name = [p.firstName, p.lastNamePrefix, p.lastName].filter(Boolean).join(' ')
  const frame = {
    fonts,
    letterhead,
    title: 'Leerlingdossier',
    generatedAt,
    confidential: true,
    confidentialText: `Vertrouwelijk: persoonsgegevens van ${p.firstName}. Bewaar dit zorgvuldig.`,
    madeBy: data.madeBy || undefined,
  }
  const doc = createDocument(frame)
  doc.addPage()
  const school = data.school.name || 'de school'
  const forWhom = data.requester ? `voor ${guardianLabel(data.requester)}` : ''
  title(doc, `Leerlingdossier: ${name}`, `Antwoord op een verzoek om inzage (AVG artikel 15)${forWhom ? ` ${forWhom}` : ''}`)
  paragraph(
    doc,
    `${data.requester ? `Op verzoek van ${data.requester.name}` : 'Op verzoek'} gemaakt op ${formatPrintedMoment(generatedAt)}${data.madeBy ? ` door ${data.madeBy}` : ''}. ` +
      `Hierin staat welke gegevens ${school} over ${p.firstName} bewaart, waarvoor en op welke grond, wie ze krijgt, hoe lang ze bewaard worden, ` +
      'welke rechten u heeft en waar u terecht kunt met een vraag of klacht; daarna de geschiedenis van de toestemmingen, de stukken in het dossier en het logboek.',
    { color: COLOR.muted, gap: 0.6 },
  )
  if (data.leftOut.length > 0) {
    heading(doc, 'Wat in deze kopie is weggelaten', 30)
    bullets(doc, data.leftOut)
  }

  heading(doc, 'Gegevens van de leerling')
  facts(doc, [
    ['Naam', name],
    ['Geboortedatum', formatDate(p.birthDate)],
    ['Leerlingnummer', p.studentNumber ?? ''],
    ['Groep', p.groupName ? `${p.groupName} (schooljaar ${data.school.schoolYear})` : 'Geen groep dit schooljaar'],
    ['Ingeschreven op', formatDate(p.enrolledOn)],
    ['Vertrokken op', p.leftOn ? `${formatDate(p.leftOn)}${p.leavingReason ? ` (${p.leavingReason})` : ''}` : ''],
    ['Formuliercode', p.formCode],
    ['In het register sinds', formatPrintedMoment(iso(p.createdAt))],
  ])

  heading(doc, 'Ouders/verzorgers', 40, data.guardians.length === 0 ? 'geen bekend' : undefined)
  if (data.guardians.length > 0) {
    const left = (g: DossierData['guardians'][number], v: string): string => (g.contactLeftOut ? 'weggelaten' : v || '–')
    table(
      doc,
      [
        { header: 'Naam', width: 118 },
        { header: 'Relatie', width: 86 },
        { header: 'Telefoon', width: 80 },
        { header: 'E-mail', width: 0 },
        { header: 'Groepsapp', width: 56 },
      ],
      data.guardians.map((g) => [g.name, g.relation || '–', left(g, g.phone), left(g, g.email), g.inGroupApp ? 'ja' : 'nee (e-mail)']),
      { continued: 'Ouders/verzorgers' },
    )
  }

  heading(doc, 'Waarvoor de school gegevens gebruikt, en op welke grond')
  paragraph(
    doc,
    `Voor foto's, video's en het delen van contactgegevens vraagt de school per doel toestemming. Grondslag: ${BASIS_CONSENT} Hieronder staat per doel de tekst waarop geantwoord is, en het antwoord van nu.`,
    { size: 9 },
  )
  const current = new Map(data.currentConsent.map((c) => [c.purposeId, c]))
  table(
    doc,
    [
      { header: 'Doel en de tekst waarop geantwoord is', width: 0 },
      { header: 'Antwoord nu', width: 112 },
      { header: 'Sinds', width: 62 },
    ],
    data.purposes.map((pu) => {
      const c = current.get(pu.purposeId)
      const version =
        pu.answeredVersion === null
          ? 'nog niet beantwoord'
          : `versie ${pu.answeredVersion}${pu.answeredVersion !== pu.currentVersion ? `; de tekst is intussen gewijzigd (nu versie ${pu.currentVersion}): opnieuw vragen` : ''}`
      const notes = [c?.conflict ? 'de ouders gaven verschillende antwoorden; het strengste telt' : '', pu.active ? '' : 'dit doel wordt niet meer gebruikt'].filter(Boolean)
      return [
        { text: pu.label, bold: true, sub: [pu.description ? `'${pu.description}'` : '', `(${version})`, ...notes].filter(Boolean).join(' ') },
        decisionCell(c?.decision ?? 'unknown'),
        formatDate(c?.effectiveFrom) || '–',
      ]
    }),
    { continued: 'Waarvoor de school gegevens gebruikt' },
  )
  paragraph(doc, `Voor de leerlingenadministratie zelf (naam, groep, ouders en hoe zij te bereiken zijn) is de grondslag: ${BASIS_ADMINISTRATION}`, { size: 9 })
  paragraph(doc, 'Welke soorten gegevens de school in dit register bewaart:', { size: 9, bold: true, gap: 0.2 })
  bullets(doc, DATA_KINDS)

  const granted = (code: string): boolean => data.currentConsent.some((c) => c.purposeCode === code && c.decision === 'granted')
  heading(doc, 'Wie de gegevens ontvangt')
  bullets(doc, recipients(granted))
  heading(doc, 'Hoe lang de gegevens worden bewaard')
  bullets(doc, data.retention.map(retentionText))
  heading(doc, 'Uw rechten')
  bullets(doc, RIGHTS)
  heading(doc, 'Vragen en klachten')
  bullets(doc, complaintRoute(data.school, data.school.name))
  heading(doc, 'Waar de gegevens vandaan komen')
  paragraph(doc, `${SOURCES_TEXT} ${NO_AUTOMATED_DECISIONS}`, { size: 9.5 })

  const history = historySentences(data.consentHistory)
  heading(doc, 'Geschiedenis van de toestemming', 40, history.length === 0 ? 'nog niets vastgelegd' : `${plural(history.length, 'vastlegging', 'vastleggingen')}, nieuwste eerst`)
  if (history.length > 0)
    table(
      doc,
      [
        { header: 'Vastgelegd op', width: 92 },
        { header: 'Wat er is vastgelegd', width: 0 },
      ],
      history.map(({ record, sentence }) => [formatPrintedMoment(iso(record.recordedAt)), sentence]),
      { size: 8.5, continued: 'Geschiedenis van de toestemming' },
    )

  heading(doc, 'Stukken in het dossier', 40, data.dossierEntries.length === 0 ? 'geen' : plural(data.dossierEntries.length, 'stuk', 'stukken'))
  for (const e of data.dossierEntries) {
    heading(doc, `${formatDate(e.entryDate)} · ${e.kind}: ${e.title}`, 30)
    if (e.body) paragraph(doc, e.body, { size: 9 })
    const attached = e.attachments.map((a) => a.fileName).join(', ')
    paragraph(doc, `Vastgelegd door ${e.createdBy} op ${formatPrintedMoment(iso(e.createdAt))}${attached ? ` · bijlagen: ${attached}` : ''}`, { size: 8, color: COLOR.muted })
  }

  const names = namesOf(data, p.firstName)
  // Changes to a guardian whose data is left out of this copy are not described.
  const leftOut = new Set(data.guardians.filter((g) => g.contactLeftOut).map((g) => g.id))
  const log = data.auditTrail.flatMap((a) => {
    const sentence = a.entity === 'guardian' && a.entityId !== null && leftOut.has(a.entityId) ? null : auditSentence(a, names)
    return sentence ? [{ a, sentence }] : []
  })
  heading(doc, 'Logboek', 40, `${plural(log.length, 'wijziging', 'wijzigingen')}, nieuwste eerst`)
  if (log.length > 0)
    table(
      doc,
      [
        { header: 'Wanneer', width: 92 },
        { header: 'Door', width: 90 },
        { header: 'Wat er veranderde', width: 0 },
      ],
      log.map(({ a, sentence }) => [formatPrintedMoment(iso(a.at)), a.actor || '–', sentence]),
      { size: 8, continued: 'Logboek' },
    )

  // Kept e-mails count as attachments here: in the ZIP they are the original .eml or .msg files.
  const mails = data.mails ?? []
  const files = data.attachments.length + mails.length
  heading(doc, 'Bijlagen', 40, files === 0 ? 'geen' : `${files}, in de ZIP-versie van dit dossier`)
  if (files > 0)
    table(
      doc,
      [
        { header: 'Bestand', width: 170 },
        { header: 'Soort', width: 44 },
        { header: 'Grootte', width: 54, align: 'right' },
        { header: 'Hoort bij', width: 0 },
      ],
      [
        ...data.attachments.map((a) => [a.fileName, a.mimeType.split('/')[1]?.toUpperCase() ?? '', sizeText(a.size), a.belongsTo]),
        ...mails.map((m) => [m.fileName, 'E-MAIL', sizeText(m.size), `${m.belongsTo} (e-mail van ${m.fromAddress}, ${formatPrintedMoment(iso(m.sentAt))})`]),
      ],
      { size: 8.5, continued: 'Bijlagen' },
    )
  return finish(doc, frame)
}

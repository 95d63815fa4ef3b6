// The pupil's file (AVG art. 15): everything the school holds about one pupil, as a PDF to read.
// dossier-export.ts packs the same data as JSON, with the PDF and the attachments, in a ZIP.
import {
  DECISION_LABELS,
  SOURCE_LABELS,
  formatDate,
  type AttachmentMeta,
  type AuditEntryView,
  type ConsentRecordView,
  type Decision,
  type DossierEntry,
} from '../../../shared/domain.ts'
import { COLOR, createDocument, finish, formatMoment, type Fonts, type Letterhead } from './pdf-base.ts'
import { facts, heading, paragraph, table, title, type Cell } from './pdf-table.ts'

export interface DossierPupil {
  id: number
  studentNumber: string | null
  firstName: string
  lastNamePrefix: string
  lastName: string
  birthDate: string | null
  groupName: string | null
  enrolledOn: string | null
  leftOn: string | null
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

/** Everything held about one pupil; also the JSON in the ZIP, so its names are the export's contract. */
export interface DossierData {
  format: 'toestemmingsregister-dossier'
  formatVersion: 1
  exportedAt: string
  school: { name: string; schoolYear: string }
  pupil: DossierPupil
  guardians: DossierGuardian[]
  currentConsent: DossierConsent[]
  consentHistory: ConsentRecordView[]
  dossierEntries: DossierEntry[]
  auditTrail: AuditEntryView[]
  attachments: DossierAttachment[]
}

const ACTIONS: Record<string, string> = {
  'pupil.create': 'Leerling toegevoegd',
  'pupil.update': 'Gegevens gewijzigd',
  'pupil.rollover': 'Naar het nieuwe schooljaar',
  'consent.record': 'Toestemming vastgelegd',
  'guardian.create': 'Ouder/verzorger toegevoegd',
  'guardian.update': 'Ouder/verzorger gewijzigd',
  'guardian.link': 'Ouder/verzorger gekoppeld',
  'guardian.unlink': 'Ouder/verzorger ontkoppeld',
  'guardian.relation': 'Relatie gewijzigd',
  'dossier.create': 'Dossierstuk toegevoegd',
  'dossier.update': 'Dossierstuk gewijzigd',
  'dossier.export': 'Dossier geëxporteerd',
}

const iso = (s: string): Date => new Date(s)
const short = (v: unknown): string => {
  const s = v === null || v === undefined ? '–' : typeof v === 'string' ? v || '–' : JSON.stringify(v)
  return s.length > 160 ? `${s.slice(0, 157)}…` : s
}

/** 'firstName: Zoe → Zoë; groupId: 3 → 4' from an audit entry's old and new values. */
export function describeChange(oldValue: unknown, newValue: unknown): string {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObject(oldValue) && !isObject(newValue)) return oldValue === null || oldValue === undefined ? short(newValue) : `${short(oldValue)} → ${short(newValue)}`
  const before = isObject(oldValue) ? oldValue : {}
  const after = isObject(newValue) ? newValue : {}
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys.map((k) => (k in before && k in after ? `${k}: ${short(before[k])} → ${short(after[k])}` : k in after ? `${k}: ${short(after[k])}` : `${k}: ${short(before[k])} (verwijderd)`)).join('; ')
}

const sizeText = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`)
const decisionCell = (d: Decision): Cell => (d === 'granted' ? { text: '', status: 'granted' } : { text: '', status: d })

export async function dossierPdf(data: DossierData, letterhead: Letterhead, fonts: Fonts): Promise<{ pdf: Buffer; pages: number }> {
  const generatedAt = iso(data.exportedAt)
  const frame = { fonts, letterhead, title: 'Leerlingdossier', generatedAt, confidential: true }
  const doc = createDocument(frame)
  doc.addPage()
  const p = data.pupil
  const name = [p.firstName, p.lastNamePrefix, p.lastName].filter(Boolean).join(' ')
  title(doc, `Leerlingdossier: ${name}`, `Alle gegevens die ${data.school.name || 'de school'} over deze leerling bewaart · gemaakt op ${formatMoment(generatedAt)}`)
  paragraph(
    doc,
    'Dit overzicht is gemaakt op verzoek (AVG artikel 15). Het bevat de gegevens van de leerling, de ouders/verzorgers, de toestemmingen ' +
      'met hun volledige geschiedenis, de stukken in het dossier, het logboek van wijzigingen en een lijst van de bijlagen.',
    { color: COLOR.muted, gap: 0.6 },
  )

  heading(doc, 'Gegevens van de leerling')
  facts(doc, [
    ['Naam', name],
    ['Geboortedatum', formatDate(p.birthDate)],
    ['Leerlingnummer', p.studentNumber ?? ''],
    ['Groep', p.groupName ? `${p.groupName} (schooljaar ${data.school.schoolYear})` : 'Geen groep dit schooljaar'],
    ['Ingeschreven op', formatDate(p.enrolledOn)],
    ['Vertrokken op', p.leftOn ? `${formatDate(p.leftOn)}${p.leavingReason ? ` (${p.leavingReason})` : ''}` : ''],
    ['Formuliercode', p.formCode],
    ['In het register sinds', formatMoment(iso(p.createdAt))],
  ])

  heading(doc, 'Ouders/verzorgers', 40, data.guardians.length === 0 ? 'geen bekend' : undefined)
  if (data.guardians.length > 0) {
    table(
      doc,
      [
        { header: 'Naam', width: 124 },
        { header: 'Relatie', width: 78 },
        { header: 'Telefoon', width: 80 },
        { header: 'E-mail', width: 0 },
        { header: 'Groepsapp', width: 62 },
      ],
      data.guardians.map((g) => [g.name, g.relation || '–', g.phone || '–', g.email || '–', g.inGroupApp ? 'ja' : 'nee (e-mail)']),
    )
  }

  heading(doc, 'Toestemming nu')
  table(
    doc,
    [
      { header: 'Doel', width: 210 },
      { header: 'Besluit', width: 112 },
      { header: 'Sinds', width: 62 },
      { header: 'Opmerking', width: 0 },
    ],
    data.currentConsent.map((c) => [
      c.purposeLabel,
      decisionCell(c.decision),
      formatDate(c.effectiveFrom) || '–',
      { text: [c.conflict ? 'ouders gaven verschillende antwoorden' : '', c.askAgain ? 'opnieuw vragen (tekst gewijzigd)' : ''].filter(Boolean).join('; '), size: 8, color: COLOR.muted },
    ]),
  )

  heading(doc, 'Geschiedenis van de toestemming', 40, `${data.consentHistory.length} vastleggingen, nieuwste eerst`)
  if (data.consentHistory.length === 0) paragraph(doc, 'Er is nog niets vastgelegd.', { color: COLOR.muted })
  else
    table(
      doc,
      [
        { header: 'Ingang', width: 56 },
        { header: 'Doel', width: 118 },
        { header: 'Besluit', width: 62 },
        { header: 'Bron', width: 0 },
        { header: 'Vastgelegd door', width: 118 },
      ],
      data.consentHistory.map((r) => [
        formatDate(r.effectiveFrom),
        `${r.purposeLabel}${r.guardianName ? `\n(antwoord van ${r.guardianName})` : ''}`,
        { text: DECISION_LABELS[r.decision], bold: r.decision === 'refused' },
        [SOURCE_LABELS[r.source], r.sourceDetail, r.note ? `Notitie: ${r.note}` : '', r.attachment ? `Bijlage: ${r.attachment.fileName}` : ''].filter(Boolean).join('\n'),
        `${r.recordedBy}\n${formatMoment(iso(r.recordedAt))}`,
      ]),
      { size: 8.5 },
    )

  heading(doc, 'Stukken in het dossier', 40, data.dossierEntries.length === 0 ? 'geen' : `${data.dossierEntries.length}`)
  for (const e of data.dossierEntries) {
    heading(doc, `${formatDate(e.entryDate)} · ${e.kind}: ${e.title}`, 30)
    if (e.body) paragraph(doc, e.body, { size: 9 })
    const attached = e.attachments.map((a) => a.fileName).join(', ')
    paragraph(doc, `Vastgelegd door ${e.createdBy} op ${formatMoment(iso(e.createdAt))}${attached ? ` · bijlagen: ${attached}` : ''}`, { size: 8, color: COLOR.muted })
  }

  heading(doc, 'Logboek', 40, `${data.auditTrail.length} wijzigingen, nieuwste eerst`)
  table(
    doc,
    [
      { header: 'Wanneer', width: 92 },
      { header: 'Door', width: 90 },
      { header: 'Wat', width: 100 },
      { header: 'Wijziging', width: 0 },
    ],
    data.auditTrail.map((a) => [formatMoment(iso(a.at)), a.actor, ACTIONS[a.action] ?? a.action, { text: describeChange(a.oldValue, a.newValue), size: 7.5 }]),
    { size: 8 },
  )

  heading(doc, 'Bijlagen', 40, data.attachments.length === 0 ? 'geen' : `${data.attachments.length}, in de ZIP-versie van dit dossier`)
  if (data.attachments.length > 0)
    table(
      doc,
      [
        { header: 'Bestand', width: 150 },
        { header: 'Soort', width: 40 },
        { header: 'Grootte', width: 50, align: 'right' },
        { header: 'Hoort bij', width: 0 },
        { header: 'SHA-256 (begin)', width: 80 },
      ],
      data.attachments.map((a) => [a.fileName, a.mimeType.split('/')[1]?.toUpperCase() ?? '', sizeText(a.size), a.belongsTo, { text: a.sha256.slice(0, 16), size: 7.5 }]),
      { size: 8.5 },
    )
  return finish(doc, frame)
}

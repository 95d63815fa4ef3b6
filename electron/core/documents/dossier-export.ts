// The pupil's file to keep (AVG art. 15 and 20): a ZIP with the PDF to read, the same data as
// JSON for a machine, and the attachments themselves.
import { zipSync, type Zippable } from 'fflate'
import type { AttachmentType } from '../../../shared/domain.ts'
import { sniffAttachmentType } from '../attachments/attachment-type.ts'
import type { DossierData } from './dossier.ts'

/** 'Zoë van der Berg' -> 'Zoe-van-der-Berg': safe in a file name on every system. */
export function fileSafe(s: string): string {
  const ascii = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ıİ]/g, 'i')
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  return ascii.slice(0, 80) || 'bestand'
}

const EXTENSION: Record<AttachmentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/**
 * Where an attachment goes inside the ZIP: 'bijlagen/12-scan.pdf'. The last part of the name it
 * came with gives the stem (no separators, '..', control characters or dots: 'scan.pdf.exe' becomes
 * 'scan-pdf-exe'; the id in front keeps it from being a reserved Windows name such as CON); the
 * extension is that of what the bytes are, '.bin' when they are none of our types.
 */
export function attachmentPath(id: number, fileName: string, bytes: Uint8Array | undefined): string {
  const type = bytes ? sniffAttachmentType(bytes) : undefined
  const stem = fileSafe(fileName.replace(/^.*[\\/]/, '').replace(/\.(pdf|jpe?g|png)$/i, ''))
    .replace(/\./g, '-')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `bijlagen/${id}-${stem || 'bijlage'}.${type ? EXTENSION[type] : 'bin'}`
}

/** Where a kept e-mail goes inside the ZIP: 'e-mails/3-Toestemming-foto-s.eml', its own format's extension. */
export function mailPath(id: number, fileName: string, format: 'eml' | 'msg'): string {
  const stem = fileSafe(fileName.replace(/^.*[\\/]/, '').replace(/\.(eml|msg)$/i, ''))
    .replace(/\./g, '-')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `e-mails/${id}-${stem || 'e-mail'}.${format}`
}

export function dossierJson(data: DossierData): Buffer {
  return Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8')
}

const pad = (n: number): string => String(n).padStart(2, '0')
/** '22-11-2026 om 10:30' in the machine's local time (the JSON keeps UTC). */
const localMoment = (d: Date): string => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()} om ${pad(d.getHours())}:${pad(d.getMinutes())}`

/** What the codes in the JSON mean, so the file can be read without this program. */
const CODES = [
  'Uitleg bij de JSON:',
  '- Datums staan als JJJJ-MM-DD (2026-03-12 is 12 maart 2026); tijdstippen als JJJJ-MM-DDTuu:mm:ss.sssZ in UTC',
  '  (Nederlandse tijd is 1 uur later, in de zomer 2 uur).',
  '- decision: granted = toestemming, refused = geweigerd, unknown = geen antwoord (geldt als geen toestemming).',
  '- source: paper_form = papieren formulier, email = e-mail, phone = telefonisch, desk = aan de balie,',
  '  enrolment_form = inschrijfformulier, import_undo = import ongedaan gemaakt.',
  '- purposeCode / purpose: website = website van de school, social_media = social-media-accounts, school_guide = schoolgids,',
  '  newsletter = nieuwsbrief, parent_app = besloten ouderapp, press = lokale media, class_video = filmen in de klas,',
  '  contact_list = contactgegevens delen in de klassenlijst (een school kan eigen doelen toevoegen; de tekst staat in purposes).',
  '- purposes: per doel de tekst (label, description) en de versie (answeredVersion) waarop geantwoord is.',
  '- auditTrail: het logboek; action zegt wat er gebeurde (pupil.create = leerling toegevoegd, pupil.update = gegevens gewijzigd,',
  '  consent.record = toestemming vastgelegd, guardian.* = ouder/verzorger toegevoegd, gewijzigd, gekoppeld of ontkoppeld,',
  '  dossier.* = stuk in het dossier toegevoegd of gewijzigd, dossier.export = kopie van het dossier gemaakt);',
  '  oldValue en newValue zijn de waarden voor en na de wijziging.',
  '- retention: per soort gegevens de bewaartermijn in maanden na vertrek (months) en de datum tot wanneer (until, als de leerling vertrokken is).',
  '- leftOut: wat in deze kopie is weggelaten en waarom.',
]

const README = (data: DossierData, base: string): string =>
  [
    `Leerlingdossier van ${[data.pupil.firstName, data.pupil.lastNamePrefix, data.pupil.lastName].filter(Boolean).join(' ')}, gemaakt op ${localMoment(new Date(data.exportedAt))}${data.madeBy ? ` door ${data.madeBy}` : ''} met Toestemmingsregister.`,
    '',
    'In deze ZIP:',
    `${base}.pdf   het dossier om te lezen`,
    `${base}.json  dezelfde gegevens, leesbaar voor een computer (UTF-8, JSON)`,
    ...(data.attachments.length > 0
      ? [`bijlagen/     ${data.attachments.length === 1 ? 'de bijlage' : `de ${data.attachments.length} bijlagen`} zelf (scans van formulieren, brieven); de SHA-256 van elk bestand staat in de JSON`]
      : []),
    ...((data.mails ?? []).length > 0 ? [`e-mails/      de e-mails van ouders/verzorgers zelf, zoals ze binnenkwamen (.eml of Outlook .msg, te openen met een e-mailprogramma); de SHA-256 staat in de JSON`] : []),
    '',
    ...CODES,
    '',
  ].join('\r\n')

export function dossierZip(data: DossierData, pdf: Buffer, attachments: Map<number, Buffer>, base: string, mails: Map<number, Buffer> = new Map()): Buffer {
  const mtime = new Date(data.exportedAt)
  const files: Zippable = {
    'LEESMIJ.txt': [Buffer.from(README(data, base), 'utf8'), { level: 6, mtime }],
    [`${base}.pdf`]: [pdf, { level: 0, mtime }],
    [`${base}.json`]: [dossierJson(data), { level: 6, mtime }],
  }
  for (const a of data.attachments) {
    const bytes = attachments.get(a.id)
    if (bytes) files[a.path] = [bytes, { level: 0, mtime: new Date(a.createdAt) }]
  }
  for (const m of data.mails ?? []) {
    const bytes = mails.get(m.id)
    if (bytes) files[m.path] = [bytes, { level: 6, mtime: new Date(m.createdAt) }]
  }
  return Buffer.from(zipSync(files))
}

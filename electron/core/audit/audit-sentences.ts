// Each entry of the audit log as a plain Dutch sentence a front-office user reads: who it is
// about by name, what changed from what to what, in the words of the screens. Internal codes
// (action names, ids, field keys, raw objects) never reach the sentence.
import type { AuditKind } from '../../../shared/audit.contract.ts'
import { DECISION_LABELS, SOURCE_LABELS, formatDate, type ConsentSource, type Decision } from '../../../shared/domain.ts'

export interface AuditRow {
  action: string
  entity: string
  entityId: number | null
  oldValue: unknown
  newValue: unknown
}

/** What a sentence needs to name things; each lookup returns null for what no longer exists. */
export interface Names {
  pupil: string | null
  guardian: (id: number) => string | null
  group: (id: number) => string | null
  purpose: (code: string) => string | null
}

const FIELD_LABELS: Record<string, string> = {
  firstName: 'roepnaam',
  lastNamePrefix: 'tussenvoegsel',
  lastName: 'achternaam',
  birthDate: 'geboortedatum',
  studentNumber: 'leerlingnummer',
  groupId: 'groep',
  yearLevel: 'leerjaar',
  yearLevelUnsure: 'leerjaar nagaan',
  enrolledOn: 'ingeschreven op',
  leftOn: 'vertrokken op',
  leavingReason: 'reden van vertrek',
  name: 'naam',
  relation: 'relatie',
  email: 'e-mail',
  phone: 'telefoon',
  inGroupApp: 'in de groepsapp',
  preferredChannel: 'nieuws via',
  teacherName: 'leerkracht',
  teacherEmail: 'e-mail leerkracht',
  label: 'omschrijving',
  description: 'uitleg',
  active: 'in gebruik',
  sortOrder: 'volgorde',
  schoolName: 'naam van de school',
  schoolYear: 'schooljaar',
  staffName: 'naam van de gebruiker',
  title: 'titel',
  kind: 'soort',
  entryDate: 'datum',
  body: 'tekst',
}

const KIND_OF: Record<string, AuditKind> = {
  consent: 'consent',
  campaign: 'consent',
  scan: 'consent',
  pupil: 'pupil',
  guardian: 'guardian',
  dossier: 'dossier',
  import: 'import',
  schoolyear: 'schoolyear',
  retention: 'schoolyear',
  settings: 'setup',
  school: 'setup',
  group: 'setup',
  purpose: 'setup',
}

/** The kind of change an action belongs to, for the filter; an undone import line counts as an import. */
export function kindOf(action: string): AuditKind | null {
  if (action === 'pupil.import_undo') return 'import'
  return KIND_OF[action.split('.')[0] ?? ''] ?? null
}

/** The actions of a kind, as SQL LIKE patterns. */
export function actionPatterns(kind: AuditKind): string[] {
  const prefixes = Object.entries(KIND_OF)
    .filter(([, k]) => k === kind)
    .map(([prefix]) => `${prefix}.%`)
  return kind === 'import' ? [...prefixes, 'pupil.import_undo'] : prefixes
}

/** Derived from another field, or internal: never described on their own. */
const QUIET_FIELDS = new Set(['phoneNormalized', 'version', 'rowVersion', 'id', 'pupilId', 'guardianId', 'formCode', 'undoneImportBatchId'])

const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

function valueText(key: string, v: unknown, names: Names): string {
  if (v === null || v === undefined || v === '') return 'leeg'
  if (typeof v === 'boolean') return v ? 'ja' : 'nee'
  if (key === 'groupId' && typeof v === 'number') return names.group(v) ? `groep ${names.group(v)}` : 'een groep die niet meer bestaat'
  if (key === 'preferredChannel') return v === 'app' ? 'de app' : 'e-mail'
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : `'${v}'`
  if (typeof v === 'number') return String(v)
  return 'gewijzigd'
}

/** 'roepnaam van 'Jan' in 'Johan', groep van leeg in groep 5'; fields without a label are counted, not named. */
function changes(oldValue: unknown, newValue: unknown, names: Names): string {
  const before = obj(oldValue)
  const after = obj(newValue)
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !QUIET_FIELDS.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
  const named = keys.filter((k) => FIELD_LABELS[k])
  const parts = named.map((k) => (k in before ? `${FIELD_LABELS[k]} van ${valueText(k, before[k], names)} in ${valueText(k, after[k], names)}` : `${FIELD_LABELS[k]} ${valueText(k, after[k], names)}`))
  const others = keys.length - named.length
  if (others > 0) parts.push(others === 1 ? 'nog één gegeven' : `nog ${others} gegevens`)
  return parts.join(', ')
}

/** A kept file from the pupil's file (a scan, a parent's e-mail) opened or saved: a copy left the register. */
function keptFileSentence(n: Record<string, unknown>, pupil: string): string {
  const what = `${n['format'] === 'e-mail' ? 'E-mail' : 'Bijlage'}${typeof n['fileName'] === 'string' && n['fileName'] ? ` ${n['fileName']}` : ''} uit het dossier van ${pupil}`
  return `${what} ${n['delivered'] === 'opened' ? 'geopend' : n['delivered'] === 'saved' ? 'opgeslagen' : 'gedownload'}.`
}

const count = (n: unknown, one: string, many: string): string => (typeof n === 'number' ? `${n} ${n === 1 ? one : many}` : '')

/**
 * One entry of the log as a sentence (the Logboek, the pupil's page and the dossier all use it), or
 * null for a save that changed nothing.
 */
export function auditSentence(row: AuditRow, names: Names): string | null {
  const pupil = names.pupil ?? 'een leerling die niet meer in het register staat'
  const o = obj(row.oldValue)
  const n = obj(row.newValue)
  const guardian = row.entity === 'guardian' && row.entityId !== null ? (names.guardian(row.entityId) ?? (typeof n['name'] === 'string' ? n['name'] : 'een ouder/verzorger')) : 'een ouder/verzorger'
  const withChanges = (text: string, detail: string) => (detail ? `${text}: ${detail}.` : null)
  switch (row.action) {
    case 'consent.record': {
      const purpose = (typeof n['purpose'] === 'string' && names.purpose(n['purpose'])) || 'een doel'
      const decision = DECISION_LABELS[n['decision'] as Decision]?.toLowerCase() ?? 'een antwoord'
      const was = DECISION_LABELS[o['decision'] as Decision]?.toLowerCase()
      const who = typeof n['guardianId'] === 'number' ? (names.guardian(n['guardianId']) ?? 'een ouder/verzorger') : 'de ouders/verzorgers samen'
      const via = SOURCE_LABELS[n['source'] as ConsentSource]?.toLowerCase()
      const from = typeof n['effectiveFrom'] === 'string' ? `, gaat in op ${formatDate(n['effectiveFrom'])}` : ''
      return `Toestemming voor '${purpose}' van ${pupil} vastgelegd: ${decision}${was && was !== decision ? ` (was ${was})` : ''}, antwoord van ${who}${via ? ` via ${via}` : ''}${from}.`
    }
    case 'pupil.create':
      return `Leerling ${pupil} toegevoegd${typeof n['groupId'] === 'number' && names.group(n['groupId']) ? ` in groep ${names.group(n['groupId'])}` : ''}.`
    case 'pupil.update':
      return withChanges(`Gegevens van ${pupil} gewijzigd`, changes(row.oldValue, row.newValue, names))
    case 'pupil.import_undo':
      return `Import ongedaan gemaakt voor ${pupil}.`
    case 'guardian.create':
      return `Ouder/verzorger ${guardian} toegevoegd bij ${pupil}${typeof n['relation'] === 'string' && n['relation'] ? ` (${n['relation']})` : ''}.`
    case 'guardian.update':
      return withChanges(`Gegevens van ouder/verzorger ${guardian} gewijzigd`, changes(row.oldValue, row.newValue, names))
    case 'guardian.relation':
      if (JSON.stringify(row.oldValue ?? null) === JSON.stringify(row.newValue ?? null)) return null
      return `Relatie van ${guardian} tot ${pupil} gewijzigd van ${valueText('relation', row.oldValue, names)} in ${valueText('relation', row.newValue, names)}.`
    case 'guardian.link':
      return `${guardian} gekoppeld als ouder/verzorger van ${pupil}.`
    case 'guardian.unlink':
      return `${guardian} losgekoppeld van ${pupil}; de gegevens van ${guardian} blijven bewaard.`
    case 'dossier.create':
      return `Stuk ${typeof n['title'] === 'string' && n['title'] ? `'${n['title']}' ` : ''}toegevoegd aan het dossier van ${pupil}.`
    case 'dossier.update':
      return withChanges(`Stuk in het dossier van ${pupil} gewijzigd`, changes(row.oldValue, row.newValue, names))
    case 'dossier.export':
      if (n['format'] === 'bijlage' || n['format'] === 'e-mail') return keptFileSentence(n, pupil)
      return `Dossier van ${pupil} geëxporteerd${n['format'] === 'zip' ? ' als ZIP' : n['format'] === 'pdf' ? ' als PDF' : ''}.`
    case 'settings.update':
      return withChanges('Instellingen gewijzigd', changes(row.oldValue, row.newValue, names))
    case 'school.setup':
      return n['mode'] === 'demo' ? 'De demoschool is ingericht.' : 'De school is ingericht.'
    case 'group.create':
      return typeof n['name'] === 'string' ? `Groep ${n['name']} toegevoegd.` : 'Een groep toegevoegd.'
    case 'group.update': {
      const name = typeof n['name'] === 'string' ? n['name'] : typeof o['name'] === 'string' ? o['name'] : null
      return withChanges(name ? `Groep ${name} gewijzigd` : 'Een groep gewijzigd', changes(row.oldValue, row.newValue, names))
    }
    case 'purpose.create':
      return `Doel '${typeof n['label'] === 'string' ? n['label'] : ''}' toegevoegd.`
    case 'purpose.update':
      return withChanges(`Doel '${typeof n['label'] === 'string' ? n['label'] : ''}' gewijzigd`, changes(row.oldValue, row.newValue, names))
    case 'campaign.start':
      return `Toestemmingsronde ${typeof n['name'] === 'string' ? `'${n['name']}' ` : ''}gestart met ${count(n['forms'], 'formulier', 'formulieren') || 'formulieren'}.`
    case 'campaign.close':
      return `Toestemmingsronde afgesloten: ${typeof n['returned'] === 'number' ? n['returned'] : '?'} van de ${typeof n['total'] === 'number' ? n['total'] : '?'} formulieren terug.`
    case 'scan.confirm': {
      const answers = count(n['answers'], 'antwoord', 'antwoorden') || 'de antwoorden'
      const form = typeof n['code'] === 'string' ? `formulier ${n['code']}` : 'een gescande pagina'
      const who = typeof n['guardianId'] === 'number' ? (names.guardian(n['guardianId']) ?? 'een ouder/verzorger') : 'de ouders/verzorgers samen'
      const signed = n['signed'] === 0 ? ' (geen handtekening gevonden)' : ''
      const round = typeof n['campaign'] === 'string' ? `; telt als terug in de ronde '${n['campaign']}'` : ''
      return `Gescand ${form} van ${pupil} bevestigd: ${answers} vastgelegd als antwoord van ${who}${signed}, met de scan als bewijs${round}.`
    }
    case 'import.commit':
      return `Import uitgevoerd${count(n['files'], 'bestand', 'bestanden') ? ` uit ${count(n['files'], 'bestand', 'bestanden')}` : ''}.`
    case 'import.undo':
      return 'Een import is in zijn geheel ongedaan gemaakt.'
    case 'retention.periods':
      return 'De bewaartermijnen zijn gewijzigd.'
    case 'retention.remove':
      return 'Gegevens van vertrokken leerlingen verwijderd na de bewaartermijn.'
    case 'pupil.rollover': {
      const who = names.pupil ?? 'Een leerling'
      if (typeof n['leftOn'] === 'string') return `${who} vertrokken bij de overgang naar het nieuwe schooljaar, op ${formatDate(n['leftOn'])}.`
      const step = n['step'] === 'repeat' ? ' (blijft zitten)' : n['step'] === 'skip' ? ' (gaat een jaar over)' : ''
      const to = typeof n['group'] === 'string' ? `groep ${n['group']}` : 'een nieuwe groep'
      const level = typeof n['yearLevel'] === 'number' ? `, leerjaar ${n['yearLevel']}` : ''
      return `${who} naar ${to}${level} in schooljaar ${typeof n['schoolYear'] === 'string' ? n['schoolYear'] : 'het nieuwe schooljaar'}${step}.`
    }
    case 'schoolyear.rollover':
      return `Overgang naar schooljaar ${typeof n['schoolYear'] === 'string' ? n['schoolYear'] : 'het nieuwe schooljaar'}${typeof n['moved'] === 'number' ? `: ${n['moved']} leerlingen naar een volgende groep` : ''}${typeof n['left'] === 'number' ? `, ${n['left']} vertrokken` : ''}.`
    default:
      return names.pupil ? `Wijziging in het register bij ${names.pupil}.` : 'Wijziging in het register.'
  }
}

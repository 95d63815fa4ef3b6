// The dossier's history and change log in plain Dutch sentences, as a parent reads them:
// 'Website van de school: van geweigerd naar toestemming, per 12-03-2025, telefonisch'. Never a
// field name, an id, a code or an ISO date; a change whose old and new value are the same is no
// change and gives no sentence.
import { formatDate, type AuditEntryView, type ConsentRecordView, type ConsentSource, type Decision } from '../../../shared/domain.ts'

/** What the sentences need to name things: purposes by code, groups and guardians by id. */
export interface SentenceNames {
  purposeLabel: (code: string) => string | undefined
  groupName: (id: number) => string | undefined
  guardianName: (id: number) => string | undefined
  /** Guardians whose data is left out of this copy (not the requester's): their changes are not described. */
  leftOutGuardians: ReadonlySet<number>
}

const DECISION_WORDS: Record<Decision, string> = { granted: 'toestemming', refused: 'geweigerd', unknown: 'geen antwoord' }

/** How an answer reached the school, as an adverb: 'telefonisch', 'per e-mail'. */
export const SOURCE_WORDS: Record<ConsentSource, string> = {
  paper_form: 'op een papieren formulier',
  email: 'per e-mail',
  phone: 'telefonisch',
  desk: 'aan de balie',
  enrolment_form: 'op het inschrijfformulier',
  import_undo: 'door het ongedaan maken van een import',
}

const FIELD_WORDS: Record<string, string> = {
  firstName: 'voornaam',
  lastNamePrefix: 'tussenvoegsel',
  lastName: 'achternaam',
  birthDate: 'geboortedatum',
  studentNumber: 'leerlingnummer',
  enrolledOn: 'datum van inschrijving',
  leftOn: 'datum van vertrek',
  leavingReason: 'reden van vertrek',
  groupId: 'groep',
  name: 'naam',
  email: 'e-mailadres',
  phone: 'telefoonnummer',
  inGroupApp: 'in de groepsapp',
  preferredChannel: 'voorkeur voor berichten',
  relation: 'relatie',
  entryDate: 'datum',
  kind: 'soort',
  title: 'titel',
  body: 'tekst',
}
/** Derived from another field, or internal: never described on its own. */
const QUIET_FIELDS = new Set(['phoneNormalized', 'version', 'id', 'pupilId', 'guardianId', 'formCode', 'undoneImportBatchId'])

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function valueWords(field: string, v: unknown, names: SentenceNames): string {
  if (v === null || v === undefined || v === '') return 'leeg'
  if (typeof v === 'boolean') return v ? 'ja' : 'nee'
  if (field === 'groupId' && typeof v === 'number') return names.groupName(v) ?? 'een groep van een eerder schooljaar'
  if (field === 'preferredChannel') return v === 'email' ? 'e-mail' : 'de groepsapp'
  if (field === 'body') return 'nieuwe tekst'
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(v)
  return `'${String(v)}'`
}

/** 'voornaam van 'Zoe' in 'Zoë'; groep van groep 4 in groep 5', leaving out what did not change. */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, names: SentenceNames): string[] {
  const out: string[] = []
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (QUIET_FIELDS.has(key) || same(before[key], after[key])) continue
    const field = FIELD_WORDS[key] ?? 'een ander gegeven'
    if (key === 'body') out.push('tekst aangepast')
    else if (!(key in before)) out.push(`${field}: ${valueWords(key, after[key], names)}`)
    else out.push(`${field} van ${valueWords(key, before[key], names)} in ${valueWords(key, after[key], names)}`)
  }
  return out
}

/** 'voornaam 'Zoë', geboortedatum 07-04-2017' for what was filled in when something was added. */
function filledIn(values: unknown, names: SentenceNames): string {
  if (!isObject(values)) return ''
  return Object.entries(values)
    .filter(([k, v]) => !QUIET_FIELDS.has(k) && v !== null && v !== '' && v !== undefined)
    .map(([k, v]) => `${FIELD_WORDS[k] ?? 'een ander gegeven'} ${valueWords(k, v, names)}`)
    .join(', ')
}

const capital = (s: string): string => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`

/** One entry of the change log as a sentence, or null when nothing changed (or it is left out of this copy). */
export function auditSentence(a: AuditEntryView, names: SentenceNames): string | null {
  const before = isObject(a.oldValue) ? a.oldValue : {}
  const after = isObject(a.newValue) ? a.newValue : {}
  const guardian = a.entity === 'guardian' && a.entityId !== null ? names.guardianName(a.entityId) : undefined
  if (a.entity === 'guardian' && a.entityId !== null && names.leftOutGuardians.has(a.entityId)) return null
  switch (a.action) {
    case 'consent.record': {
      const label = names.purposeLabel(String(after.purpose ?? before.purpose ?? '')) ?? 'Een doel'
      const from = (before.decision as Decision | undefined) ?? 'unknown'
      const to = after.decision as Decision | undefined
      if (!to || from === to) return null
      const per = typeof after.effectiveFrom === 'string' ? `, per ${formatDate(after.effectiveFrom)}` : ''
      const how = SOURCE_WORDS[after.source as ConsentSource] ? `, ${SOURCE_WORDS[after.source as ConsentSource]}` : ''
      const who = typeof after.guardianId === 'number' && names.guardianName(after.guardianId) ? `, antwoord van ${names.guardianName(after.guardianId)}` : ''
      return `${label}: van ${DECISION_WORDS[from]} naar ${DECISION_WORDS[to]}${per}${how}${who}.`
    }
    case 'pupil.create':
      return `Leerling in het register gezet${filledIn(after, names) ? ` (${filledIn(after, names)})` : ''}.`
    case 'pupil.update': {
      const changes = fieldChanges(before, after, names)
      return changes.length ? `Gegevens van de leerling gewijzigd: ${changes.join('; ')}.` : null
    }
    case 'pupil.import_undo':
      return 'Een import is ongedaan gemaakt; wat die import bij deze leerling had veranderd, is teruggezet.'
    case 'guardian.create':
      return `Ouder/verzorger toegevoegd: ${String(after.name ?? guardian ?? '')}${after.relation ? ` (${String(after.relation)})` : ''}.`
    case 'guardian.update': {
      const changes = fieldChanges(before, after, names)
      return changes.length ? `Gegevens van ${guardian ?? 'een ouder/verzorger'} gewijzigd: ${changes.join('; ')}.` : null
    }
    case 'guardian.relation':
      return same(a.oldValue, a.newValue) ? null : `Relatie van ${guardian ?? 'een ouder/verzorger'} tot de leerling gewijzigd van '${String(a.oldValue ?? '')}' in '${String(a.newValue ?? '')}'.`
    case 'guardian.link':
      return `${capital(guardian ?? 'een ouder/verzorger')} gekoppeld aan de leerling${after.relation ? ` als ${String(after.relation)}` : ''}.`
    case 'guardian.unlink':
      return `${capital(guardian ?? 'een ouder/verzorger')} is niet meer aan de leerling gekoppeld.`
    case 'dossier.create':
      return `Stuk toegevoegd aan het dossier: '${String(after.title ?? '')}'${after.kind ? ` (${String(after.kind)}` : ' ('}${after.entryDate ? `, ${formatDate(String(after.entryDate))})` : ')'}.`
    case 'dossier.update': {
      const changes = fieldChanges(before, after, names)
      return changes.length ? `Stuk in het dossier gewijzigd: ${changes.join('; ')}.` : null
    }
    case 'dossier.export':
      return `Een kopie van het dossier is gemaakt (${after.format === 'zip' ? 'ZIP met PDF, gegevens en bijlagen' : 'PDF'}).`
    default: {
      const changes = fieldChanges(before, after, names)
      return changes.length ? `Gewijzigd: ${changes.join('; ')}.` : null
    }
  }
}

/**
 * Each consent record as a sentence, with the decision it replaced for that purpose (and that
 * guardian's answer, when answers were per guardian). Newest first, as given.
 */
export function historySentences(history: ConsentRecordView[]): { record: ConsentRecordView; sentence: string }[] {
  const chronological = [...history].reverse()
  const last = new Map<string, Decision>()
  const out: { record: ConsentRecordView; sentence: string }[] = []
  for (const r of chronological) {
    const key = `${r.purposeId}:${r.guardianId ?? ''}`
    const from = last.get(key) ?? 'unknown'
    last.set(key, r.decision)
    const change = from === r.decision ? `opnieuw ${DECISION_WORDS[r.decision]}` : `van ${DECISION_WORDS[from]} naar ${DECISION_WORDS[r.decision]}`
    const parts = [`${r.purposeLabel}: ${change}`, `per ${formatDate(r.effectiveFrom)}`, SOURCE_WORDS[r.source]]
    if (r.sourceDetail) parts.push(`(${r.sourceDetail})`)
    if (r.guardianName) parts.push(`antwoord van ${r.guardianName}`)
    parts.push(`vastgelegd door ${r.recordedBy}`)
    let sentence = `${parts.join(', ').replace(', (', ' (')}.`
    if (r.note) sentence += ` Notitie: ${r.note}`
    if (r.attachment) sentence += ` Bijlage: ${r.attachment.fileName}.`
    out.push({ record: r, sentence })
  }
  return out.reverse()
}

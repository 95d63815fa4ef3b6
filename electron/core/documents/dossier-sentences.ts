// The dossier's consent history in plain Dutch sentences, as a parent reads them: 'Website van
// de school: van geweigerd naar toestemming, per 12-03-2025, telefonisch'. Never a field name, an
// id, a code or an ISO date. (The change log's sentences are the Logboek's: audit/audit-sentences.ts.)
import { formatDate, type ConsentRecordView, type ConsentSource, type Decision } from '../../../shared/domain.ts'

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

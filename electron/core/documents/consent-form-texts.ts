// The words on every consent form: the standard intro, the rules, the rule for a form that asks
// again, and the school's contact for questions and withdrawing (from Instellingen).
import type { SchoolContact } from '../../../shared/documents.contract.ts'

export const DEFAULT_INTRO =
  "Beste ouder/verzorger,\nOp school maken wij foto's en video's van activiteiten en lessen. Daarop kan ook uw kind te zien zijn. " +
  'Wij vragen u per doel of wij beelden van uw kind daarvoor mogen gebruiken. Wilt u dit formulier invullen, ondertekenen en ' +
  'inleveren bij de leerkracht of de administratie?'

export const RULES = [
  'U kunt uw toestemming altijd intrekken of wijzigen, ook later in het schooljaar. Vanaf dat moment gebruiken wij voor dat doel geen nieuwe beelden van uw kind meer.',
  "Deze toestemming geldt alleen voor beelden die door of in opdracht van de school worden gemaakt. Voor foto's die anderen maken, zoals ouders bij een schoolfeest, is de school niet verantwoordelijk.",
  'Kruist u bij een doel niets aan, dan geldt dat als nee.',
]

/** On a form that asks again, instead of the last rule: a blank box never withdraws an earlier answer. */
export const ASK_AGAIN_RULE =
  "Dit formulier vraagt opnieuw naar de doelen met 'NIEUW' of 'TEKST GEWIJZIGD'. Bij de andere doelen blijft uw eerdere antwoord gelden, tenzij u het hier wijzigt; " +
  'een leeg vakje trekt een eerder antwoord niet in. Kruist u bij een nieuw of gewijzigd doel niets aan, dan geldt dat als nee.'

/** 'Vragen, of uw toestemming intrekken? ...' from the school's contact in Instellingen; '' when none is set. */
export function contactRule(schoolName: string, c: SchoolContact | undefined): string {
  if (!c) return ''
  const reach = [c.schoolAddress.replace(/\s*\n\s*/g, ', '), c.schoolEmail, c.schoolPhone].filter(Boolean).join(', ')
  const parts = [
    reach ? `Vragen, of uw toestemming intrekken of wijzigen? Neem contact op met ${schoolName || 'de school'}: ${reach}.` : '',
    c.privacyOfficer ? `Functionaris voor de gegevensbescherming: ${c.privacyOfficer}.` : '',
    c.privacyStatement ? `Hoe de school met uw gegevens omgaat, staat in de privacyverklaring: ${c.privacyStatement}.` : '',
  ]
  return parts.filter(Boolean).join(' ')
}
